// Finds Electron's executable, and fetches it on first use with Electron's own installer. electron 45 has no
// install script: `npm ci` never downloads the binary, and its index.js (`require('electron')`) runs
// `node_modules/electron/install.js` on first use, then throws a fixed "Electron failed to install correctly" that
// hides why. Here the lookup repeats index.js's (path.txt names the executable inside node_modules/electron/dist;
// ELECTRON_OVERRIDE_DIST_PATH replaces that folder) without downloading anything, and `prepareElectron` runs the
// same installer itself, keeping the installer's real error (a network failure, a proxy, a checksum) for the
// message. Plain CommonJS so that scripts/start.mjs (run by Node before anything is compiled), the unit tests and
// the Playwright launch test share one implementation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

/**
 * @param {string} projectDir the folder holding node_modules
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{installed: true, path: string} | {installed: false, reason: string, packageMissing?: true}}
 */
function findElectronBinary(projectDir, env = process.env) {
  const pkgDir = path.join(projectDir, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return {
      installed: false,
      packageMissing: true,
      reason: 'The electron package is not installed (node_modules/electron is missing: run npm ci).',
    };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return fs.existsSync(candidate)
      ? { installed: true, path: candidate }
      : { installed: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist.` };
  }
  if (!relative) {
    return {
      installed: false,
      reason:
        "Electron's binary is not installed on this machine (node_modules/electron/path.txt is missing: it has not been downloaded yet). To run it, install Electron's binary where it can be downloaded: npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.",
    };
  }
  const candidate = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(candidate)
    ? { installed: true, path: candidate }
    : {
        installed: false,
        reason: `Electron's binary is not installed on this machine (${candidate} is missing). To run it, install Electron's binary where it can be downloaded: npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.`,
      };
}

/** Loaded into the installer's Node with --require: a failed fetch() names its cause ("fetch failed" alone does not). */
const FETCH_CAUSE = path.join(__dirname, 'electron-fetch-cause.cjs');

/**
 * The reason in an installer's error output: its first line (the error's message; install.js prints the stack),
 * without the error's class name. Pure.
 * @param {string} stderr
 * @returns {string}
 */
function installerReason(stderr) {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !/^at\s/.test(l) && !/^Downloading Electron/i.test(l));
  return line ? line.replace(/^(?:[A-Z][A-Za-z]*)?Error:\s*/, '') : '';
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js, the `install-electron` command) and reports
 * how it ended. Its standard output goes on to `output` as it comes; its error output (a stack trace on failure) is
 * kept for the reason.
 * @param {string} projectDir
 * @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number, output?: (s: string) => void }} [opts]
 * @returns {Promise<{ok: true} | {ok: false, reason: string}>}
 */
function runElectronInstaller(projectDir, opts = {}) {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? 15 * 60_000;
  const output = opts.output ?? ((s) => process.stdout.write(s));
  const installer = path.join(projectDir, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer))
    return Promise.resolve({ ok: false, reason: `Electron's installer ${installer} is missing (reinstall with npm ci)` });
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    const child = spawn(process.execPath, ['--require', FETCH_CAUSE, installer], {
      cwd: path.dirname(installer),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout.on('data', (c) => output(c.toString()));
    child.stderr.on('data', (c) => {
      stderr += c.toString();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `Electron's installer could not be run (${err.message})` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut)
        resolve({ ok: false, reason: `the download took longer than ${Math.round(timeoutMs / 60_000)} minutes and was stopped` });
      else if (code === 0) resolve({ ok: true });
      else {
        const why = installerReason(stderr);
        resolve({
          ok: false,
          reason: why || (signal ? `Electron's installer was stopped (${signal})` : `Electron's installer failed with exit code ${code}`),
        });
      }
    });
  });
}

/**
 * What `npm start` opens: the desktop app when Electron's binary is there or its installer fetches it now, else the
 * browser edition with the real reason. `find` and `install` are injectable for tests.
 * @param {string} projectDir
 * @param {{ env?: NodeJS.ProcessEnv, find?: typeof findElectronBinary, install?: (projectDir: string) => Promise<{ok: true} | {ok: false, reason: string}>, log?: (s: string) => void }} [opts]
 * @returns {Promise<{desktop: true, path: string} | {desktop: false, reason: string}>}
 */
async function prepareElectron(projectDir, opts = {}) {
  const env = opts.env ?? process.env;
  const find = opts.find ?? findElectronBinary;
  const install = opts.install ?? ((dir) => runElectronInstaller(dir, { env }));
  const log = opts.log ?? ((s) => process.stdout.write(s));
  const before = find(projectDir, env);
  if (before.installed) return { desktop: true, path: before.path };
  // Nothing to run the installer from, or the user chose the folder themselves: downloading would not help.
  if (before.packageMissing || env.ELECTRON_OVERRIDE_DIST_PATH) return { desktop: false, reason: before.reason };
  const skip = env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  if (skip && skip !== '0' && skip.toLowerCase() !== 'false') {
    return {
      desktop: false,
      reason:
        "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded (unset it to download it).",
    };
  }
  log("Electron's binary is not installed yet: downloading it with Electron's installer (about 100 MB, once)...\n");
  const outcome = await install(projectDir);
  if (!outcome.ok) return { desktop: false, reason: `Electron's binary could not be downloaded: ${outcome.reason.replace(/\.$/, '')}.` };
  const after = find(projectDir, env);
  if (after.installed) return { desktop: true, path: after.path };
  return { desktop: false, reason: `Electron's installer finished, but ${after.reason.charAt(0).toLowerCase()}${after.reason.slice(1)}` };
}

module.exports = { findElectronBinary, installerReason, runElectronInstaller, prepareElectron };
