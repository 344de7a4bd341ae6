import { describe, expect, it } from 'vitest';
import { runScheduleComparison } from '../../../src-shared/schedules/compare';
import { parseCompareConfig } from '../../../src-shared/schedules/compareConfig';

describe('measureQuality (through runScheduleComparison)', () => {
  it('gmm-2d: MMD², SW₂ and block-mass e∞ rows per schedule and K, with CIs over seeds; uniform-t is worse than LAS at K = 5', () => {
    const config = parseCompareConfig({
      target: 'gmm-2d', Ks: [5], schedules: ['las', 'uniform-t'], mc: { draws: 64, levels: 24, seed: 0 },
      measure: { seeds: { start: 0, count: 3 }, batch: 48, referenceSize: 256, projections: 16 },
    });
    const { quality } = runScheduleComparison(config);
    const row = (schedule: string, metric: string, variant = '') => quality.find((q) => q.schedule === schedule && q.metric === metric && q.variant === variant)!;
    for (const schedule of ['las', 'uniform-t']) {
      for (const metric of ['mmd2', 'sliced-w2']) {
        const r = row(schedule, metric);
        expect(r).toMatchObject({ K: 5, nfe: 6, n: 3 });
        expect(r.ciLow).toBeLessThanOrEqual(r.mean);
        expect(r.ciHigh).toBeGreaterThanOrEqual(r.mean);
      }
      expect(row(schedule, 'block-mass-e-inf', 'unprojected').n).toBe(3);
      // The projected sampler keeps e∞ within its band δ = 0.05 (projectFinal).
      expect(row(schedule, 'block-mass-e-inf', 'delta=0.05').mean).toBeLessThanOrEqual(0.05 + 1e-12);
    }
    expect(row('uniform-t', 'sliced-w2').mean).toBeGreaterThan(row('las', 'sliced-w2').mean);
    expect(row('uniform-t', 'mmd2').mean).toBeGreaterThan(row('las', 'mmd2').mean);
  });

  it('1-D targets give one exact marginal-KL row per schedule and K with n = 1 and NFE = K', () => {
    const { quality } = runScheduleComparison(parseCompareConfig({ target: 'gaussian', Ks: [4, 8], schedules: ['las', 'edm'], measure: {} }));
    expect(quality).toHaveLength(4);
    for (const q of quality) expect(q).toMatchObject({ metric: 'marginal-kl-nats', n: 1, nfe: q.K, ciLow: q.mean, ciHigh: q.mean });
  });
});
