/**
 * Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, beside (never
 * over) the Node-ABI build in node_modules/better-sqlite3/build that tests, the CLI and serve use;
 * nativeBinding.ts picks between them at run time. Needs internet (GitHub prebuilds or Electron
 * headers), so run it once per platform on a machine that has it:
 *
 *   npx tsx src-main/store/native/buildElectronBinding.ts [electron version]
 *
 * It works on a copy of the package in a temporary folder, because @electron/rebuild and
 * electron-builder's install-app-deps delete node_modules/better-sqlite3/build before they fail.
 * First it tries the published prebuild (prebuild-install --runtime electron), then a source build
 * against Electron's headers (node-gyp --dist-url=https://electronjs.org/headers).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ELECTRON_BINDING_PATH } from '../nativeBinding';

const root = process.cwd();
const require = createRequire(path.join(root, 'package.json'));
const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const electronVersion = process.argv[2] ?? (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const sqliteVersion = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

// npm/npx export their config as npm_config_*; a `nodedir` there (this project's dev machines set
// one) would make node-gyp build against Node's headers instead of Electron's.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/iu.test(key)));

function run(command: string, args: readonly string[], cwd: string): boolean {
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit', env });
    return true;
  } catch {
    return false;
  }
}

/** An Electron-ABI binary must fail to load under this Node with a NODE_MODULE_VERSION mismatch. */
function isForeignAbi(binary: string): boolean {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(binary)})`], { stdio: 'pipe', env });
    return false;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr).includes('NODE_MODULE_VERSION');
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'better-sqlite3-electron-'));
try {
  cpSync(packageDir, work, { recursive: true, filter: (source) => !source.startsWith(path.join(packageDir, 'build')) });
  const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform];
  const built =
    run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target], work) ||
    run(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], work);
  const binary = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(binary)) {
    console.error(`could not build better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: is this machine online?`);
    process.exitCode = 1;
  } else if (!isForeignAbi(binary)) {
    console.error(`the build loads under Node ${process.version}, so it was made for Node's ABI, not Electron's; not installed`);
    process.exitCode = 1;
  } else {
    const destination = path.join(root, ELECTRON_BINDING_PATH);
    mkdirSync(path.dirname(destination), { recursive: true });
    copyFileSync(binary, destination);
    const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch, built: new Date().toISOString() };
    writeFileSync(path.join(path.dirname(destination), 'build-info.json'), `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`wrote ${destination} (better-sqlite3 ${sqliteVersion}, Electron ${electronVersion}, ${process.platform}-${process.arch})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
