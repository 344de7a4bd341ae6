import { describe, expect, it } from 'vitest';
import { checkBounds, checkTargets, isInBand, toleranceBand } from '../../../src-shared/coarse/tolerance';
import { InfeasibleBoundsError, InvalidArgumentError } from '../../../src-shared/errors';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import { randomSimplex, sum } from './support';

describe('toleranceBand(targets, delta, mode)', () => {
  it("toleranceBand(m, δ, 'absolute') is L = max(m − δ, 0), U = min(m + δ, 1)", () => {
    const { lower, upper } = toleranceBand([0.05, 0.15, 0.8], 0.1, 'absolute');
    expectClose(lower, [0, 0.05, 0.7], { relTol: 4 * Number.EPSILON });
    expectClose(upper, [0.15, 0.25, 0.9], { relTol: 4 * Number.EPSILON });
    const whole = toleranceBand([0.05, 0.15, 0.8], 0.95, 'absolute');
    expect(Array.from(whole.lower)).toEqual([0, 0, 0]);
    expect(Array.from(whole.upper)).toEqual([1, 1, 1]);
  });

  it("toleranceBand(m, δ, 'relative') is L = (1 − δ)m, U = (1 + δ)m clipped to [0, 1]; δ ≥ 1 gives L = 0", () => {
    const { lower, upper } = toleranceBand([0.2, 0.8], 0.5, 'relative');
    expectClose(lower, [0.1, 0.4], { relTol: 4 * Number.EPSILON });
    expectClose(upper, [0.3, 1], { relTol: 4 * Number.EPSILON });
    const wide = toleranceBand([0.2, 0.8, 0], 3, 'relative');
    expect(Array.from(wide.lower)).toEqual([0, 0, 0]);
    expectClose(wide.upper, [0.8, 1, 0], { relTol: 4 * Number.EPSILON });
  });

  it('toleranceBand(m, 0, mode) gives L = U = m/Σm, a feasible box, for targets off the simplex by up to 1e-9', () => {
    const rng = new CounterRng(5, 0);
    for (let trial = 0; trial < 200; trial++) {
      const m = randomSimplex(rng, 1 + rng.nextInt(30)).map((v) => v * (1 + 8e-10 * (rng.nextUniform() - 0.5)));
      for (const mode of ['absolute', 'relative'] as const) {
        const { lower, upper } = toleranceBand(m, 0, mode);
        expect(Array.from(lower)).toEqual(Array.from(upper));
        expectClose(sum(lower), 1, { absTol: 1e-14 });
        expect(() => checkBounds(lower, upper)).not.toThrow();
      }
    }
  });

  it('rejects targets that are negative, not finite, empty or not summing to 1, and a bad δ or mode', () => {
    expect(() => toleranceBand([0.5, -0.1, 0.6], 0.1, 'absolute')).toThrow('targets[1]: expected a finite mass ≥ 0, got -0.1');
    expect(() => toleranceBand([0.5, Infinity], 0.1, 'absolute')).toThrow('targets[1]: expected a finite mass ≥ 0, got Infinity');
    expect(() => toleranceBand([], 0.1, 'absolute')).toThrow('targets: expected at least one block');
    expect(() => toleranceBand([0.5, 0.6], 0.1, 'absolute')).toThrow('targets: expected entries summing to 1 (within 1e-9), got Σ = 1.1');
    expect(() => toleranceBand([0.5, 0.5], -0.1, 'absolute')).toThrow('delta: expected a finite tolerance ≥ 0, got -0.1');
    expect(() => toleranceBand([0.5, 0.5], NaN, 'relative')).toThrow(InvalidArgumentError);
    expect(() => toleranceBand([0.5, 0.5], 0.1, 'ball' as 'absolute')).toThrow("mode: expected 'absolute' or 'relative', got ball");
  });

  it('checkTargets(m) returns m / Σm', () => {
    expectClose(checkTargets([0.25, 0.75 + 5e-10]), [0.25 / (1 + 5e-10), (0.75 + 5e-10) / (1 + 5e-10)], { relTol: 4 * Number.EPSILON });
  });
});

describe('checkBounds(lower, upper, K?)', () => {
  it('accepts a feasible box, including Σ L = 1 and Σ U = 1 exactly', () => {
    expect(() => checkBounds([0.1, 0.2], [0.6, 0.9])).not.toThrow();
    expect(() => checkBounds([0.4, 0.6], [0.5, 0.9])).not.toThrow();
    expect(() => checkBounds([0, 0.1], [0.3, 0.7], 2)).not.toThrow();
  });

  it('throws InfeasibleBoundsError stating both sums when Σ L > 1 or Σ U < 1', () => {
    expect(() => checkBounds([0.6, 0.6], [0.7, 0.7])).toThrow(InfeasibleBoundsError);
    expect(() => checkBounds([0.6, 0.6], [0.7, 0.7])).toThrow('need Σ lower ≤ 1 ≤ Σ upper, got Σ lower = 1.20000, Σ upper = 1.40000');
    expect(() => checkBounds([0.1, 0.1], [0.3, 0.3])).toThrow(InfeasibleBoundsError);
  });

  it('rejects bounds outside [0, 1], U < L, NaN, mismatched lengths or a K it was not given, naming the entry', () => {
    expect(() => checkBounds([-0.1, 0.5], [0.5, 0.9])).toThrow('lower[0]: expected a bound in [0, 1], got -0.1');
    expect(() => checkBounds([0.1, 0.5], [0.5, 0.4])).toThrow('upper[1]: expected a bound in [lower[1] = 0.5, 1], got 0.4');
    expect(() => checkBounds([0.1, 0.5], [0.5, 1.5])).toThrow('upper[1]: expected a bound in [lower[1] = 0.5, 1], got 1.5');
    expect(() => checkBounds([0.1, NaN], [0.5, 0.9])).toThrow('lower[1]');
    expect(() => checkBounds([0.1], [0.5, 0.9])).toThrow('lower, upper: expected two nonempty arrays of equal length, got 1 and 2');
    expect(() => checkBounds([], [])).toThrow('lower, upper: expected two nonempty arrays');
    expect(() => checkBounds([0.1, 0.5], [0.5, 0.9], 3)).toThrow('lower, upper: expected one bound per block (K = 3), got 2');
  });
});

describe('isInBand(w, lower, upper)', () => {
  it('is true iff L ≤ w ≤ U and Σ w = 1 (within 1e-12)', () => {
    expect(isInBand([0.3, 0.7], [0.2, 0.5], [0.4, 0.8])).toBe(true);
    expect(isInBand([0.1, 0.9], [0.2, 0.5], [0.4, 0.8])).toBe(false);
    expect(isInBand([0.3, 0.6], [0.2, 0.5], [0.4, 0.8])).toBe(false);
    expect(isInBand([NaN, 0.7], [0.2, 0.5], [0.4, 0.8])).toBe(false);
  });
});
