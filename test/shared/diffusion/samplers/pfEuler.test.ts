import { describe, expect, it } from 'vitest';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { pfEulerStep } from '../../../../src-shared/diffusion/samplers/pfEuler';
import { sampleTrajectory } from '../../../../src-shared/diffusion/samplers/trajectory';
import { karrasSigmas } from '../../../../src-shared/diffusion/schedules/karras';
import type { Sigmas } from '../../../../src-shared/diffusion/types';
import { exactFlowAtZero, fixedEnv, gaussianDenoiser } from './gaussianTarget';

const s = 0.5;
const xT = Float64Array.of(80, -40, 8);

function finalError(steps: number): number {
  const sigmas = karrasSigmas(steps, 0.002, 80);
  const x0 = sampleTrajectory(pfEulerStep, xT, { sigmas, denoiser: gaussianDenoiser(s), noise: new SampleNoise(0, 0) });
  const exact = exactFlowAtZero(xT, 80, s);
  return Math.max(...x0.map((v, k) => Math.abs(v - exact[k]!)));
}

describe('pfEulerStep on N(0, s²) data with the exact denoiser', () => {
  it('converges at first order: doubling the Karras steps (32 → 64 → 128) halves the error (ratio in [1.8, 2.2])', () => {
    const errors = [32, 64, 128].map(finalError);
    for (let j = 1; j < errors.length; j++) {
      const ratio = errors[j - 1]! / errors[j]!;
      expect(ratio).toBeGreaterThan(1.8);
      expect(ratio).toBeLessThan(2.2);
    }
  });

  it('takes x + (σ′ − σ)(x − x̂₀)/σ: one step from σ = 2 to 1 with x̂₀ = 1 maps 3 to 2', () => {
    const env = fixedEnv(Float64Array.of(2, 1, 0) as Sigmas, () => Float64Array.of(1), () => Float64Array.of(Number.NaN));
    expect(Array.from(pfEulerStep(Float64Array.of(3), 0, env).x)).toEqual([2]);
  });
});
