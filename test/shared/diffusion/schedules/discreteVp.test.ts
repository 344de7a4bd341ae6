import { describe, expect, it } from 'vitest';
import { alphaBarAt, discreteVp, sigmaAt, trailingTimesteps, vpSchedule, vpScheduleAt } from '../../../../src-shared/diffusion/schedules/discreteVp';
import { linearBetas } from '../../../../src-shared/diffusion/schedules/linearBeta';
import { expectClose } from '../../../support/close';

/** ᾱ_t as the plain running product Π_{s≤t}(1 − β_s), independent of the log-domain code. */
function productAlphaBars(betas: Float64Array): number[] {
  const out = [1];
  for (const beta of betas) out.push(out[out.length - 1]! * (1 - beta));
  return out;
}

describe('discreteVp(linearBetas(1000, 1e-4, 0.02))', () => {
  const betas = linearBetas(1000, 1e-4, 0.02);
  const vp = discreteVp(betas);
  const product = productAlphaBars(betas);

  it('has ᾱ_T = Π(1 − β_t) ≈ 4.0358e-5 (numpy: 4.035829765375676e-05), to 1e-12 relative', () => {
    // A 1000-term product and a 1000-term log1p sum each carry ≲ 1000·ε relative error.
    expectClose(alphaBarAt(vp, 1000), product[1000]!, { relTol: 1e-12 });
    expectClose(alphaBarAt(vp, 1000), 4.035829765375676e-5, { relTol: 1e-12 });
  });

  it('has ᾱ_t equal to the running product at every t = 0 … T (1e-12 relative) and ᾱ_0 = 1 exactly', () => {
    expect(alphaBarAt(vp, 0)).toBe(1);
    for (let t = 1; t <= 1000; t++) expectClose(alphaBarAt(vp, t), product[t]!, { relTol: 1e-12 });
  });

  it('has σ_t = √((1 − ᾱ_t)/ᾱ_t), strictly increasing, σ_0 = 0 and σ_1 = √(β_1/(1 − β_1)) to 4 ulps', () => {
    expect(sigmaAt(vp, 0)).toBe(0);
    expectClose(sigmaAt(vp, 1), Math.sqrt(1e-4 / (1 - 1e-4)), { relTol: 4 * Number.EPSILON });
    for (let t = 1; t <= 1000; t++) {
      expect(sigmaAt(vp, t) > sigmaAt(vp, t - 1), `σ_${t} > σ_${t - 1}`).toBe(true);
      // The naive form suffers cancellation in 1 − ᾱ ≈ β_1 t: ε/(1 − ᾱ) relative.
      const naive = Math.sqrt((1 - product[t]!) / product[t]!);
      expectClose(sigmaAt(vp, t), naive, { relTol: 1e-12 + (4 * Number.EPSILON) / (1 - product[t]!) });
    }
  });

  it('rejects β outside (0, 1), naming the index', () => {
    expect(() => discreteVp([0.1, 1, 0.2])).toThrow(/betas\[1\]: expected β_2 in \(0, 1\), got 1/);
    expect(() => discreteVp([])).toThrow(/betas: expected at least one/);
  });
});

describe('trailingTimesteps(T, steps)', () => {
  it("matches numpy.round(numpy.arange(T, 0, −T/N)) (diffusers' trailing spacing, 1-based)", () => {
    // Reference lists printed by numpy 2.4 (rounding half to even: 37.5 → 38, 12.5 → 12).
    expect(trailingTimesteps(1000, 10)).toEqual([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
    expect(trailingTimesteps(1000, 3)).toEqual([1000, 667, 333]);
    expect(trailingTimesteps(1000, 7)).toEqual([1000, 857, 714, 571, 429, 286, 143]);
    expect(trailingTimesteps(50, 8)).toEqual([50, 44, 38, 31, 25, 19, 12, 6]);
  });

  it('gives T, T − 1, …, 1 for steps = T, and for every N ≤ T starts at T, strictly decreases, stays ≥ 1', () => {
    expect(trailingTimesteps(1000, 1000)).toEqual(Array.from({ length: 1000 }, (_, k) => 1000 - k));
    const bad: number[] = [];
    for (let n = 1; n <= 1000; n++) {
      const ts = trailingTimesteps(1000, n);
      const ok = ts.length === n && ts[0] === 1000 && ts[n - 1]! >= 1 && ts.every((t, k) => Number.isInteger(t) && (k === 0 || t < ts[k - 1]!));
      if (!ok) bad.push(n);
    }
    expect(bad, 'step counts that break the rule').toEqual([]);
  });

  it('rejects steps outside [1, T]', () => {
    expect(() => trailingTimesteps(1000, 0)).toThrow(/steps: expected an integer in \[1, T = 1000\], got 0/);
    expect(() => trailingTimesteps(1000, 1001)).toThrow(/steps: expected an integer in \[1, T = 1000\], got 1001/);
  });
});

describe('vpSchedule(vp, steps) and vpScheduleAt(vp, timesteps)', () => {
  const vp = discreteVp(linearBetas(1000, 1e-4, 0.02));

  it('visits σ_{t_i} on the trailing timesteps, then exactly 0, and is marked VP', () => {
    const schedule = vpSchedule(vp, 10);
    expect(schedule.variancePreserving).toBe(true);
    expect(schedule.sigmas.length).toBe(11);
    trailingTimesteps(1000, 10).forEach((t, i) => expect(schedule.sigmas[i]).toBe(sigmaAt(vp, t)));
    expect(schedule.sigmas[10]).toBe(0);
  });

  it('rejects timesteps that do not strictly decrease inside [1, T], naming the index', () => {
    expect(() => vpScheduleAt(vp, [1000, 1000, 3])).toThrow(/timesteps\[1\]: expected an integer in \[1, 999\]/);
    expect(() => vpScheduleAt(vp, [1001])).toThrow(/timesteps\[0\]: expected an integer in \[1, 1000\]/);
    expect(() => vpScheduleAt(vp, [500, 0])).toThrow(/timesteps\[1\]/);
  });
});
