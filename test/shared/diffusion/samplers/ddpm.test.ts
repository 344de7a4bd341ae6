import { describe, expect, it } from 'vitest';
import { ddpmStep } from '../../../../src-shared/diffusion/samplers/ddpm';
import { ddpmPosteriorCoefficients } from '../../../../src-shared/diffusion/schedules/ddpmCoefficients';
import { alphaBarAt, discreteVp } from '../../../../src-shared/diffusion/schedules/discreteVp';
import { linearBetas } from '../../../../src-shared/diffusion/schedules/linearBeta';
import { buildSchedule } from '../../../../src-shared/diffusion/schedules/spec';
import type { Sigmas } from '../../../../src-shared/diffusion/types';
import { CounterRng } from '../../../../src-shared/math/rng';
import { expectClose } from '../../../support/close';
import { fixedEnv } from './gaussianTarget';

describe('ddpmStep (VE form of the DDPM posterior step)', () => {
  it('reproduces the VP update x_{t−1} = c1 x̂₀ + c2 x_t + σ̃ z of spec coarse-kl.md §5 at every t of linear-β T = 1000, to 1e-12', () => {
    const vp = discreteVp(linearBetas(1000, 1e-4, 0.02));
    const { sigmas } = buildSchedule({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 1000 });
    const rng = new CounterRng(99, 0);
    const vector = () => Float64Array.from({ length: 16 }, () => rng.nextNormal());
    for (let i = 0; i < 1000; i++) {
      const t = 1000 - i;
      const [xt, denoised, z] = [vector(), vector(), vector()];
      const env = fixedEnv(sigmas, () => denoised, () => z);
      const xTilde = xt.map((v) => v / Math.sqrt(alphaBarAt(vp, t)));
      const next = ddpmStep(xTilde, i, env).x.map((v) => v * Math.sqrt(alphaBarAt(vp, t - 1)));
      const { c1, c2, sigmaTilde } = ddpmPosteriorCoefficients(vp, t);
      const expected = denoised.map((d, k) => c1 * d + c2 * xt[k]! + sigmaTilde * z[k]!);
      // Relative to the size of the terms: x̃ = x_t/√ᾱ_t is ~160× larger than x_t at t = T.
      const scale = Math.max(...denoised.map((d, k) => Math.abs(c1 * d) + Math.abs(c2 * xt[k]!) + Math.abs(sigmaTilde * z[k]!)));
      expectClose(next, expected, { absTol: 1e-12 * scale, relTol: 0 });
    }
  });

  it('returns x̂₀ exactly on the step into σ = 0, without drawing noise', () => {
    const env = fixedEnv(Float64Array.of(0.3, 0) as Sigmas, () => Float64Array.of(0.25, -1.5), () => {
      throw new Error('noise drawn');
    });
    expect(Array.from(ddpmStep(Float64Array.of(4, 9), 0, env).x)).toEqual([0.25, -1.5]);
  });
});
