import { describe, expect, it } from 'vitest';
import { parseDynamicsConfig } from '../../../src-shared/info/config';
import { forwardCurves, summarizeValues } from '../../../src-shared/info/curves';
import { assembleCurves, computeBifurcation, createForwardEvaluator, mergeForwardValues, queriesFor } from '../../../src-shared/info/dynamicsRun';
import { resolveInfoData } from '../../../src-shared/info/infoData';
import { sliceQueries } from '../../../src-shared/info/queries';
import { expectClose } from '../../support/close';
import { exactCurve, twoPoints } from './support';

describe('dynamics runs', () => {
  it('block images 1/2/5 px ±1 (spec B1): Monte Carlo R matches Σ_b R₁(λ + ln n_b) within 4 SE (0.3576, 0.5520, 0.1352)', () => {
    const set = resolveInfoData({ kind: 'block-images', blockSizes: [1, 2, 5], values: [-1, 1] });
    expect(set.kind === 'empirical' && set.count).toBe(8);
    const evaluator = createForwardEvaluator(set, queriesFor(set, { kind: 'monte-carlo', queries: 20_000, seed: 0 }));
    const r1 = exactCurve(twoPoints(), 120);
    for (const [lambda, formula] of [[-2, 0.3576], [0, 0.552], [1.5, 0.1352]] as const) {
      const p = summarizeValues(lambda, evaluator.evaluate(lambda), evaluator.queries);
      const exact = [1, 2, 5].reduce((s, n) => s + r1(lambda + Math.log(n)).bandwidthNats, 0);
      expectClose(exact, formula, { absTol: 1e-4 });
      expect(Math.abs(p.bandwidthNats - exact)).toBeLessThan(4 * p.bandwidthSe);
    }
  });

  it('200 points on a segment in 2-D (spec LID): R has a plateau ≈ ½ for λ ≈ 6–10, then collapses (≈ 0.25 at λ = 12, 0 at 14)', () => {
    const set = resolveInfoData({ kind: 'segment', count: 200, from: [-1, 0], to: [1, 0] });
    const evaluator = createForwardEvaluator(set, queriesFor(set, { kind: 'monte-carlo', queries: 8000, seed: 0 }));
    const R = (l: number) => summarizeValues(l, evaluator.evaluate(l), evaluator.queries);
    // Spec (Monte Carlo): 0.4781, 0.4921, 0.4973, 0.254, 0; edge effects O(σ/L) keep it below ½.
    for (const [lambda, expected] of [[6, 0.4781], [8, 0.4921], [10, 0.4973]] as const) {
      const p = R(lambda);
      expect(Math.abs(p.bandwidthNats - expected)).toBeLessThan(4 * p.bandwidthSe + 2e-3);
      expect(p.bandwidthNats).toBeLessThan(0.5);
    }
    expect(Math.abs(R(12).bandwidthNats - 0.254)).toBeLessThan(0.03);
    expect(R(14).bandwidthNats).toBeLessThan(1e-3);
  });

  it('mergeForwardValues of two query slices equals one evaluation of all queries', () => {
    const set = twoPoints();
    const queries = queriesFor(set, { kind: 'monte-carlo', queries: 10, seed: 4 });
    const whole = createForwardEvaluator(set, queries).evaluate(0.3);
    const merged = mergeForwardValues([createForwardEvaluator(set, sliceQueries(queries, 0, 4)).evaluate(0.3), createForwardEvaluator(set, sliceQueries(queries, 4, 10)).evaluate(0.3)]);
    expect(Array.from(merged.traceCov)).toEqual(Array.from(whole.traceCov));
    expect(Array.from(merged.surprisalNats)).toEqual(Array.from(whole.surprisalNats));
  });

  it('assembleCurves gives the I-MMSE entropy beside the direct one, rates for every schedule and nats per sampler step', () => {
    const config = parseDynamicsConfig({ data: { kind: 'points', points: [[-1], [1]] }, lambdas: { min: -6, max: 8, count: 701 }, samplerSchedules: [{ kind: 'edm', steps: 20 }] });
    const set = resolveInfoData(config.data);
    const evaluator = createForwardEvaluator(set, queriesFor(set, { kind: 'gauss-hermite', nodes: 120 }));
    const lambdas = Array.from({ length: 701 }, (_, i) => -6 + i * 0.02);
    const curves = assembleCurves(set, config, forwardCurves(evaluator, lambdas));
    curves.points.forEach((p, i) => expectClose(curves.entropyImmseNats[i]!, p.entropy.mean, { absTol: 2e-5 }));
    expect(curves.totalEntropyNats).toBeCloseTo(Math.LN2, 14);
    expect(curves.rates.map((r) => r.schedule)).toEqual(['ve', 'ou-vp', 'linear-beta', 'cosine']);
    expect(curves.steps[0]!.steps).toHaveLength(20);
    expectClose(curves.steps[0]!.steps.reduce((s, x) => s + x.nats, 0), Math.LN2, { absTol: 5e-3 });
  });

  it('computeBifurcation on ±1 data: spectral ν_S = 1, crossing at ν = 1, folds from both points merge into the centre', () => {
    const result = computeBifurcation(twoPoints(), { enabled: true, count: 41, folds: 2, maxIterations: 10_000 });
    expectClose(result.spectral.nu, 1, { relTol: 1e-12 });
    expectClose(result.track.crossing!.nu, 1, { relTol: 1e-9 });
    expect(result.folds.map((f) => f.fold.found)).toEqual([false, false]);
    expect(() => computeBifurcation({ kind: 'gmm', dimension: 1, components: [{ weight: 1, mean: [0], std: 1 }] }, { enabled: true, count: 4, folds: 0, maxIterations: 10 })).toThrow(/needs empirical data/);
  });
});
