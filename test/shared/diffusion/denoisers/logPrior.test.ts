import { describe, expect, it } from 'vitest';
import { logPriorWeights } from '../../../../src-shared/diffusion/denoisers/logPrior';

describe('logPriorWeights(weights, count)', () => {
  it('normalises the weights in log space: ln(π_j/Σπ) sums to 1 after exp', () => {
    const out = logPriorWeights([1, 3, 0], 3);
    expect(out[0]).toBeCloseTo(Math.log(0.25), 15);
    expect(out[1]).toBeCloseTo(Math.log(0.75), 15);
    expect(out[2]).toBe(-Infinity);
    expect(Math.exp(out[0]!) + Math.exp(out[1]!) + Math.exp(out[2]!)).toBeCloseTo(1, 15);
  });

  it('gives the uniform ln(1/n) without weights', () => {
    expect([...logPriorWeights(undefined, 4)]).toEqual([-Math.log(4), -Math.log(4), -Math.log(4), -Math.log(4)]);
  });

  it('refuses a wrong length, a negative or non-finite weight and a zero sum, naming the argument', () => {
    expect(() => logPriorWeights([1], 2)).toThrow('weights: expected 2 weights (one per point), got 1');
    expect(() => logPriorWeights([1, -1], 2)).toThrow('weights[1]: expected a finite weight ≥ 0, got -1');
    expect(() => logPriorWeights([1, Infinity], 2)).toThrow('weights[1]: expected a finite weight ≥ 0, got Infinity');
    expect(() => logPriorWeights([0, 0], 2)).toThrow('weights: expected a positive sum, got 0');
  });
});
