import { describe, expect, it } from 'vitest';
import { cosineBetas } from '../../../../src-shared/diffusion/schedules/cosine';
import { alphaBarAt, discreteVp } from '../../../../src-shared/diffusion/schedules/discreteVp';
import { expectClose } from '../../../support/close';

const T = 1000;
const s = 0.008;
const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;

describe('cosineBetas({ T: 1000, s: 0.008, maxBeta: 0.999 })', () => {
  const betas = cosineBetas({ T, s, maxBeta: 0.999 });

  it("equals improved-diffusion's min(1 − ᾱ(t)/ᾱ(t−1), 0.999) to 1e-10 relative", () => {
    // The reference form 1 − ratio cancels: its own error is ≈ ε/β_t ≤ 6e-12 relative (β_1 ≈ 4e-5).
    for (let t = 1; t <= T; t++) expectClose(betas[t - 1]!, Math.min(1 - f(t) / f(t - 1), 0.999), { relTol: 1e-10 });
  });

  it('telescopes below the clip: Π_{s≤t}(1 − β_s) = f(t)/f(0) to 1e-12 relative for t < T; only β_T is clipped', () => {
    const vp = discreteVp(betas);
    for (let t = 1; t < T; t++) {
      expect(betas[t - 1]!).toBeLessThan(0.999);
      expectClose(alphaBarAt(vp, t), f(t) / f(0), { relTol: 1e-12 });
    }
    expect(betas[T - 1]).toBe(0.999);
    expect(alphaBarAt(vp, T)).toBeGreaterThan(0);
  });

  it('rejects maxBeta outside (0, 1) and a negative s', () => {
    expect(() => cosineBetas({ T, s, maxBeta: 1 })).toThrow(/maxBeta: expected a number in \(0, 1\)/);
    expect(() => cosineBetas({ T, s: -0.1, maxBeta: 0.999 })).toThrow(/s: expected a finite number ≥ 0/);
  });
});
