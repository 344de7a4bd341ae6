import { beforeAll, describe, expect, it } from 'vitest';
import { useInstrumentLab } from '../../support/instrumentLab';
import { DASHES } from '../../../../src-renderer/figures/style';
import { figureCsv, type FigureSpec, type PanelSpec } from '../../../../src-renderer/state/figureSpec';
import { loadInstrument } from '../../../../src-renderer/state/instrumentActions';
import type { ComparedInstrument } from '../../../../src-renderer/state/instrumentCompare';
import { comparisonFigures, mergeRunFigures, sharedKs } from '../../../../src-renderer/state/instrumentPlots/compare';
import { dynamicsFigure, DYNAMICS_TITLES } from '../../../../src-renderer/state/instrumentPlots/dynamics';
import { likelihoodFigure, LIKELIHOOD_TITLES } from '../../../../src-renderer/state/instrumentPlots/likelihood';
import { schedulesAtK, SCHEDULES_TITLES, sweepFigure } from '../../../../src-renderer/state/instrumentPlots/schedules';
import type { LoadedInstrument } from '../../../../src-renderer/state/instruments';

// Comparisons are built from what the store holds: tiny instruments run through the service
// (in-process), loaded as the renderer loads them (loadInstrument over the client), then merged;
// every merged curve must be its run's own curve, point for point, renamed and recoloured.

const { runAndLoad } = useInstrumentLab('infodiff-compare-');

const trace = (panel: PanelSpec | undefined) => panel as Extract<PanelSpec, { kind: 'trace' }>;
const panelTitled = (spec: FigureSpec | null, title: string) => trace(spec?.panels.find((p) => p.title === title));
const compared = (label: string, colorIndex: number, loaded: LoadedInstrument): ComparedInstrument => ({ experimentId: loaded.experimentId, label, colorIndex, loaded });

/** Every series of `own` (one run's panel) is in `merged` as "label: name", in the run's colour, with the same points. */
function expectOwnSeries(merged: ReturnType<typeof trace>, own: ReturnType<typeof trace>, run: { label: string; colorIndex: number }) {
  own.series.forEach((s, k) => {
    const drawn = merged.series.find((m) => m.name === `${run.label}: ${s.name}`);
    expect(drawn, `${run.label}: ${s.name}`).toBeDefined();
    expect(drawn!.colorIndex).toBe(run.colorIndex);
    expect(drawn!.dash).toBe(s.dash ?? DASHES[k % DASHES.length]);
    expect(drawn!.points).toEqual(s.points);
  });
}

describe('comparing two stored dynamics runs on different data and λ grids', () => {
  let a: ComparedInstrument, b: ComparedInstrument;
  beforeAll(async () => {
    const pointsRun = await runAndLoad('dynamics', { name: 'cmp-points', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -4, max: 6, count: 41 }, schedules: ['ve'] });
    const wideRun = await runAndLoad('dynamics', { name: 'cmp-wide', data: { kind: 'points', points: [[-2], [0], [2]] }, estimator: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -6, max: 4, count: 31 }, schedules: ['ve'] });
    a = compared('cmp-points', 3, pointsRun);
    b = compared('cmp-wide', 6, wideRun);
  }, 120_000);

  it('comparisonFigures("dynamics", [a, b]) overlays MMSE, conditional entropy and R(λ): each run’s own curves point for point, named "run: curve", in the run’s colour', () => {
    const figures = comparisonFigures('dynamics', [a, b], null);
    expect(figures.map((f) => f.key)).toEqual(['dynamics']);
    const merged = figures[0]!.spec;
    expect(merged.panels.map((p) => p.title)).toEqual([DYNAMICS_TITLES.mmse, DYNAMICS_TITLES.entropy, DYNAMICS_TITLES.bandwidth]);
    for (const run of [a, b]) {
      const own = dynamicsFigure(run.loaded)!;
      for (const title of [DYNAMICS_TITLES.mmse, DYNAMICS_TITLES.entropy, DYNAMICS_TITLES.bandwidth]) expectOwnSeries(panelTitled(merged, title), panelTitled(own, title), run);
    }
    // Twice the curves of one run: mmse ×2, entropy (direct, I-MMSE) ×2, R ×2.
    expect(merged.panels.map((p) => trace(p).series.length)).toEqual([2, 4, 2]);
    expect(panelTitled(merged, DYNAMICS_TITLES.mmse).series.map((s) => s.name)).toEqual(['cmp-points: mmse', 'cmp-wide: mmse']);
    // The grids differ (41 and 31 λ): each curve is drawn through the x values only the other has.
    expect(merged.panels.every((p) => trace(p).connectNulls === true)).toBe(true);
    // Peaks of R stay marked, in the run's colour, named after it.
    expect(panelTitled(merged, DYNAMICS_TITLES.bandwidth).markers!.map((m) => m.colorIndex)).toEqual([...panelTitled(dynamicsFigure(a.loaded), DYNAMICS_TITLES.bandwidth).markers!.map(() => 3), ...panelTitled(dynamicsFigure(b.loaded), DYNAMICS_TITLES.bandwidth).markers!.map(() => 6)]);
  });

  it('comparisonFigures(kind, runs) lists every run of every compared experiment in the provenance, and the CSV names each run before its values', () => {
    const merged = comparisonFigures('dynamics', [a, b], null)[0]!.spec;
    expect([...merged.runIds].sort()).toEqual([...a.loaded.runs, ...b.loaded.runs].map((r) => r.runId).sort());
    const csv = figureCsv(merged);
    const first = panelTitled(dynamicsFigure(b.loaded), DYNAMICS_TITLES.mmse).series[0]!.points[7]!;
    expect(csv).toContain(`1,trace,cmp-wide: mmse,${first.x},${first.y}`);
  });
});

describe('comparing two stored schedule comparisons with different K lists', () => {
  let a: ComparedInstrument, b: ComparedInstrument;
  beforeAll(async () => {
    a = compared('gaussian', 1, await runAndLoad('schedules', { name: 'cmp-gaussian', target: 'gaussian', Ks: [5, 10, 20], schedules: ['las', 'edm'], candidates: 200 }));
    b = compared('binary', 2, await runAndLoad('schedules', { name: 'cmp-binary', target: 'binary', Ks: [5, 10], schedules: ['las', 'cosine'], candidates: 200 }));
  }, 120_000);

  it('sharedKs(runs) is the K every comparison has; comparisonFigures("schedules", runs, K) overlays σ and λ at that K and D against K', () => {
    expect(sharedKs([a, b])).toEqual([5, 10]);
    const figures = comparisonFigures('schedules', [a, b], 10);
    expect(figures.map((f) => f.key)).toEqual(['schedules', 'sweep']);
    const [atK, sweep] = figures.map((f) => f.spec);
    expect(atK!.panels.map((p) => p.title)).toEqual([SCHEDULES_TITLES.sigma, SCHEDULES_TITLES.lambda]);
    for (const run of [a, b]) {
      for (const title of [SCHEDULES_TITLES.sigma, SCHEDULES_TITLES.lambda]) expectOwnSeries(panelTitled(atK!, title), panelTitled(schedulesAtK(run.loaded, 10), title), run);
      expectOwnSeries(panelTitled(sweep!, SCHEDULES_TITLES.sweep), panelTitled(sweepFigure(run.loaded), SCHEDULES_TITLES.sweep), run);
    }
    // Two schedules per comparison, and each comparison's own O(1/K) line (its own L).
    expect(trace(atK!.panels[0]).series.map((s) => s.name)).toEqual(['gaussian: las', 'gaussian: edm', 'binary: las', 'binary: cosine']);
    expect(trace(sweep!.panels[0]).series.filter((s) => s.name.endsWith('L²/(4K)'))).toHaveLength(2);
    // Ticks of D against K: every K either comparison has.
    expect(trace(sweep!.panels[0]).xTicks).toEqual([5, 10, 20]);
    expect(comparisonFigures('schedules', [a, b], null).map((f) => f.key)).toEqual(['sweep']);
  });
});

describe('comparing two stored likelihood runs', () => {
  it('comparisonFigures("likelihood", runs) overlays the held-out NLL against σ0 per law of each run, point for point', async () => {
    const heldOut = (name: string, to: number) => ({
      name, data: { kind: 'segment', count: 60, from: [0], to: [to] }, discrete: { enabled: false }, warmStart: { enabled: false }, entropy: { enabled: false }, bound: { enabled: false }, slopes: { enabled: false },
      heldOut: { enabled: true, laws: ['gaussian', 'laplace'], sigma0: { min: 0.05, max: 0.5, count: 3 }, trainCount: 40, testCount: 20 },
    });
    const a = compared('short', 4, await runAndLoad('likelihood', heldOut('cmp-short', 1)));
    const b = compared('long', 5, await runAndLoad('likelihood', heldOut('cmp-long', 4)));
    const merged = comparisonFigures('likelihood', [a, b], null)[0]!.spec;
    expect(merged.panels.map((p) => p.title)).toEqual([LIKELIHOOD_TITLES.heldOut]);
    for (const run of [a, b]) expectOwnSeries(trace(merged.panels[0]), panelTitled(likelihoodFigure(run.loaded), LIKELIHOOD_TITLES.heldOut), run);
    expect(trace(merged.panels[0]).series.map((s) => s.name)).toEqual(['short: gaussian', 'short: laplace', 'long: gaussian', 'long: laplace']);
    expect(trace(merged.panels[0]).series.every((s) => s.points.length === 3)).toBe(true);
  }, 120_000);
});

describe('mergeRunFigures(runs, { name, titles })', () => {
  const panel = (title: string, names: string[], extra: Partial<Extract<PanelSpec, { kind: 'trace' }>> = {}): PanelSpec => ({
    kind: 'trace', title, xLabel: 'x', yLabel: 'y', series: names.map((name, i) => ({ name, colorIndex: 9, points: [{ x: i, y: i }] })), ...extra,
  });
  const spec = (runIds: string[], panels: PanelSpec[]): FigureSpec => ({ name: 'f', runIds, panels });

  it('keeps the titles asked in their order, leaves out titles no run has and runs without curves, merges ticks and references once', () => {
    const merged = mergeRunFigures([
      { label: 'a', colorIndex: 1, spec: spec(['r1'], [panel('P', ['m'], { xTicks: [5, 10], references: [{ y: 0, label: 'zero', colorIndex: 0 }] }), panel('Q', ['q'])]) },
      { label: 'b', colorIndex: 2, spec: null },
      { label: 'c', colorIndex: 3, spec: spec(['r2', 'r3'], [panel('Q', ['q', 'q2']), panel('P', ['m'], { xTicks: [10, 20], references: [{ y: 0, label: 'zero', colorIndex: 0 }] })]) },
    ], { name: 'a vs c', titles: ['Q', 'missing', 'P'] })!;
    expect(merged.panels.map((p) => p.title)).toEqual(['Q', 'P']);
    expect(trace(merged.panels[0]).series.map((s) => [s.name, s.colorIndex, s.dash])).toEqual([['a: q', 1, DASHES[0]], ['c: q', 3, DASHES[0]], ['c: q2', 3, DASHES[1]]]);
    expect(trace(merged.panels[1]).xTicks).toEqual([5, 10, 20]);
    expect(trace(merged.panels[1]).references).toEqual([{ y: 0, label: 'zero', colorIndex: 0 }]);
    expect(merged.runIds).toEqual(['r1', 'r2', 'r3']);
    expect(mergeRunFigures([{ label: 'b', colorIndex: 2, spec: null }], { name: 'b', titles: ['P'] })).toBeNull();
  });
});
