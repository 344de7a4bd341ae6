import { describe, expect, it } from 'vitest';
import { validateSigmas } from '../../../../src-shared/diffusion/schedules/custom';

describe('validateSigmas(values)', () => {
  it('stores the list exactly as given, bit for bit (no append, sort or rounding)', () => {
    const values = [14.6146412293, 6.4745760956, 0.1 + 0.2, 0.0291671582, 0];
    const sigmas = validateSigmas(values);
    expect(Array.from(sigmas)).toEqual(values);
    expect(sigmas[2]).toBe(0.30000000000000004);
  });

  it('rejects a last entry that is not 0 and says the 0 is not appended', () => {
    expect(() => validateSigmas([14.6, 1.2, 0.03])).toThrow(
      'sigmas[2]: expected exactly 0 as the last entry (σ_N = 0; the list is stored as given, so append the 0), got 0.03',
    );
  });

  it('names the first index that is not strictly decreasing', () => {
    expect(() => validateSigmas([5, 2, 2, 0])).toThrow('sigmas[2]: expected < sigmas[1] = 2 (strictly decreasing), got 2');
    expect(() => validateSigmas([5, 2, 3, 0])).toThrow('sigmas[2]: expected < sigmas[1] = 2 (strictly decreasing), got 3');
  });

  it('names non-finite entries, interior zeros or negatives, and too-short lists', () => {
    expect(() => validateSigmas([5, NaN, 0])).toThrow('sigmas[1]: expected a finite number, got NaN');
    expect(() => validateSigmas([Infinity, 1, 0])).toThrow('sigmas[0]: expected a finite number, got Infinity');
    expect(() => validateSigmas([5, 0, 0])).toThrow('sigmas[1]: expected a noise level > 0 (only the last entry is 0), got 0');
    expect(() => validateSigmas([5, -1, 0])).toThrow('sigmas[1]: expected a noise level > 0 (only the last entry is 0), got -1');
    expect(() => validateSigmas([0])).toThrow('sigmas: expected at least 2 entries (σ_0 > 0, then the final 0), got 1');
  });

  it('uses the given argument name in messages', () => {
    expect(() => validateSigmas([1, 2, 0], 'schedule.sigmas')).toThrow(/^schedule\.sigmas\[1\]: /);
  });
});
