import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { type RunSortKey, type Store, RUN_SORT_KEYS, openStore } from '../../../src-main/store';
import { CHUNK_CHARS, ftsQuery } from '../../../src-main/store/runList';
import { finalMetrics, seedRun, tempDir } from './support/fixtures';

/** Six runs over three experiments, created one second apart (run k at t0 + k s). */
function history(): { store: Store; ids: string[] } {
  let clock = 1_700_000_000_000;
  const store = openStore({ file: ':memory:', now: () => (clock += 1000) });
  const grid = store.createExperiment({ name: 'Toy grid sweep', preset: 'paper-toy', tags: ['paper', 'delta'], notes: 'Projected vs unprojected, Karras schedule' });
  const digits = store.createExperiment({ name: 'Digits', preset: 'digits', tags: ['mnist'], notes: 'Bundled MNIST subset' });
  const gmm = store.createExperiment({ name: 'GMM bifurcation', preset: null, tags: ['paper'], notes: '' });
  const base = { seeds: [0, 1], config: {}, configHash: 'h', dataHash: null, appVersion: '0.1.0', backend: 'cpu' };
  const ids = [
    store.createRun({ ...base, experimentId: grid, variant: 'projected', deltaTol: 0.01, name: 'tight delta' }),
    store.createRun({ ...base, experimentId: grid, variant: 'projected', deltaTol: 0.1, name: 'loose delta', notes: 'schedule drift visible' }),
    store.createRun({ ...base, experimentId: grid, variant: 'unprojected', deltaTol: null }),
    store.createRun({ ...base, experimentId: digits, variant: 'projected', deltaTol: 0.05, name: 'Zürich run' }),
    store.createRun({ ...base, experimentId: digits, variant: 'unprojected', deltaTol: null }),
    store.createRun({ ...base, experimentId: gmm, variant: 'projected', deltaTol: 0.2 }),
  ];
  const eInfShift = [0.5, 0.3, 0.9, 0.1, 0.7, 0.2];
  ids.forEach((id, k) => {
    if (k === 5) return;
    store.appendFinals(id, [finalMetrics(0, eInfShift[k]), finalMetrics(1, eInfShift[k])]);
    store.finishRun(id, { status: k === 2 ? 'failed' : 'completed' });
  });
  return { store, ids };
}

const idsOf = (result: { rows: { id: string }[] }, ids: string[]) => result.rows.map((row) => ids.indexOf(row.id));

describe('Store.listRuns(query)', () => {
  it('lists live runs newest first with their experiment and summary, and counts them', () => {
    const { store, ids } = history();
    const result = store.listRuns();
    expect(result.total).toBe(6);
    expect(idsOf(result, ids)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(result.rows[1]).toMatchObject({ experiment: 'Digits', preset: 'digits', variant: 'unprojected', status: 'completed', seedCount: 2 });
    expect(result.rows[1]!.summary).toMatchObject({ seedsFinished: 2, psnr: 30 - 0.5 + 0.7 });
    expect(result.rows[0]!.summary).toBeNull();
    store.close();
  });

  it('filters by status, preset, tag, experiment, starred and creation date, combined with AND', () => {
    const { store, ids } = history();
    expect(idsOf(store.listRuns({ status: 'running' }), ids)).toEqual([5]);
    expect(idsOf(store.listRuns({ status: ['failed', 'running'] }), ids)).toEqual([5, 2]);
    expect(idsOf(store.listRuns({ preset: 'digits' }), ids)).toEqual([4, 3]);
    expect(idsOf(store.listRuns({ tag: 'paper' }), ids)).toEqual([5, 2, 1, 0]);
    expect(idsOf(store.listRuns({ tag: 'paper', status: 'completed' }), ids)).toEqual([1, 0]);
    const created = store.listRuns().rows.map((row) => row.created).sort();
    expect(idsOf(store.listRuns({ createdFrom: created[1]!, createdTo: created[3]! }), ids)).toEqual([2, 1]);
    store.updateRun(ids[3]!, { starred: true });
    expect(idsOf(store.listRuns({ starred: true }), ids)).toEqual([3]);
    expect(store.listRuns({ experimentId: store.getRun(ids[5]!)!.experimentId }).total).toBe(1);
    store.close();
  });

  it('searches words as prefixes in run and experiment names and notes, ignoring case and accents', () => {
    const { store, ids } = history();
    expect(idsOf(store.listRuns({ search: 'delta' }), ids)).toEqual([1, 0]);
    expect(idsOf(store.listRuns({ search: 'karr' }), ids)).toEqual([2, 1, 0]);
    expect(idsOf(store.listRuns({ search: 'zurich' }), ids)).toEqual([3]);
    expect(idsOf(store.listRuns({ search: 'MNIST subset' }), ids)).toEqual([4, 3]);
    expect(idsOf(store.listRuns({ search: 'schedule drift' }), ids)).toEqual([1]);
    expect(store.listRuns({ search: 'nothing-like-this' }).total).toBe(0);
    expect(store.listRuns({ search: '  ' }).total).toBe(6);
    store.close();
  });

  it('treats FTS syntax in a search as plain text', () => {
    const { store } = history();
    for (const search of ['"', 'a OR', 'NOT', '*', 'delta)', '(', 'col:x', '-', '^', 'δ=0.1']) {
      expect(() => store.listRuns({ search })).not.toThrow();
    }
    expect(ftsQuery('toy "grid')).toBe('"toy"* """grid"*');
    store.close();
  });

  it('keeps search in sync when names and notes change', () => {
    const { store, ids } = history();
    store.updateRun(ids[4]!, { notes: 'surprising bifurcation' });
    expect(idsOf(store.listRuns({ search: 'surprising' }), ids)).toEqual([4]);
    store.updateRun(ids[4]!, { notes: '' });
    expect(store.listRuns({ search: 'surprising' }).total).toBe(0);
    store.updateExperiment(store.getRun(ids[5]!)!.experimentId, { name: 'Mixture split' });
    expect(idsOf(store.listRuns({ search: 'mixture' }), ids)).toEqual([5]);
    expect(store.listRuns({ search: 'bifurcation' }).total).toBe(0);
    store.close();
  });

  it('sorts by a summary metric either way, runs without a summary last', () => {
    const { store, ids } = history();
    expect(idsOf(store.listRuns({ sort: 'eInf' }), ids)).toEqual([3, 1, 0, 4, 2, 5]);
    expect(idsOf(store.listRuns({ sort: 'eInf', order: 'desc' }), ids)).toEqual([2, 4, 0, 1, 3, 5]);
    expect(idsOf(store.listRuns({ sort: 'deltaTol' }), ids)).toEqual([0, 3, 1, 5, 2, 4]);
    expect(store.listRuns({ sort: 'experiment' }).rows.map((r) => r.experiment)).toEqual(['Digits', 'Digits', 'GMM bifurcation', 'Toy grid sweep', 'Toy grid sweep', 'Toy grid sweep']);
    store.close();
  });

  it('sorts names case-blind and pages through any sort in its order', () => {
    const { store, ids } = history();
    ['alpha', 'Beta', 'gamma', 'Delta', 'epsilon', 'Zeta'].forEach((name, k) => store.updateRun(ids[k]!, { name }));
    expect(store.listRuns({ sort: 'name' }).rows.map((r) => r.name)).toEqual(['alpha', 'Beta', 'Delta', 'epsilon', 'gamma', 'Zeta']);
    expect(store.listRuns({ sort: 'name', order: 'desc' }).rows.map((r) => r.name)).toEqual(['Zeta', 'gamma', 'epsilon', 'Delta', 'Beta', 'alpha']);
    const pages = [0, 2, 4].map((offset) => idsOf(store.listRuns({ sort: 'eInf', limit: 2, offset }), ids));
    expect(pages).toEqual([[3, 1], [0, 4], [2, 5]]);
    store.close();
  });

  it('pages with limit and offset while total counts every match', () => {
    const { store, ids } = history();
    const pages = [0, 2, 4].map((offset) => store.listRuns({ limit: 2, offset }));
    expect(pages.map((page) => idsOf(page, ids))).toEqual([[5, 4], [3, 2], [1, 0]]);
    expect(pages.every((page) => page.total === 6)).toBe(true);
    expect(store.listRuns({ limit: 2, offset: 6 }).rows).toEqual([]);
    store.close();
  });

  it('rejects a bad sort key, order, status or page with invalid-argument', () => {
    const { store } = history();
    expect(() => store.listRuns({ sort: 'colour' as never })).toThrow(/sort: expected one of created/);
    expect(() => store.listRuns({ order: 'up' as never })).toThrow(/order: expected 'asc' or 'desc'/);
    expect(() => store.listRuns({ status: 'done' as never })).toThrow(/status\[0\]: expected one of queued/);
    expect(() => store.listRuns({ limit: -1 })).toThrow(/limit: expected an integer ≥ 0, got -1/);
    store.close();
  });

  it('listRuns({ sort, order, limit, offset }) returns the order of an ORDER BY on the columns, for every sort key both ways, on 1,000 runs with ties and NULLs', () => {
    // The list concatenates each page in SQL (group_concat over an ordered subquery) and parses it in chunks: this checks that the order survives both.
    const file = path.join(tempDir(), 'infodiff.db');
    let clock = 1_700_000_000_000;
    const store = openStore({ file, now: () => (clock += 1 + (clock % 3 === 0 ? 0 : 1000)) });
    const rng = new CounterRng(90, 0);
    const pick = <T>(values: readonly T[]): T => values[rng.nextInt(values.length)]!;
    const experiments = ['alpha', 'Beta', 'gamma', 'Delta', 'beta'].map((name) => store.createExperiment({ name, preset: pick(['digits', null]), tags: [] }));
    for (let k = 0; k < 1000; k++) {
      const runId = store.createRun({
        experimentId: pick(experiments), name: pick(['a', 'B', 'c', 'b', '']), variant: pick(['projected', 'unprojected']), deltaTol: pick([null, 0.1, 0.2, rng.nextUniform()]),
        seeds: [0], config: {}, configHash: 'h', dataHash: null, appVersion: '0', backend: 'cpu',
      });
      if (k % 4 !== 0) store.appendFinals(runId, [{ ...finalMetrics(0, pick([0, 0.5, rng.nextUniform()])), mse: pick([1, Number.NaN]) }]);
      if (k % 3 === 0) store.finishRun(runId, { status: pick(['completed', 'failed', 'cancelled'] as const) });
    }
    const columns: Record<RunSortKey, string> = {
      created: 'created_at', name: 'name COLLATE NOCASE', experiment: 'experiment_name COLLATE NOCASE', status: 'status', variant: 'variant',
      deltaTol: 'delta_tol', eInf: 'mean_e_inf', e1: 'mean_e1', mse: 'mean_mse', psnr: 'mean_psnr', vDeltaNats: 'mean_v_delta_nats',
    };
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT sum(length(list_values) + 2) FROM runs').pluck().get()).toBeGreaterThan(2 * CHUNK_CHARS);
    for (const sort of RUN_SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = db.prepare(`SELECT id FROM runs WHERE deleted_at IS NULL ORDER BY ${columns[sort]} ${order} NULLS LAST, seq ${order}`).pluck().all();
        expect(store.listRuns({ sort, order }).rows.map((r) => r.id)).toEqual(expected);
        expect(store.listRuns({ sort, order, limit: 37, offset: 50 }).rows.map((r) => r.id)).toEqual(expected.slice(50, 87));
      }
    }
    db.close();
    store.close();
  });
});
