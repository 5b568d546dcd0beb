// `npm start` (after `npm run build`): the desktop app. Electron 45 fetches its binary on first use, so where it is
// not installed yet this runs Electron's own installer first (electron-binary.cjs). Only when that really fails (no
// network, a proxy, a checksum) does it say so in one line with the installer's own reason, then start the browser
// edition (`senco-desk serve`, the loopback host on 127.0.0.1 with a per-run token) on the default data folder,
// opened in the system browser where possible. Never a stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { prepareElectron } = require('../electron/shell/electron-binary.cjs');

/** Ends with the child's exit code, passing Ctrl+C and termination on to it. */
function relay(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    process.stderr.write(`SENCo Desk could not start: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function openInBrowser(url) {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const opener = spawn(command, args, { stdio: 'ignore', detached: true });
    opener.on('error', () => undefined); // no opener here (a server, a container): the address is printed anyway
    opener.unref();
  } catch {
    // as above
  }
}

function startDesktop(binary) {
  const env = { ...process.env };
  // If set, Electron would run as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  relay(spawn(binary, [projectDir], { cwd: projectDir, stdio: 'inherit', env }));
}

function startBrowserEdition(reason) {
  process.stdout.write(`${reason} SENCo Desk is starting its browser edition instead.\n`);
  const child = spawn(process.execPath, [join(projectDir, 'bin', 'senco-desk.cjs'), 'serve'], {
    cwd: projectDir,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let seen = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    seen += chunk.toString();
    const match = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(seen);
    if (match) {
      opened = true;
      openInBrowser(match[0]);
    }
  });
  relay(child);
}

const electron = await prepareElectron(projectDir);
if (electron.desktop) startDesktop(electron.path);
else startBrowserEdition(`${electron.reason.replace(/\.$/, '')}, so`);
