import { describe, expect, it } from 'vitest';
import { eulerMaruyamaStep } from '../../../../src-shared/diffusion/samplers/eulerMaruyama';
import type { Sigmas } from '../../../../src-shared/diffusion/types';
import { expectClose } from '../../../support/close';
import { fixedEnv } from './gaussianTarget';

describe('eulerMaruyamaStep', () => {
  it('takes x + 2(σ − σ′)(x̂₀ − x)/σ + √(2σ(σ − σ′))·z: from σ = 2 to 1, x = 3, x̂₀ = 1, z = 0.5 gives 1 + 2·0.5', () => {
    const env = fixedEnv(Float64Array.of(2, 1, 0) as Sigmas, () => Float64Array.of(1), () => Float64Array.of(0.5));
    expectClose(eulerMaruyamaStep(Float64Array.of(3), 0, env).x, [2], { relTol: 2 * Number.EPSILON });
  });

  it('returns a copy of x̂₀ on the step into σ = 0, without drawing noise', () => {
    const denoised = Float64Array.of(0.2, 0.4);
    const env = fixedEnv(Float64Array.of(0.01, 0) as Sigmas, () => denoised, () => {
      throw new Error('noise drawn');
    });
    const result = eulerMaruyamaStep(Float64Array.of(7, -7), 0, env);
    expect(Array.from(result.x)).toEqual([0.2, 0.4]);
    expect(result.x).not.toBe(result.denoised);
  });
});
