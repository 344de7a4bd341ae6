import { describe, it } from 'vitest';
import { createEmpiricalDenoiser } from '../../../src-shared/diffusion/denoisers/empirical';
import { mismatchedKl } from '../../../src-shared/info/mismatched';
import { gaussHermite, gaussianTensorRule, uniformGrid } from '../../../src-shared/info/quadrature';
import { expectClose } from '../../support/close';

const ctx = { step: 0, evaluation: 0, noise: { normal: () => new Float64Array(0) } };

describe('mismatchedKl (Verdú 2010, spec M1)', () => {
  it('P = N(0, 1), Q = N(0, 4): ½ ∫(mse_{P,Q} − mmse_P) dγ = KL = ½(¼ − 1 + ln 4) = 0.318147', () => {
    const { nodes, weights } = gaussHermite(8);
    const kl = mismatchedKl({
      points: nodes, weights, dimension: 1,
      denoiseP: (y, nu) => y.map((v) => v / (1 + nu)),
      denoiseQ: (y, nu) => y.map((v) => (4 * v) / (4 + nu)),
      rule: gaussianTensorRule(1, 8),
      lambdas: uniformGrid(-25, 25, 2001),
    });
    // The integrand is a polynomial of degree 2 in (x, ε): 8-node rules are exact; Simpson with Δλ = 0.025.
    expectClose(kl, 0.5 * (0.25 - 1 + Math.log(4)), { absTol: 1e-7 });
    expectClose(kl, 0.318147, { absTol: 1e-6 });
  });

  it('P = (½, ½), Q = (0.8, 0.2) on ±1: the identity gives KL = 0.223144', () => {
    const support = Float64Array.of(-1, 1);
    const p = createEmpiricalDenoiser(support, 2, 1, [0.5, 0.5]);
    const q = createEmpiricalDenoiser(support, 2, 1, [0.8, 0.2]);
    const kl = mismatchedKl({
      points: support, weights: [0.5, 0.5], dimension: 1,
      denoiseP: (y, nu) => p.denoise(y, Math.sqrt(nu), ctx),
      denoiseQ: (y, nu) => q.denoise(y, Math.sqrt(nu), ctx),
      rule: gaussianTensorRule(1, 120),
      lambdas: uniformGrid(-14, 14, 1401),
    });
    expectClose(kl, 0.5 * Math.log(0.5 / 0.8) + 0.5 * Math.log(0.5 / 0.2), { absTol: 1e-6 });
    expectClose(kl, 0.223144, { absTol: 1e-6 });
  });
});
