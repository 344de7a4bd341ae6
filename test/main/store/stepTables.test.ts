import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockMassArtifact, openStore, pruningArtifact, PRUNING_COLUMNS } from '../../../src-main/store';
import { seedRun, tempDir } from './support/fixtures';

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('Store.getBlockMasses(runId, seed?) over blockMassArtifact tables', () => {
  it('returns the stored R × K float64 table of a seed bit for bit (NaN, −0 and subnormals included), the lowest seed by default', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    const seed1 = Float64Array.of(0.25, 0.75, Number.NaN, 1, -0, 5e-324);
    const seed0 = Float64Array.of(0.5, 0.5, 0.1, 0.9, 0.3, 0.7);
    store.putArtifact(runId, blockMassArtifact(1, seed1, 3));
    store.putArtifact(runId, blockMassArtifact(0, seed0, 3));
    const first = store.getBlockMasses(runId)!;
    expect({ seed: first.seed, rows: first.rows, blockCount: first.blockCount }).toEqual({ seed: 0, rows: 3, blockCount: 2 });
    expect(bits(first.masses)).toBe(bits(seed0));
    const other = store.getBlockMasses(runId, 1)!;
    expect(bits(other.masses)).toBe(bits(seed1));
    expect(store.getBlockMasses(runId, 7)).toBeUndefined();
    store.close();
  });

  it('answers undefined for a run stored without tables (before they existed), and not-found for an unknown run', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    store.putArtifact(runId, { name: 'frame', dtype: 'float32', shape: [2, 2], data: new Float32Array(4), seed: 0, step: 3 });
    expect(store.getBlockMasses(runId)).toBeUndefined();
    expect(store.getPruning(runId)).toBeUndefined();
    expect(() => store.getBlockMasses('no-such-run')).toThrow(/no-such-run/);
    store.close();
  });

  it('blockMassArtifact refuses a row count that does not divide the table, naming it', () => {
    expect(() => blockMassArtifact(0, new Float64Array(6), 4)).toThrow('rows: expected a positive integer dividing the table\'s 6 numbers, got 4');
    expect(() => blockMassArtifact(0, new Float64Array(6), 0)).toThrow(/rows: expected a positive integer/);
  });

  it('a table of another shape stored under the name is reported as a storage error, not misread', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    store.putArtifact(runId, { name: 'blockMasses', dtype: 'float32', shape: [2, 2], data: new Float32Array(4), seed: 0 });
    expect(() => store.getBlockMasses(runId)).toThrow(/expected a float64 table, got float32 \[2,2\]/);
    store.close();
  });
});

describe('Store.getPruning(runId, seed?) over pruningArtifact tables', () => {
  it('round-trips the per-step columns (step, ε, skipped fraction, neglected weight) exactly', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    const rows = [
      { step: 9, epsilon: 1e-12, skippedFraction: 0, neglectedWeight: 0 },
      { step: 19, epsilon: 1e-12, skippedFraction: 0.958, neglectedWeight: 4.3e-16 },
    ];
    const artifact = pruningArtifact(2, rows);
    expect(artifact.shape).toEqual([2, PRUNING_COLUMNS.length]);
    store.putArtifact(runId, artifact);
    expect(store.getPruning(runId)).toEqual({ seed: 2, step: [9, 19], epsilon: [1e-12, 1e-12], skippedFraction: [0, 0.958], neglectedWeight: [0, 4.3e-16] });
    store.close();
  });

  it('goes with its run: purging the run deletes the tables and counts their bytes', () => {
    const dir = tempDir();
    const store = openStore({ file: path.join(dir, 'a.db') });
    const { runId } = seedRun(store);
    store.putArtifact(runId, blockMassArtifact(0, new Float64Array(32), 2));
    store.putArtifact(runId, pruningArtifact(0, [{ step: 1, epsilon: 1e-12, skippedFraction: 0.5, neglectedWeight: 0 }]));
    store.finishRun(runId, { status: 'completed' });
    expect(store.purgeRuns([runId])).toEqual({ runs: 1, artifactBytes: 32 * 8 + 4 * 8 });
    store.close();
  });
});
