import { describe, expect, it } from 'vitest';
import { ddimStep } from '../../../../src-shared/diffusion/samplers/ddim';
import { ddpmStep } from '../../../../src-shared/diffusion/samplers/ddpm';
import { pfEulerStep } from '../../../../src-shared/diffusion/samplers/pfEuler';
import { karrasSigmas } from '../../../../src-shared/diffusion/schedules/karras';
import type { Sigmas } from '../../../../src-shared/diffusion/types';
import { CounterRng } from '../../../../src-shared/math/rng';
import { expectClose } from '../../../support/close';
import { fixedEnv } from './gaussianTarget';

const rng = new CounterRng(31, 0);
const vector = (scale: number) => Float64Array.from({ length: 8 }, () => scale * rng.nextNormal());

/** Every step of a 60-step Karras schedule from a random x at that level, a random x̂₀ and z. */
function eachStep(check: (x: Float64Array, i: number, env: ReturnType<typeof fixedEnv>, scale: number) => void): void {
  const sigmas = karrasSigmas(60, 0.002, 80);
  for (let i = 0; i < 60; i++) {
    const x = vector(1 + sigmas[i]!);
    const denoised = vector(1);
    const z = vector(1);
    const env = fixedEnv(sigmas, () => denoised, () => z);
    check(x, i, env, Math.max(...x.map(Math.abs), ...denoised.map(Math.abs), ...z.map((v) => Math.abs(v) * sigmas[i + 1]!)));
  }
}

describe('ddimStep(eta)', () => {
  it('η = 0 equals pfEulerStep to 4 ulps of the state at every step (x̂₀ + (σ′/σ)(x − x̂₀) vs x + (σ′ − σ)(x − x̂₀)/σ)', () => {
    eachStep((x, i, env, scale) => expectClose(ddimStep(0)(x, i, env).x, pfEulerStep(x, i, env).x, { absTol: 4 * Number.EPSILON * scale, relTol: 0 }));
  });

  it('η = 1 equals ddpmStep to 1e-13 of the state at every step (σ_down = σ′²/σ, σ_up = σ′√(1 − σ′²/σ²))', () => {
    // k-diffusion's σ_down = √(σ′² − σ_up²) cancels when σ′ ≪ σ: ε·σ²/σ′² relative on a term ≤ σ′²/σ².
    eachStep((x, i, env, scale) => expectClose(ddimStep(1)(x, i, env).x, ddpmStep(x, i, env).x, { absTol: 1e-13 * scale, relTol: 0 }));
  });

  it('η = 0 draws no noise and returns x̂₀ exactly on the step into σ = 0', () => {
    const env = fixedEnv(Float64Array.of(2, 0.5, 0) as Sigmas, () => Float64Array.of(1, -1), () => {
      throw new Error('noise drawn');
    });
    expect(Array.from(ddimStep(0)(Float64Array.of(3, 5), 0, env).x)).toEqual([1.5, 0.5]);
    expect(Array.from(ddimStep(0.7)(Float64Array.of(3, 5), 1, env).x)).toEqual([1, -1]);
  });

  it('rejects η < 0', () => {
    expect(() => ddimStep(-1)).toThrow(/eta: expected a finite number ≥ 0, got -1/);
  });
});
