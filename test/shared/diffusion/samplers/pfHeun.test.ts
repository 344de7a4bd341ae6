import { describe, expect, it } from 'vitest';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { pfHeunStep } from '../../../../src-shared/diffusion/samplers/pfHeun';
import { sampleTrajectory } from '../../../../src-shared/diffusion/samplers/trajectory';
import { karrasSigmas } from '../../../../src-shared/diffusion/schedules/karras';
import type { Denoiser } from '../../../../src-shared/diffusion/types';
import { exactFlowAtZero, gaussianDenoiser } from './gaussianTarget';

const s = 0.5;
const xT = Float64Array.of(80, -40, 8);

function finalError(steps: number): number {
  const sigmas = karrasSigmas(steps, 0.002, 80);
  const x0 = sampleTrajectory(pfHeunStep, xT, { sigmas, denoiser: gaussianDenoiser(s), noise: new SampleNoise(0, 0) });
  const exact = exactFlowAtZero(xT, 80, s);
  return Math.max(...x0.map((v, k) => Math.abs(v - exact[k]!)));
}

describe('pfHeunStep on N(0, s²) data with the exact denoiser', () => {
  it('converges at second order: doubling the Karras steps (32 → 64 → 128) quarters the error (ratio in [3.5, 4.5])', () => {
    const errors = [32, 64, 128].map(finalError);
    for (let j = 1; j < errors.length; j++) {
      const ratio = errors[j - 1]! / errors[j]!;
      expect(ratio).toBeGreaterThan(3.5);
      expect(ratio).toBeLessThan(4.5);
    }
  });

  it('evaluates the denoiser 2N − 1 times: evaluations 0 and 1 at σ_i and σ_{i+1}, only evaluation 0 on the step into 0', () => {
    const calls: [number, number, number][] = [];
    const base = gaussianDenoiser(s);
    const denoiser: Denoiser = {
      denoise(x, sigma, ctx) {
        calls.push([ctx.step, ctx.evaluation, sigma]);
        return base.denoise(x, sigma, ctx);
      },
    };
    const sigmas = karrasSigmas(4, 0.002, 80);
    sampleTrajectory(pfHeunStep, xT, { sigmas, denoiser, noise: new SampleNoise(0, 0) });
    expect(calls).toEqual([
      [0, 0, sigmas[0]], [0, 1, sigmas[1]],
      [1, 0, sigmas[1]], [1, 1, sigmas[2]],
      [2, 0, sigmas[2]], [2, 1, sigmas[3]],
      [3, 0, sigmas[3]],
    ]);
  });
});
