import { describe, expect, it } from 'vitest';
import { klNats } from '../../../src-shared/math/kl';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';

function randomDistribution(rng: CounterRng, n: number): Float64Array {
  const p = Float64Array.from({ length: n }, () => -Math.log(rng.nextUniform()));
  const total = p.reduce((s, v) => s + v, 0);
  return p.map((v) => v / total);
}

describe('klNats(a, b)', () => {
  it('klNats(p, q) of two Bernoulli laws equals the closed form a ln(a/b) + (1−a) ln((1−a)/(1−b))', () => {
    for (const [a, b] of [[0.5, 0.25], [0.1, 0.9], [0.999, 0.5]] as const) {
      const expected = a * Math.log(a / b) + (1 - a) * Math.log((1 - a) / (1 - b));
      expectClose(klNats([a, 1 - a], [b, 1 - b]), expected, { relTol: 16 * Number.EPSILON });
    }
  });

  it('klNats(p, p) = 0 exactly and klNats(p, q) > 0 for p ≠ q (Gibbs) on 500 random pairs', () => {
    const rng = new CounterRng(11, 0);
    for (let trial = 0; trial < 500; trial++) {
      const n = 2 + rng.nextInt(12);
      const p = randomDistribution(rng, n);
      const q = randomDistribution(rng, n);
      expect(klNats(p, p)).toBe(0);
      expect(klNats(p, q)).toBeGreaterThan(0);
    }
  });

  it('klNats(a, b) uses 0 log 0 = 0 (also against b = 0) and gives +∞ when a > 0 = b', () => {
    expectClose(klNats([0, 1], [0.5, 0.5]), Math.log(2));
    expectClose(klNats([0, 1], [0, 1]), 0);
    expect(klNats([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('klNats(a, b) propagates NaN and rejects arrays of different lengths', () => {
    expect(klNats([NaN, 1], [0.5, 0.5])).toBeNaN();
    expect(() => klNats([1], [0.5, 0.5])).toThrow('a, b: expected arrays of equal length, got 1 and 2');
  });
});
