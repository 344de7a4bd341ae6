import { describe, expect, it } from 'vitest';
import { parseDynamicsConfig, parseLikelihoodConfig } from '../../../src-shared/info/config';
import { resolveInfoData } from '../../../src-shared/info/infoData';
import { DYNAMICS_PRESET_NAMES, dynamicsPreset, LIKELIHOOD_PRESET_NAMES, likelihoodPreset } from '../../../src-shared/info/presets';

describe('instrument configs and presets', () => {
  it('every preset validates and its (non-digits) data resolve', () => {
    for (const name of DYNAMICS_PRESET_NAMES) {
      const config = dynamicsPreset(name);
      expect(config.preset).toBe(name);
      if (config.data.kind !== 'digits') expect(resolveInfoData(config.data).dimension).toBeGreaterThan(0);
    }
    for (const name of LIKELIHOOD_PRESET_NAMES) expect(likelihoodPreset(name).preset).toBe(name);
    expect(() => dynamicsPreset('nope')).toThrow(/preset: expected one of two-points/);
  });

  it('fills defaults and names every bad field with its reason', () => {
    const config = parseDynamicsConfig({ data: { kind: 'hypercube', dimension: 3 }, lambdas: { min: -4, max: 4, count: 81 } });
    expect(config.estimator).toEqual({ kind: 'monte-carlo', queries: 256, seed: 0 });
    expect(config.weightFloor).toBe(1e-22);
    expect(() => parseDynamicsConfig({ data: { kind: 'points', points: [[0]] }, lambdas: { min: 2, max: 1, count: 2 } })).toThrow(/lambdas.count: expected an integer ≥ 3[\s\S]*lambdas.max: expected min < max/);
    expect(() => parseLikelihoodConfig({ data: { kind: 'points', points: [[0]] }, warmStart: { laws: ['cauchy'] } })).toThrow(/warmStart.laws.0/);
    expect(() => parseDynamicsConfig({ data: { kind: 'gmm', components: [{ weight: 1, mean: [0], std: 1 }] }, lambdas: { min: -1, max: 1, count: 3 }, trajectories: { enabled: true } })).toThrow(/trajectories.enabled: reverse trajectories need empirical data/);
    expect(() => parseLikelihoodConfig({ data: { kind: 'gmm', components: [{ weight: 1, mean: [0], std: 1 }] } })).toThrow(/data.kind: the likelihood instrument needs empirical data/);
  });

  it('refuses likelihood grids that would not run upwards, at their field, before any run', () => {
    const points = { kind: 'points', points: [[0], [1], [3]] };
    expect(() => parseLikelihoodConfig({ data: points, bound: { tauT: 1e-9, lambdaMax: 18 } })).toThrow(/bound.tauT: expected λ_T = −ln τ_T = 20\.7233 below lambdaMax = 18: a larger τ_T or lambdaMax/);
    expect(() => parseLikelihoodConfig({ data: points, entropy: { sigma0: 0.3, lambdaMin: 3 } })).toThrow(/entropy.lambdaMin: expected lambdaMin below λ0 = −2 ln σ0 = 2\.40795, got 3/);
    expect(() => parseLikelihoodConfig({ data: points, entropy: { sigma0: 0.3, sigma1s: [10, 0.2] } })).toThrow(/entropy.sigma1s.1: expected σ1 above σ0 = 0.3, got 0.2/);
    expect(() => parseLikelihoodConfig({ data: points, heldOut: { enabled: true, sigma0: { min: 2, max: 1, count: 5 } } })).toThrow(/heldOut.sigma0.min: expected min < max \(1\), got 2/);
    // A disabled section is not checked; the presets are (first test).
    expect(parseLikelihoodConfig({ data: points, bound: { enabled: false, tauT: 1e-9, lambdaMax: 18 } }).bound.enabled).toBe(false);
  });

  it('resolveInfoData merges duplicate points, builds 2^B block images, and rejects ragged rows', () => {
    const merged = resolveInfoData({ kind: 'points', points: [[0], [0], [1]] });
    expect(merged.kind === 'empirical' && Array.from(merged.logPrior, Math.exp)).toEqual([expect.closeTo(2 / 3, 14), expect.closeTo(1 / 3, 14)]);
    const blocks = resolveInfoData({ kind: 'block-images', blockSizes: [1, 2], values: [0, 1] });
    expect(blocks.kind === 'empirical' && Array.from(blocks.points)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(() => resolveInfoData({ kind: 'points', points: [[0, 1], [2]] })).toThrow(/data.points\[1\]: expected 2 coordinates/);
    expect(() => resolveInfoData({ kind: 'digits', count: 10 })).toThrow(/bundled digits/);
  });
});
