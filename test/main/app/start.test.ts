import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const start = createRequire(__filename)(path.join(ROOT, 'bin', 'start.cjs')) as {
  electronBinary(root?: string): string | undefined;
  missingBuild(root?: string): string[];
};

describe('bin/start.cjs (npm start)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'infodiff-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('electronBinary() finds the executable that path.txt names in dist/, without require("electron")', () => {
    expect(start.electronBinary(root)).toBeUndefined();
    const dir = path.join(root, 'node_modules', 'electron');
    mkdirSync(path.join(dir, 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(start.electronBinary(root)).toBeUndefined();
    writeFileSync(path.join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'dist', 'electron'), 0o755);
    expect(start.electronBinary(root)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('missingBuild() lists the outputs a start needs that are not built', () => {
    expect(start.missingBuild(root)).toEqual(['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html']);
  });

  it.runIf(existsSync(path.join(ROOT, 'out', 'main', 'cli.js')) && start.electronBinary() === undefined)(
    'without the Electron binary it says so plainly and serves the lab, printing the URL to open',
    async () => {
      const dataDir = path.join(root, 'data');
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'start.cjs'), '--port', '0', '--data-dir', dataDir, '--threads', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL after 20 s:\n${output}`)), 20_000);
        child.stdout.on('data', () => {
          if (/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/u.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await code).toBe(0);
      expect(output).toContain('The Electron binary is not installed');
      expect(output).toContain('Starting InfoDiff Lab in your browser instead');
    },
  );
});
