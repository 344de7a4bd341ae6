import { InvalidArgumentError } from '../../errors';

/**
 * Log prior weights of an empirical distribution: ln(π_j / Σ_i π_i) for the given nonnegative
 * weights, or ln(1/n) for every point when none are given (the uniform empirical measure).
 * Throws InvalidArgumentError naming `weights` (wrong length, zero sum) or `weights[j]` (negative or
 * not finite).
 *
 * @example
 * logPriorWeights([1, 3], 2)      // → [ln ¼, ln ¾] = [−1.386294, −0.287682]
 * logPriorWeights(undefined, 4)   // → [−1.386294, −1.386294, −1.386294, −1.386294]
 */
export function logPriorWeights(weights: ArrayLike<number> | undefined, count: number): Float64Array {
  if (weights === undefined) return new Float64Array(count).fill(-Math.log(count));
  if (weights.length !== count) throw new InvalidArgumentError('weights', `expected ${count} weights (one per point), got ${weights.length}`);
  let total = 0;
  for (let j = 0; j < count; j++) {
    const w = weights[j]!;
    if (!(w >= 0 && Number.isFinite(w))) throw new InvalidArgumentError(`weights[${j}]`, `expected a finite weight ≥ 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new InvalidArgumentError('weights', 'expected a positive sum, got 0');
  return Float64Array.from({ length: count }, (_, j) => Math.log(weights[j]! / total));
}
