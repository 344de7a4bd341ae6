import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRendererDir, serveCommand, startServe } from '../../../src-main/cli/commands/serve';
import type { CliIo } from '../../../src-main/cli/types';

function bufferIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', isTty: false, stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('infodiff serve', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'infodiff-serve-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serve --help prints the usage and exits 0; bad flags exit 2 naming the flag', async () => {
    const help = bufferIo();
    expect(await serveCommand(['--help'], help)).toBe(0);
    expect(help.out).toMatch(/^usage: infodiff serve \[--port P\] \[--data-dir DIR\]/u);
    for (const argv of [['--port', '70000'], ['--port', 'x'], ['--threads', '0'], ['--bogus']]) {
      const io = bufferIo();
      expect(await serveCommand(argv, io), argv.join(' ')).toBe(2);
      expect(io.err).toContain(argv[0]!.replace(/^--/u, ''));
    }
  });

  it('startServe() serves on 127.0.0.1 with the data folder asked for, and stop() closes everything', async () => {
    const running = await startServe({ port: 0, dataDir: path.join(root, 'data'), threads: 1 });
    expect(running.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/u);
    expect(running.store.path).toBe(path.join(root, 'data', 'infodiff.db'));
    const response = await fetch(`${running.server.origin}/api/invoke/app:info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${running.server.token}` }, body: '{}' });
    expect(await response.json()).toMatchObject({ ok: true, value: { dataDir: path.join(root, 'data') } });
    await running.stop();
    await expect(fetch(running.server.origin)).rejects.toThrow();
  });

  it('findRendererDir() finds out/renderer beside the bundle or under the project root, else nothing', () => {
    expect(findRendererDir(root)).toBeUndefined();
  });
});
