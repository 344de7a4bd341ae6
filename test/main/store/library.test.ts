import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { sha256Hex } from '../../../src-main/store/hash';
import { seedRun } from './support/fixtures';

const clock = () => {
  let t = 1_700_000_000_000;
  return () => (t += 1000);
};

describe('Store partition library', () => {
  it('saves a label map bit for bit, lists it without labels, renames and deletes it', () => {
    const store = openStore({ file: ':memory:', now: clock() });
    const labels = Int32Array.from({ length: 6 * 4 }, (_, k) => (k % 4 < 2 ? 0 : 1) + (k < 12 ? 0 : 2));
    const id = store.savePartition({ name: '2×2 grid', height: 6, width: 4, labels });
    expect(store.listPartitions()).toEqual([expect.objectContaining({ id, name: '2×2 grid', height: 6, width: 4, blockCount: 4 })]);
    expect(store.getPartition(id)!.labels).toEqual(labels);
    store.updatePartition(id, { name: 'quadrants', notes: 'for the toy' });
    expect(store.getPartition(id)).toMatchObject({ name: 'quadrants', notes: 'for the toy' });
    store.deletePartition(id);
    expect(store.getPartition(id)).toBeUndefined();
    expect(() => store.deletePartition(id)).toThrow(expect.objectContaining({ code: 'not-found' }));
    store.close();
  });

  it('refuses a label outside [0, blockCount) naming the pixel, and a size mismatch', () => {
    const store = openStore({ file: ':memory:' });
    const labels = Int32Array.from({ length: 64 }, (_, k) => k % 16);
    labels[37] = 18;
    expect(() => store.savePartition({ name: 'p', height: 8, width: 8, labels, blockCount: 16 })).toThrow('labels[37]: expected an integer block id in [0, 16), got 18');
    expect(() => store.savePartition({ name: 'p', height: 8, width: 7, labels })).toThrow(/labels: expected an Int32Array of height × width = 56 labels/);
    store.close();
  });
});

describe('Store schedule library', () => {
  it('keeps σ levels exactly as used, with their hash, kind and parameters', () => {
    const store = openStore({ file: ':memory:' });
    const sigmas = Float64Array.of(80, 24.4 + 1e-13, 0.1 + 0.2, 0.002, 0);
    const id = store.saveSchedule({ name: 'karras 4', kind: 'karras', params: { rho: 7, sigmaMin: 0.002, sigmaMax: 80 }, sigmas });
    const saved = store.getSchedule(id)!;
    expect(Buffer.from(saved.sigmas.buffer).equals(Buffer.from(sigmas.buffer))).toBe(true);
    expect(saved).toMatchObject({ steps: 4, kind: 'karras', params: { rho: 7, sigmaMin: 0.002, sigmaMax: 80 }, sigmasHash: sha256Hex(new Uint8Array(sigmas.buffer)) });
    expect(store.listSchedules().map((s) => s.id)).toEqual([id]);
    store.close();
  });

  it('refuses levels that do not decrease strictly or do not end at exactly 0', () => {
    const store = openStore({ file: ':memory:' });
    expect(() => store.saveSchedule({ name: 's', kind: 'custom', sigmas: Float64Array.of(1, 1, 0) })).toThrow(/sigmas\[1\]: expected a finite level below the previous one, got 1/);
    expect(() => store.saveSchedule({ name: 's', kind: 'custom', sigmas: Float64Array.of(1, 0.5, 1e-9) })).toThrow(/sigmas\[2\]: expected exactly 0/);
    expect(() => store.saveSchedule({ name: 's', kind: 'custom', sigmas: Float64Array.of(Number.NaN, 0) })).toThrow(/sigmas\[0\]/);
    store.close();
  });
});

describe('Store exported figures', () => {
  it('records what was exported from which runs, and keeps that provenance after the runs are purged', () => {
    const store = openStore({ file: ':memory:', now: clock() });
    const { runId } = seedRun(store);
    const other = seedRun(store).runId;
    const id = store.saveFigure({ name: 'e_inf vs step', format: 'pdf', filePath: '/tmp/fig.pdf', spec: { chart: 'eInf', width: 3.3 }, runIds: [runId, other, runId], appVersion: '0.1.0' });
    const second = store.saveFigure({ name: 'table', format: 'csv', spec: {}, runIds: [other], appVersion: '0.1.0' });
    expect(store.getFigure(id)).toMatchObject({ format: 'pdf', filePath: '/tmp/fig.pdf', spec: { chart: 'eInf', width: 3.3 }, runIds: [runId, other].sort() });
    expect(store.listFigures(runId).map((f) => f.id)).toEqual([id]);
    expect(store.listFigures().map((f) => f.id)).toEqual([second, id]);
    store.finishRun(runId, { status: 'completed' });
    store.purgeRuns([runId]);
    expect(store.getFigure(id)!.runIds).toContain(runId);
    expect(() => store.saveFigure({ name: 'x', format: 'gif' as never, spec: {}, runIds: [other], appVersion: '1' })).toThrow(/format: expected one of svg, pdf, png, csv/);
    store.close();
  });
});
