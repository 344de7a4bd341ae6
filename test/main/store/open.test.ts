import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { openStore } from '../../../src-main/store';
import { stepMetrics, seedRun, tempDir } from './support/fixtures';

/** A closed store file (WAL checkpointed into it) with one run of 4,000 step rows: ~100 pages of data. */
function filledStoreFile(): string {
  const file = path.join(tempDir(), 'infodiff.db');
  const store = openStore({ file });
  const { runId } = seedRun(store);
  store.appendSteps(runId, Array.from({ length: 4000 }, (_, k) => stepMetrics(k % 2, Math.floor(k / 2))));
  store.finishRun(runId, { status: 'completed' });
  store.close();
  return file;
}

/** Overwrites `length` bytes at `offset` with seeded random bytes. */
function scribble(file: string, offset: number, length: number, seed: number): void {
  const rng = new CounterRng(seed, 0);
  const bytes = Uint8Array.from({ length }, () => rng.nextInt(256));
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, length, offset);
  closeSync(fd);
}

describe('openStore({ file }) integrity check', () => {
  it('refuses a file whose header is overwritten with storage-corrupt, naming the file and what to do', () => {
    const file = filledStoreFile();
    scribble(file, 0, 100, 1);
    expect(() => openStore({ file })).toThrow(
      expect.objectContaining({ code: 'storage-corrupt', message: expect.stringMatching(new RegExp(`${file.replaceAll('.', '\\.')} is damaged.*move the file aside.*new, empty database`)) }),
    );
  });

  it('refuses a file whose b-tree pages are overwritten, and points to the backup when there is one', () => {
    const file = filledStoreFile();
    writeFileSync(`${file}.v40.bak`, readFileSync(file));
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(20);
    for (let page = Math.floor(pages / 3); page < Math.floor((2 * pages) / 3); page++) scribble(file, page * pageSize, 64, page);
    expect(() => openStore({ file })).toThrow(
      expect.objectContaining({ code: 'storage-corrupt', message: expect.stringContaining(`copy the backup ${file}.v40.bak`) }),
    );
  });

  it('opens an intact file that was closed cleanly, with its runs', () => {
    const file = filledStoreFile();
    const store = openStore({ file });
    expect(store.listRuns().total).toBe(1);
    store.close();
  });
});
