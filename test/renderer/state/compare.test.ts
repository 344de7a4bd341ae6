import { describe, expect, it } from 'vitest';
import type { BlockMassSeriesData, FinalRowData, RunRecordData } from '../../../src-shared/ipc/contract';
import { CounterRng } from '../../../src-shared/math/rng';
import {
  bandViolations, binViolations, compareReducer, compareSteps, finalsTable, HEATMAP_MAX_COLUMNS, heatmapColumn, initialCompareState, VIOLATION_FLOOR, type ComparedRun,
} from '../../../src-renderer/state/compare';
import { expectClose } from '../../support/close';

const record = (id: string, variant: string, experimentId = 'e', created = 0) => ({ id, variant, experimentId, experiment: 'x', created }) as RunRecordData;
const finalsOf = (values: Record<number, number>) => Object.entries(values).map(([seed, eInf]) => ({ seed: Number(seed), eInf, e1: eInf, mse: null, psnr: null, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0 }) as FinalRowData);
const run = (r: RunRecordData, finals: FinalRowData[] | null): ComparedRun => ({ record: r, series: null, finals, blocks: null, frames: [] });

describe('bandViolations(series)', () => {
  it('is |w − m| − δ clipped at 0 for an absolute band inside [0, 1], on 500 random blocks', () => {
    const rng = new CounterRng(11, 0);
    const delta = 0.01;
    const targets = Array.from({ length: 500 }, () => 0.05 + 0.9 * rng.nextUniform());
    const masses = targets.map((m) => m + (rng.nextUniform() - 0.5) * 0.06);
    const series = { targets, lower: targets.map((m) => m - delta), upper: targets.map((m) => m + delta), masses: [masses] } as unknown as BlockMassSeriesData;
    const expected = masses.map((w, k) => {
      const v = Math.max(Math.abs(w - targets[k]!) - delta, 0);
      return v < VIOLATION_FLOOR ? 0 : v;
    });
    // L − w and w − U are each one subtraction away from |w − m| − δ: a few ulps of 1.
    expectClose(bandViolations(series)[0]!, expected, { absTol: 4 * Number.EPSILON });
  });

  it('reads storage noise below the floor as 0 and an undefined mass as NaN', () => {
    const series = { lower: [0.4, 0.4, 0.4], upper: [0.6, 0.6, 0.6], masses: [[0.6 + VIOLATION_FLOOR / 10, 0.3, null]] } as unknown as BlockMassSeriesData;
    const [row] = bandViolations(series);
    expect(row![0]).toBe(0);
    expect(row![1]).toBeCloseTo(0.1, 15);
    expect(row![2]).toBeNaN();
  });
});

describe('finalsTable(runs)', () => {
  it('summarises each run and pairs projected runs with their experiment’s baseline by seed', () => {
    const base = run(record('b', 'unprojected'), finalsOf({ 0: 0.05, 1: 0.07, 2: 0.06, 3: 0.08 }));
    const proj = run(record('p', 'delta=0.01'), finalsOf({ 0: 0.01, 1: 0.01, 2: 0.012, 4: 0.5 }));
    const other = run(record('o', 'delta=0.01', 'f'), finalsOf({ 0: 0.02, 1: 0.03 }));
    const table = finalsTable([base, proj, other]);
    expect(table.get('b')!.eInf.paired).toBeNull();
    expectClose(table.get('b')!.eInf.summary.mean, 0.065, { relTol: 1e-15 });
    // Paired over seeds 0, 1, 2 (seed 4 has no baseline): d = [−0.04, −0.06, −0.048].
    const paired = table.get('p')!.eInf.paired!;
    expect(paired.n).toBe(3);
    expectClose(paired.mean, (-0.04 - 0.06 - 0.048) / 3, { relTol: 1e-14 });
    const sd = Math.sqrt([-0.04, -0.06, -0.048].reduce((s, d) => s + (d - paired.mean) ** 2, 0) / 2);
    // t_{0.975, 2} = 4.302652729749462 (scipy.stats.t.ppf(0.975, 2)); 1e-9: the accuracy of src-shared's t quantile.
    expectClose(paired.ciHalfWidth, (4.302652729749462 * sd) / Math.sqrt(3), { relTol: 1e-9 });
    expect(table.get('o')!.eInf.paired).toBeNull();
    expect(table.get('p')!.mse.summary.n).toBe(0);
  });

  it('skips runs whose finals have not arrived', () => {
    expect(finalsTable([run(record('a', 'unprojected'), null)]).size).toBe(0);
  });
});

describe('compareReducer and compareSteps', () => {
  it('opening starts over; records and data of runs not compared are dropped; the heatmap shows an unprojected run first', () => {
    let s = compareReducer(initialCompareState, { type: 'compare/opened', runIds: ['a', 'b', 'a'] });
    expect(s.runIds).toEqual(['a', 'b']);
    s = compareReducer(s, { type: 'compare/record', record: record('b', 'delta=0.1') });
    s = compareReducer(s, { type: 'compare/record', record: record('zz', 'delta=0.1') });
    expect(Object.keys(s.runs)).toEqual(['b']);
    expect(s.heatmapRun).toBe('b');
    s = compareReducer(s, { type: 'compare/record', record: record('a', 'unprojected') });
    expect(s.heatmapRun).toBe('a');
    expect(compareReducer(s, { type: 'compare/heatmapRun', runId: 'b' }).heatmapRun).toBe('b');
    expect(compareReducer(s, { type: 'compare/data', runId: 'zz', patch: { finals: [] } })).toBe(s);
    s = compareReducer(s, { type: 'compare/data', runId: 'a', patch: { frames: [{ seed: 0, step: 19, pixels: new Float32Array(1) }, { seed: 0, step: 9, pixels: new Float32Array(1) }] } });
    expect(compareSteps(Object.values(s.runs))).toEqual([9, 19]);
  });
});

describe('binViolations(values, steps, maxColumns) and heatmapColumn(steps, step)', () => {
  it('keeps ≤ maxColumns columns as they are; bins more into the largest violation per block, labelled by the last step', () => {
    const values = [[0, 1], [0.2, Number.NaN], [0.1, Number.NaN], [0, 0.3], [0.5, 0]];
    const steps = [9, 19, 29, 39, 49];
    expect(binViolations(values, steps, 5)).toEqual({ values, steps });
    const binned = binViolations(values, steps, 2);
    expect(binned.steps).toEqual([29, 49]);
    expect(binned.values).toEqual([[0.2, 1], [0.5, 0.3]]);
    expect(binViolations([[Number.NaN], [Number.NaN], [0]], [1, 2, 3], 1).values).toEqual([[0]]);
    expect(binViolations([[Number.NaN], [Number.NaN], [0]], [1, 2, 3], 2).values[0]).toEqual([Number.NaN]);
  });

  it('bins 1,000 recorded steps into at most HEATMAP_MAX_COLUMNS columns of equal width, losing no maximum', () => {
    const rng = new CounterRng(3, 0);
    const values = Array.from({ length: 1000 }, () => [rng.nextUniform()]);
    const steps = values.map((_, t) => t);
    const binned = binViolations(values, steps);
    expect(binned.values.length).toBeLessThanOrEqual(HEATMAP_MAX_COLUMNS);
    expect(binned.steps.at(-1)).toBe(999);
    expect(Math.max(...binned.values.map((r) => r[0]!))).toBe(Math.max(...values.map((r) => r[0]!)));
  });

  it('marks the first column whose step is at or after the scrubbed step, else the last', () => {
    expect(heatmapColumn([19, 39], 25)).toBe(1);
    expect(heatmapColumn([19, 39], 19)).toBe(0);
    expect(heatmapColumn([19, 39], 0)).toBe(0);
    expect(heatmapColumn([19, 39], 99)).toBe(1);
    expect(heatmapColumn([], 5)).toBeNull();
    expect(heatmapColumn([19], null)).toBeNull();
  });
});
