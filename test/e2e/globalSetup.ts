import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds main, preload and renderer (electron-vite build) so that `infodiff serve` serves this tree; E2E_SKIP_BUILD=1 skips it. */
export default function globalSetup(): void {
  if (process.env['E2E_SKIP_BUILD'] === '1') return;
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
}
