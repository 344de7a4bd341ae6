import { describe, expect, it } from 'vitest';
import { runScheduleComparison } from '../../../src-shared/schedules/compare';
import { parseCompareConfig } from '../../../src-shared/schedules/compareConfig';
import { beginStoredComparison, finishStoredComparison } from '../../../src-main/schedules/store';
import { openStore } from '../../../src-main/store';

describe('beginStoredComparison / finishStoredComparison', () => {
  it('stores one run per schedule (preset schedules, variant = name) with every curve as a float64 [columns, n] artifact', () => {
    const store = openStore({ file: ':memory:' });
    const config = parseCompareConfig({ name: 'gauss', target: 'gaussian', Ks: [3, 5], schedules: ['las', 'edm'], measure: {} });
    const stored = beginStoredComparison(store, config);
    expect(store.listRuns({ preset: 'schedules' }).rows.map((r) => r.status)).toEqual(['running', 'running']);
    const result = runScheduleComparison(config);
    finishStoredComparison(store, stored, { status: 'completed', elapsedMs: 12 }, result);
    const rows = store.listRuns({ preset: 'schedules', sort: 'variant' }).rows;
    expect(rows.map((r) => [r.variant, r.status, r.experiment])).toEqual([['edm', 'completed', 'gauss'], ['las', 'completed', 'gauss']]);
    const las = stored.runIds.get('las')!;
    const record = store.getRun(las)!;
    expect(record.config).toEqual(config);
    expect(record.seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const artifacts = new Map(store.listArtifacts(las).map((a) => [a.name, a]));
    expect([...artifacts.keys()].sort()).toEqual(['grid-K3', 'grid-K5', 'kl-K3', 'kl-K5', 'quality-marginal-kl-nats', 'sweep']);
    expect(artifacts.get('grid-K5')!.shape).toEqual([5, 6]);
    const grid = store.getArtifact(artifacts.get('grid-K5')!.id)!.data as Float64Array;
    const run = result.runs.find((r) => r.schedule === 'las' && r.K === 5)!;
    expect(Array.from(grid.subarray(0, 6))).toEqual(Array.from(run.gammas));
    const kl = store.getArtifact(artifacts.get('kl-K5')!.id)!;
    expect(kl.shape).toEqual([3, 5]);
    expect(Array.from((kl.data as Float64Array).subarray(10))).toEqual(Array.from(run.klPerStep));
    const sweep = store.getArtifact(artifacts.get('sweep')!.id)!;
    expect(Array.from(sweep.data as Float64Array).slice(0, 4)).toEqual([3, 5, result.runs.find((r) => r.schedule === 'las' && r.K === 3)!.klNats, run.klNats]);
    store.close();
  });

  it('a cancelled comparison leaves its runs cancelled with the error and no artifacts', () => {
    const store = openStore({ file: ':memory:' });
    const stored = beginStoredComparison(store, parseCompareConfig({ target: 'binary', Ks: [3], schedules: ['edm'] }));
    finishStoredComparison(store, stored, { status: 'cancelled', error: 'cancelled', elapsedMs: 3 });
    const id = stored.runIds.get('edm')!;
    expect(store.getRun(id)).toMatchObject({ status: 'cancelled', error: 'cancelled', timings: { computeMs: 3 } });
    expect(store.listArtifacts(id)).toEqual([]);
    store.close();
  });
});
