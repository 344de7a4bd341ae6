import { describe, expect, it } from 'vitest';
import { ddpmPosteriorCoefficients } from '../../../../src-shared/diffusion/schedules/ddpmCoefficients';
import { discreteVp } from '../../../../src-shared/diffusion/schedules/discreteVp';
import { linearBetas } from '../../../../src-shared/diffusion/schedules/linearBeta';
import { expectClose } from '../../../support/close';

describe('ddpmPosteriorCoefficients(discreteVp(linearBetas(1000, 1e-4, 0.02)), t)', () => {
  const betas = linearBetas(1000, 1e-4, 0.02);
  const vp = discreteVp(betas);
  const alphaBars = [1];
  for (const beta of betas) alphaBars.push(alphaBars[alphaBars.length - 1]! * (1 - beta));

  it('equals spec coarse-kl.md §5 evaluated with running products to 1e-11 relative, t = 2 … 1000', () => {
    // The reference's 1 − ᾱ_t cancels (≈ ε/(1 − ᾱ_t) ≤ 1.2e-12 relative at t = 2); the coefficients
    // combine three such factors.
    for (let t = 2; t <= 1000; t++) {
      const beta = betas[t - 1]!;
      const [alphaBar, alphaBarPrev] = [alphaBars[t]!, alphaBars[t - 1]!];
      const c = ddpmPosteriorCoefficients(vp, t);
      expectClose(c.c1, (Math.sqrt(alphaBarPrev) * beta) / (1 - alphaBar), { relTol: 1e-11 });
      expectClose(c.c2, (Math.sqrt(1 - beta) * (1 - alphaBarPrev)) / (1 - alphaBar), { relTol: 1e-11 });
      expectClose(c.sigmaTilde, Math.sqrt((beta * (1 - alphaBarPrev)) / (1 - alphaBar)), { relTol: 1e-11 });
    }
  });

  it('degenerates at t = 1 to c1 = 1, c2 = 0, σ̃ = 0 (the step returns x̂₀)', () => {
    const c = ddpmPosteriorCoefficients(vp, 1);
    expectClose(c.c1, 1, { relTol: 2 * Number.EPSILON });
    expect(c.c2).toBe(0);
    expect(c.sigmaTilde).toBe(0);
  });

  it('composes with q(x_t | x₀) into q(x_{t−1} | x₀): c1 + c2√ᾱ_t = √ᾱ_{t−1}, c2²(1 − ᾱ_t) + σ̃² = 1 − ᾱ_{t−1} (1e-11)', () => {
    for (let t = 1; t <= 1000; t++) {
      const c = ddpmPosteriorCoefficients(vp, t);
      const [alphaBar, alphaBarPrev] = [alphaBars[t]!, alphaBars[t - 1]!];
      expectClose(c.c1 + c.c2 * Math.sqrt(alphaBar), Math.sqrt(alphaBarPrev), { relTol: 1e-11 });
      expectClose(c.c2 ** 2 * (1 - alphaBar) + c.sigmaTilde ** 2, 1 - alphaBarPrev, { relTol: 1e-11, absTol: 1e-15 });
    }
  });

  it('rejects t outside [1, T]', () => {
    expect(() => ddpmPosteriorCoefficients(vp, 0)).toThrow(/t: expected an integer in \[1, 1000\], got 0/);
  });
});
