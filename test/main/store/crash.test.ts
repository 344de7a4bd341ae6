import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { openStore } from '../../../src-main/store';
import { blockMassTable } from './support/data';
import { tempDir } from './support/fixtures';

const WRITER = path.join(import.meta.dirname, 'support', 'crashWriter.ts');
const MOMENTS = 21;
const WRITERS_AT_ONCE = 3;
const SEEDS = 5;
const STEPS_PER_BATCH = 10;

interface Killed {
  readonly runId: string;
  /** Last batch whose commit the child reported (−1: none). */
  readonly committed: number;
  /** Last batch the child started (−1: none). */
  readonly begun: number;
}

/** Spawns a writer, waits until its run exists, lets it write for `delayMs`, then SIGKILLs it and waits for its exit. */
function killWriterAfter(file: string, delayMs: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(SEEDS), String(STEPS_PER_BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === undefined && /^run \S+$/mu.test(out)) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself (code ${code}): ${err}`));
      const last = (word: string) => [...out.matchAll(new RegExp(`^${word} (\\d+)$`, 'gmu'))].reduce((max, m) => Math.max(max, Number(m[1])), -1);
      resolve({ runId: /^run (\S+)$/mu.exec(out)![1]!, committed: last('committed'), begun: last('begin') });
    });
  });
}

describe('run writers killed with SIGKILL', () => {
  it(`leave a clean database at each of ${MOMENTS} random moments: each run is interrupted with exactly its committed batches and whole block-mass tables`, { timeout: 180_000 }, async () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const rng = new CounterRng(20251122, 0);
    const seen: { runId: string; batches: number }[] = [];
    for (let group = 0; group < MOMENTS / WRITERS_AT_ONCE; group++) {
      // Writers of a group share the file and contend for its write lock, as the app and a CLI would.
      // A writer that opens after another was killed marks that run itself; one that opens while
      // another lives must leave it running (else the live one fails its next batch and rejects).
      const killed = await Promise.all(Array.from({ length: WRITERS_AT_ONCE }, () => killWriterAfter(file, 5 + rng.nextInt(196))));

      const store = openStore({ file });
      expect(killed.map((k) => k.runId)).toEqual(expect.arrayContaining([...store.interrupted]));
      for (const { runId, committed, begun } of killed) {
        expect(store.getRun(runId)!.status).toBe('interrupted');
        const steps = store.getSteps(runId);
        const batches = steps.length / (SEEDS * STEPS_PER_BATCH);
        expect(Number.isInteger(batches), `${steps.length} rows is not a whole number of batches`).toBe(true);
        expect(batches - 1).toBeGreaterThanOrEqual(committed);
        expect(batches - 1).toBeLessThanOrEqual(begun);
        for (let seed = 0; seed < SEEDS; seed++) {
          expect(steps.filter((s) => s.seed === seed).map((s) => s.step)).toEqual(Array.from({ length: batches * STEPS_PER_BATCH }, (_, i) => i));
        }
        // Block-mass tables: each stored one whole, table k only after batch k's steps, none after a batch not begun.
        const tables = store.listArtifacts(runId).filter((a) => a.name === 'blockMasses').map((a) => a.seed!).sort((a, b) => a - b);
        expect(tables).toEqual(Array.from({ length: tables.length }, (_, k) => k));
        expect(tables.length).toBeGreaterThanOrEqual(Math.max(0, committed + 1));
        expect(tables.length).toBeLessThanOrEqual(batches);
        for (const k of tables) expect(Array.from(store.getBlockMasses(runId, k)!.masses)).toEqual(Array.from(blockMassTable(k)));
        seen.push({ runId, batches });
      }
      for (const earlier of seen) expect(store.getRun(earlier.runId)).toMatchObject({ status: 'interrupted', stepCount: earlier.batches * SEEDS * STEPS_PER_BATCH });
      store.close();

      const check = new Database(file, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }
    expect(seen).toHaveLength(MOMENTS);
    expect(seen.filter((s) => s.batches > 0).length).toBeGreaterThan(MOMENTS / 2);
  });
});
