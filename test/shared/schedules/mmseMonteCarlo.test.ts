import { describe, expect, it } from 'vitest';
import { binaryMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { empiricalSource, gmmSource, monteCarloMmse } from '../../../src-shared/schedules/mmseMonteCarlo';

describe('monteCarloMmse(source, options)', () => {
  it('monteCarloMmse(one-component GMM N(0, 4·I₂)) is exactly m(γ) = 2·4/(1 + 4γ) with zero standard error at 6 levels', () => {
    const source = gmmSource([{ weight: 1, mean: [0, 0], std: 2 }]);
    expect(source.variance).toBe(8);
    const gammas = [1e-3, 0.01, 0.1, 1, 10, 100];
    const mc = monteCarloMmse(source, { gammas, draws: 64, seed: 1 });
    // A Gaussian posterior's covariance does not depend on x̃: the Rao–Blackwellised estimate is exact.
    gammas.forEach((g, i) => expect(Math.abs(mc.mmse[i]! - 8 / (1 + 4 * g))).toBeLessThanOrEqual(1e-12 * 8));
    expect(Math.max(...mc.standardError)).toBeLessThan(1e-14);
  });

  it('monteCarloMmse(empirical ±1) matches the exact binary curve within 4 s.e. at 7 levels up to γ = 8 (Rao–Blackwellised, CRN)', () => {
    // Beyond γ ≈ 10 m is carried by rare draws near the decision boundary and 4,000 draws under-
    // estimate both m and its s.e. (spec §8.5: use more samples or a tail fit at high SNR).
    const source = empiricalSource(Float64Array.of(-1, 1), 2, 1);
    const gammas = [0.01, 0.1, 0.5, 1, 2, 4, 8];
    const mc = monteCarloMmse(source, { gammas, draws: 4000, seed: 2 });
    const exact = binaryMmseCurve();
    gammas.forEach((g, i) => expect(Math.abs(mc.mmse[i]! - exact.mmse(g))).toBeLessThanOrEqual(4 * mc.standardError[i]!));
  });

  it('monteCarloMmse is reproducible from its seed, reports progress per level and stops when cancelled', () => {
    const source = gmmSource([{ weight: 1, mean: [-1], std: 0.3 }, { weight: 2, mean: [1.5], std: 0.5 }]);
    const a = monteCarloMmse(source, { gammas: [0.5, 5], draws: 50, seed: 7 });
    const b = monteCarloMmse(source, { gammas: [0.5, 5], draws: 50, seed: 7 });
    expect(Array.from(a.mmse)).toEqual(Array.from(b.mmse));
    const progress: number[] = [];
    monteCarloMmse(source, { gammas: [0.5, 5], draws: 10, seed: 7, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2]);
    expect(() => monteCarloMmse(source, { gammas: [1], draws: 10, seed: 0, cancellation: { aborted: true } })).toThrow(/cancelled/);
    expect(() => monteCarloMmse(source, { gammas: [2, 1], draws: 10, seed: 0 })).toThrow(/gammas\[1\]/);
  });
});
