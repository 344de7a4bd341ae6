import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { acquireWriter, processExists, releaseWriter, writerIsAlive } from '../../../src-main/store/writers';
import { tempDir } from './support/fixtures';

const self = { pid: process.pid, host: hostname() };

describe('writerIsAlive(writer, self, exists)', () => {
  it('is false for a run with no recorded writer or one on another host', () => {
    expect(writerIsAlive({ pid: null, host: null, token: null }, self, () => true)).toBe(false);
    expect(writerIsAlive({ pid: 4242, host: 'elsewhere', token: 't' }, self, () => true)).toBe(false);
  });

  it('asks whether the pid exists for another process of this host', () => {
    expect(writerIsAlive({ pid: 4242, host: self.host, token: 't' }, self, (pid) => pid === 4242)).toBe(true);
    expect(writerIsAlive({ pid: 4242, host: self.host, token: 't' }, self, () => false)).toBe(false);
  });

  it('for this process, is true exactly while the writing Store is open (its token registered)', () => {
    const writer = acquireWriter();
    expect(writerIsAlive(writer, self, () => false)).toBe(true);
    releaseWriter(writer);
    expect(writerIsAlive(writer, self, () => true)).toBe(false);
  });
});

describe('processExists(pid)', () => {
  it('is true for this process and false for a pid that has exited', async () => {
    expect(processExists(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('close', resolve));
    expect(processExists(child.pid!)).toBe(false);
  });
});

describe('openStore() while another process writes', () => {
  it('leaves a live writer’s run running, and marks it interrupted once that process is gone', async () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const writer = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'crashWriter.ts'), file, '1', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const runId = await new Promise<string>((resolve) => {
      let out = '';
      writer.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^run (\S+)$/mu.exec(out);
        if (match) resolve(match[1]!);
      });
    });
    const reader = openStore({ file });
    expect(reader.interrupted).toEqual([]);
    expect(reader.getRun(runId)!.status).toBe('running');
    reader.close();

    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.on('close', resolve));
    const after = openStore({ file });
    expect(after.interrupted).toEqual([runId]);
    expect(after.getRun(runId)).toMatchObject({ status: 'interrupted', error: 'the process writing this run ended before the run finished' });
    after.close();
  });
});
