import { describe, expect, it } from 'vitest';
import { karrasSigmas } from '../../../../src-shared/diffusion/schedules/karras';
import { expectClose } from '../../../support/close';

describe('karrasSigmas(steps, sigmaMin, sigmaMax, rho)', () => {
  it('equals (σ_max^{1/ρ} + i/(N−1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ for i < N (the ends exactly σ_max, σ_min), then exactly 0 (N = 18)', () => {
    const sigmas = karrasSigmas(18, 0.002, 80, 7);
    expect(sigmas.length).toBe(19);
    for (let i = 0; i < 18; i++) {
      // Independent form: interpolate σ^{1/ρ} linearly between the ends, via exp/log.
      const root = Math.exp(Math.log(80) / 7) * (1 - i / 17) + Math.exp(Math.log(0.002) / 7) * (i / 17);
      expectClose(sigmas[i]!, root ** 7, { relTol: 64 * Number.EPSILON });
    }
    expect([sigmas[0], sigmas[17], sigmas[18]]).toEqual([80, 0.002, 0]);
    for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]!).toBeLessThan(sigmas[i - 1]!);
  });

  it("reproduces spec schedules-las.md V4's EDM ρ = 7 grid on [σ(t = 1e-3), σ(t = 5)] (6 levels, to the printed digits)", () => {
    // V4 lists the grid ascending: [0.0447, 0.5655, 3.6259, 15.721, 52.831, 148.41].
    // V4's endpoints are OU times δ = 1e-3, T = 5: σ² = 1/γ = e^{2t} − 1.
    const sigmas = karrasSigmas(6, Math.sqrt(Math.expm1(2e-3)), Math.sqrt(Math.expm1(10)), 7);
    const printed = ['148.41', '52.831', '15.721', '3.6259', '0.5655', '0.0447'];
    // Tolerance: half a unit in the last printed digit.
    printed.forEach((text, i) => expectClose(sigmas[i]!, Number(text), { absTol: 0.5 * 10 ** -text.split('.')[1]!.length, relTol: 0 }));
    expect(sigmas[6]).toBe(0);
  });

  it('gives [σ_max, 0] for one step and rejects σ_min ≥ σ_max, steps < 1 and ρ ≤ 0', () => {
    expect(Array.from(karrasSigmas(1, 0.002, 80))).toEqual([80, 0]);
    expect(() => karrasSigmas(10, 80, 0.002)).toThrow(/sigmaMin, sigmaMax: expected 0 < sigmaMin < sigmaMax < ∞/);
    expect(() => karrasSigmas(0, 0.002, 80)).toThrow(/steps: expected an integer ≥ 1, got 0/);
    expect(() => karrasSigmas(10, 0.002, 80, 0)).toThrow(/rho: expected a finite number > 0, got 0/);
  });

  it('refuses a step count whose levels would merge in float64 rather than return a non-decreasing list', () => {
    expect(() => karrasSigmas(1000, 1, 1 + 1e-13)).toThrow(/steps: too many steps for the range: σ_\d+ = .* is not below/);
  });
});
