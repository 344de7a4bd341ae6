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

  it('resolveInfoData merges duplicate points, builds 2^B block images, and rejects ragged rows', () => {
    const merged = resolveInfoData({ kind: 'points', points: [[0], [0], [1]] });
    expect(merged.kind === 'empirical' && Array.from(merged.logPrior, Math.exp)).toEqual([expect.closeTo(2 / 3, 14), expect.closeTo(1 / 3, 14)]);
    const blocks = resolveInfoData({ kind: 'block-images', blockSizes: [1, 2], values: [0, 1] });
    expect(blocks.kind === 'empirical' && Array.from(blocks.points)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(() => resolveInfoData({ kind: 'points', points: [[0, 1], [2]] })).toThrow(/data.points\[1\]: expected 2 coordinates/);
    expect(() => resolveInfoData({ kind: 'digits', count: 10 })).toThrow(/bundled digits/);
  });
});
