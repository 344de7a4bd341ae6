import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})/u;

/** A real `infodiff serve` (the built CLI) on a temp data folder and a free port. */
export interface ServeProcess {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `node bin/infodiff.cjs serve --port 0 --data-dir <dir>` (a new temp folder unless one is given) and waits for the URL it prints. */
export async function startServe(threads = 2, prepared?: string): Promise<ServeProcess> {
  const root = path.resolve(path.dirname(__filename), '..', '..');
  const dataDir = prepared ?? mkdtempSync(path.join(tmpdir(), 'infodiff-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin', 'infodiff.cjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--threads', String(threads)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 20 s:\n${text}`)), 20_000);
    const check = () => {
      const found = URL_PATTERN.exec(text);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${text}`)));
  });
  const port = Number(match[1]);
  return {
    url: match[0],
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[2]!,
    dataDir,
    output: () => text,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
