import { InvalidArgumentError } from '../errors';

/**
 * Kullback–Leibler divergence D(a‖b) in nats:
 *   D(a‖b) = Σ_i a_i log(a_i / b_i),   with 0·log(0/b) = 0 and a_i·log(a_i/0) = +∞ for a_i > 0.
 *
 * Source: spec coarse-kl.md §1 (natural log). For distributions a, b (nonnegative, each summing
 * to 1) it is ≥ 0 and equals 0 iff a = b. The sum is taken as written, so unnormalised inputs give
 * the raw sum. Negative entries give NaN; NaN propagates. Throws InvalidArgumentError only when the
 * lengths differ.
 *
 * @example
 * klNats([0.5, 0.5], [0.25, 0.75]) // → 0.1438410362258904  (= ½ ln 2 + ½ ln(2/3))
 * klNats([0, 1], [0.5, 0.5])        // → 0.6931471805599453  (0 log 0 = 0)
 * klNats([0.5, 0.5], [1, 0])        // → Infinity            (a > 0 = b)
 */
export function klNats(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new InvalidArgumentError('a, b', `expected arrays of equal length, got ${a.length} and ${b.length}`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    // 0·log(0/b) = 0 by continuity; skipping also avoids 0·(−∞) = NaN when b_i = 0.
    if (ai === 0) continue;
    sum += ai * Math.log(ai / b[i]!);
  }
  return sum;
}
