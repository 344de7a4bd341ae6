import { describe, expect, it } from 'vitest';
import { recordStep, type MeasuredLane } from '../../../src-shared/experiment/laneMetrics';
import { parseConfig } from '../../../src-shared/experiment/config';
import { resolvePlan } from '../../../src-shared/experiment/plan';
import { presetConfig } from '../../../src-shared/experiment/presets';
import { CounterRng } from '../../../src-shared/math/rng';

describe('recordStep(plan, lanes, seed, i)', () => {
  it('records each variant’s mean x̂₀ MSE over its samples when the variants share one x̂₀ array (computed once per record), also one array against two references', () => {
    const plan = resolvePlan(parseConfig({ ...presetConfig('paper-toy'), batch: 2 }));
    const { K } = plan.partition;
    const n = plan.partition.labels.length;
    const rng = new CounterRng(3, 0);
    const image = () => Float64Array.from({ length: n }, () => rng.nextUniform());
    const targets = new Float64Array(K).fill(1 / K);
    const lane = (x: Float64Array, denoised: Float64Array, reference: Float64Array): MeasuredLane => ({
      x, denoised, reference, targets, lower: targets.map((m) => m - 0.01), upper: targets.map((m) => m + 0.01), costNats: 0, displacement: 0,
    });
    const mse = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0) / n;
    // every lane's x̂₀ is the one array d (one variant of sample 1 a copy), against reference r0 (sample 0) or r1 (sample 1)
    const [d, r0, r1] = [image(), image(), image()];
    const lanes = [
      plan.variants.map(() => lane(image(), d, r0)),
      plan.variants.map((_, v) => lane(image(), v === 1 ? d.slice() : d, r1)),
    ];
    const records = recordStep(plan, lanes, 0, 9);
    expect(records).toHaveLength(plan.variants.length);
    for (const record of records) expect(record.mse).toBe((0 + mse(d, r0) + mse(d, r1)) / 2);
  });
});
