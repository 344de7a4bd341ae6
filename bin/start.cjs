#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is here, else the same lab in the browser.
// Electron's binary is fetched lazily (by require('electron') or `npx install-electron`); an offline
// machine never gets it. This script looks for it without triggering that download, builds out/ if
// needed, and falls back to `infodiff serve --open` so that the user is never left with nothing.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BUILT = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html'];

/** The Electron executable under `root`/node_modules/electron (path.txt names it inside dist/), or undefined when it is not installed. */
function electronBinary(root = ROOT) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

/** The build outputs missing under `root` (empty: nothing to build). */
function missingBuild(root = ROOT) {
  return BUILT.filter((file) => !existsSync(path.join(root, file)));
}

function build() {
  process.stdout.write(`Building the app first (missing: ${missingBuild().join(', ')})…\n`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('infodiff: the build failed (see above); nothing was started.\n');
    process.exit(result.status ?? 1);
  }
}

/** Runs `command args`, passing Ctrl+C and termination to it, and exits with its code. */
function runAttached(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  // The terminal sends Ctrl+C to the child too; this process waits for it to finish cleanly.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(`infodiff: cannot start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  if (missingBuild().length > 0) build();
  const electron = electronBinary();
  if (electron !== undefined) {
    runAttached(electron, ['.', ...process.argv.slice(2)]);
    return;
  }
  process.stdout.write(
    'The Electron binary is not installed (node_modules/electron has no dist/: it is downloaded on first use, which needs ' +
      'github.com; run `npx install-electron` on a machine with internet access to get the desktop app).\n' +
      'Starting InfoDiff Lab in your browser instead: the same lab, served on 127.0.0.1 only.\n\n',
  );
  runAttached(process.execPath, [path.join(ROOT, 'bin', 'infodiff.cjs'), 'serve', '--open', ...process.argv.slice(2)]);
}

module.exports = { electronBinary, missingBuild };
if (require.main === module) main();
