import { beforeAll, describe, expect, it } from 'vitest';
import { useInstrumentLab } from '../support/instrumentLab';
import { figureCsv, type PanelSpec } from '../../../src-renderer/state/figureSpec';
import { instrumentOfPreset, loadInstrument } from '../../../src-renderer/state/instrumentActions';
import { column, decadeTicks, pointsOf } from '../../../src-renderer/state/instrumentPlots/columns';
import { dynamicsFigure, DYNAMICS_TITLES } from '../../../src-renderer/state/instrumentPlots/dynamics';
import { likelihoodFigure, warmStartRows } from '../../../src-renderer/state/instrumentPlots/likelihood';
import { comparisonKs, schedulesAtK, sweepFigure } from '../../../src-renderer/state/instrumentPlots/schedules';
import type { LoadedInstrument } from '../../../src-renderer/state/instruments';

// The plots are built from what the store holds: each test runs a tiny instrument through the service
// (in-process), loads it as the renderer does (loadInstrument over the client) and checks the drawn
// series against the stored arrays and the identities they must satisfy.

const { runAndLoad } = useInstrumentLab('infodiff-plots-');

const trace = (panel: PanelSpec | undefined) => panel as Extract<PanelSpec, { kind: 'trace' }>;

describe('the schedules plots of a stored comparison', () => {
  let loaded: LoadedInstrument;
  beforeAll(async () => {
    loaded = await runAndLoad('schedules', { name: 'plots-schedules', target: 'gaussian', Ks: [5, 10], schedules: ['las', 'edm', 'cosine'], candidates: 200 });
  }, 60_000);

  it('loadInstrument(client, id, kind) gives every run of the experiment with its arrays, and the config', () => {
    expect(loaded.runs.map((r) => r.variant)).toEqual(['las', 'edm', 'cosine']);
    expect((loaded.config as { Ks: number[] }).Ks).toEqual([5, 10]);
    expect(comparisonKs(loaded)).toEqual([5, 10]);
    expect(instrumentOfPreset('schedules')).toBe('schedules');
    expect(instrumentOfPreset('paper-toy')).toBeNull();
  });

  it('schedulesAtK(loaded, K) draws grid point k at sampler step K − k, and its D_k sum to the stored D at K', () => {
    const figure = schedulesAtK(loaded, 5);
    const [sigma, , , perStep] = figure.panels.map(trace);
    const las = loaded.runs[0]!;
    const gridSigma = column(las.artifacts['grid-K5']!, 1);
    const drawn = sigma!.series.find((s) => s.name === 'las')!.points;
    expect(drawn.map((p) => p.x)).toEqual([0, 1, 2, 3, 4, 5]);
    drawn.forEach((p) => expect(p.y).toBe(gridSigma[5 - p.x]));
    for (const run of loaded.runs) {
      const total = perStep!.series.find((s) => s.name === run.variant)!.points.reduce((a, p) => a + p.y, 0);
      // D = Σ_k D_k (spec §2, ★): the sweep's D at K = 5 against the drawn steps, 1e-12 relative (summation order only).
      expect(Math.abs(total - run.artifacts['sweep']!.data[2]!)).toBeLessThan(1e-12 * total);
    }
  });

  it('sweepFigure(loaded) draws D against K per schedule and the O(1/K) line L²/(4K) from the stored L; the CSV holds the stored D', () => {
    const figure = sweepFigure(loaded);
    const panel = trace(figure.panels[0]);
    expect(panel).toMatchObject({ xScale: 'log', yScale: 'log', xTicks: [5, 10] });
    const L = loaded.runs[0]!.artifacts['constants']!.data[0]!;
    const reference = panel.series.find((s) => s.name === 'L²/(4K)')!;
    for (const p of reference.points) expect(p.y * p.x).toBeCloseTo((L * L) / 4, 12);
    const csv = figureCsv(figure);
    for (const run of loaded.runs) expect(csv).toContain(`1,trace,${run.variant},10,${run.artifacts['sweep']!.data[3]}`);
  });
});

describe('the dynamics and likelihood plots of stored runs', () => {
  it('dynamicsFigure(loaded) draws R = ½ e^λ mmse with its refined peak, both entropies, and no band for exact quadrature', async () => {
    const loaded = await runAndLoad('dynamics', { name: 'plots-dynamics', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -4, max: 6, count: 41 }, schedules: ['ve', 'cosine'] });
    const figure = dynamicsFigure(loaded)!;
    const [mmse, entropy, bandwidth, rates] = figure.panels.map(trace);
    expect(mmse!.bands).toEqual([]);
    const curve = mmse!.series[0]!.points;
    bandwidth!.series[0]!.points.forEach((p, i) => expect(p.y).toBeCloseTo(0.5 * Math.exp(p.x) * curve[i]!.y, 12));
    expect(entropy!.series.map((s) => s.name)).toEqual(['direct E h', 'I-MMSE']);
    const peaks = loaded.runs[0]!.artifacts['peaks']!;
    // Rows of curve 0 (R) of the stored peaks: refined λ and value.
    const ofR = pointsOf(peaks, 2, 3).filter((_, i) => column(peaks, 0)[i] === 0);
    expect(bandwidth!.markers!.map((m) => [m.x, m.y])).toEqual(ofR.map((p) => [p.x, p.y]));
    // ±1 data: R peaks once, near ν = 1 (λ ≈ 0.41 on the exact curve, test T1).
    expect(bandwidth!.markers).toHaveLength(1);
    expect(bandwidth!.markers![0]!.x).toBeCloseTo(0.41, 1);
    expect(rates!.series.map((s) => s.name)).toEqual(['ve', 'cosine']);
    expect(figure.panels).toHaveLength(4);
  }, 60_000);

  it('dynamicsFigure(loaded) marks the tracked crossing and the spectral estimate λ_S on the bifurcation panel, and the folds found, from the stored artifacts', async () => {
    const loaded = await runAndLoad('dynamics', {
      name: 'plots-bifurcation', data: { kind: 'points', points: [[-1.5], [-1], [1], [2]] }, estimator: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -4, max: 6, count: 21 },
      bifurcation: { enabled: true, nuMax: 8, nuMin: 0.05, count: 41, folds: 4 },
    });
    const panel = trace(dynamicsFigure(loaded)!.panels.find((p) => p.title === DYNAMICS_TITLES.bifurcation));
    const bifurcation = loaded.runs.find((r) => r.variant === 'bifurcation')!.artifacts;
    const spectral = bifurcation['spectral']!.data;
    expect(panel.xReferences!.map((r) => r.x)).toEqual([spectral[4], spectral[1]].filter(Number.isFinite));
    expect(panel.xReferences!.some((r) => r.label.startsWith('spectral λ_S ='))).toBe(true);
    const folds = bifurcation['folds']!;
    const found = column(folds, 3).filter((_, i) => column(folds, 5)[i] === 1);
    expect(found.length).toBeGreaterThan(0);
    expect((panel.markers ?? []).map((m) => m.x)).toEqual(found);
  }, 60_000);

  it('likelihoodFigure(loaded) draws each model’s bound beside its exact −ln q₀ and the gap L − (−ln q₀); warmStartRows names the laws', async () => {
    const loaded = await runAndLoad('likelihood', {
      name: 'plots-likelihood', data: { kind: 'points', points: [[0], [1], [3]] }, discrete: { enabled: false }, warmStart: { laws: ['laplace', 'gaussian'], sigma0: 0.3, samples: 50 },
      entropy: { enabled: false }, bound: { models: [{ kind: 'exact' }, { kind: 'kde', h: 0.5 }], points: 3, count: 41, rule: { kind: 'gauss-hermite', nodes: 8 } }, slopes: { enabled: false },
    });
    const figure = likelihoodFigure(loaded)!;
    const [bound, gap] = figure.panels.map(trace);
    expect(bound!.series.map((s) => s.name)).toEqual(['L, exact', '−ln q₀, exact', 'L, kde h = 0.5', '−ln q₀, kde h = 0.5']);
    gap!.series.forEach((s, m) => s.points.forEach((p) => {
      const points = bound!.series[2 * m]!.points, exact = bound!.series[2 * m + 1]!.points;
      expect(p.y).toBeCloseTo(points[p.x]!.y - exact[p.x]!.y, 10);
    }));
    expect(warmStartRows(loaded).map((r) => [r.law, r.sigma0])).toEqual([['laplace', 0.3], ['gaussian', 0.3]]);
  }, 60_000);
});

describe('column(artifact, c) and decadeTicks(values)', () => {
  it('read row c of a [columns, n] array, and span positive values with powers of ten', () => {
    const artifact = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) };
    expect([column(artifact, 0), column(artifact, 1), column(artifact, 2)]).toEqual([[1, 2, 3], [4, 5, 6], []]);
    expect(decadeTicks([0.003, 0.5, 20])).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
    expect(decadeTicks([2, 3])).toEqual([1, 10]);
    expect(decadeTicks([0, -1])).toEqual([]);
  });
});
