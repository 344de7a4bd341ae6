import { describe, expect, it } from 'vitest';
import { logSnr } from '../../../../src-shared/diffusion/schedules/conversions';
import { logSnrUniformSigmas } from '../../../../src-shared/diffusion/schedules/logSnrUniform';
import { expectClose } from '../../../support/close';

describe('logSnrUniformSigmas(steps, sigmaMin, sigmaMax)', () => {
  it('has equal log-SNR increments λ_{i+1} − λ_i = 2 ln(σ_max/σ_min)/(N − 1), ends exactly σ_max … σ_min, then 0 (N = 25)', () => {
    const sigmas = logSnrUniformSigmas(25, 0.002, 80);
    expect(sigmas.length).toBe(26);
    const increment = (2 * Math.log(80 / 0.002)) / 24;
    // λ is O(10): each difference of two logs carries ~4ε·10 absolute error.
    for (let i = 1; i < 25; i++) expectClose(logSnr(sigmas[i]!) - logSnr(sigmas[i - 1]!), increment, { absTol: 1e-13 });
    expect([sigmas[0], sigmas[24], sigmas[25]]).toEqual([80, 0.002, 0]);
  });

  it('gives [σ_max, 0] for one step and rejects a reversed range', () => {
    expect(Array.from(logSnrUniformSigmas(1, 0.01, 100))).toEqual([100, 0]);
    expect(() => logSnrUniformSigmas(5, 1, 1)).toThrow(/sigmaMin, sigmaMax: expected 0 < sigmaMin < sigmaMax/);
  });
});
