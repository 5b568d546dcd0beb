// Finds the installed Electron executable WITHOUT triggering a download. `require('electron')` (electron 45's
// index.js) fetches the binary on first use, which fails where its host is unreachable; this repeats its lookup
// (path.txt names the executable inside node_modules/electron/dist; ELECTRON_OVERRIDE_DIST_PATH replaces that
// folder) and only checks that the file exists. Plain CommonJS so that scripts/start.mjs (run by Node before
// anything is compiled) and the Playwright launch test share one implementation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * @param {string} projectDir the folder holding node_modules
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{installed: true, path: string} | {installed: false, reason: string}}
 */
function findElectronBinary(projectDir, env = process.env) {
  const pkgDir = path.join(projectDir, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return { installed: false, reason: 'The electron package is not installed (node_modules/electron is missing).' };
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
      reason: "Electron's binary is not installed on this machine (node_modules/electron/path.txt is missing: it could not be downloaded).",
    };
  }
  const candidate = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(candidate)
    ? { installed: true, path: candidate }
    : { installed: false, reason: `Electron's binary is not installed on this machine (${candidate} is missing).` };
}

module.exports = { findElectronBinary };
