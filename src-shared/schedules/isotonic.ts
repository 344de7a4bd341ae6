import { InvalidArgumentError } from '../errors';

/**
 * Computes the weighted least-squares non-increasing fit of a sequence (isotonic regression).
 *
 * argmin_f Σ_i w_i (f_i − y_i)² subject to f_0 ≥ f_1 ≥ … ≥ f_{n−1}, by the pool-adjacent-violators
 * algorithm (Barlow et al. 1972; spec schedules-las.md §4.2, weights 1/s.e.²): adjacent blocks that
 * violate the order are merged into their weighted mean. O(n) time. Weights default to 1 and must be
 * finite and > 0; values must be finite. Each block's value is its weighted mean, so the fit keeps
 * Σ w_i y_i.
 *
 * @example
 * isotonicNonIncreasing([3, 1, 2]) // → [3, 1.5, 1.5]
 * isotonicNonIncreasing([1, 3], [3, 1]) // → [1.5, 1.5]
 */
export function isotonicNonIncreasing(values: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
  const n = values.length;
  if (weights !== undefined && weights.length !== n) throw new InvalidArgumentError('weights', `expected ${n} weights (one per value), got ${weights.length}`);
  const blockValue = new Float64Array(n);
  const blockWeight = new Float64Array(n);
  const blockEnd = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (!Number.isFinite(y)) throw new InvalidArgumentError(`values[${i}]`, `expected a finite number, got ${y}`);
    if (!(w > 0 && Number.isFinite(w))) throw new InvalidArgumentError(`weights[${i}]`, `expected a finite weight > 0, got ${w}`);
    top++;
    blockValue[top] = y;
    blockWeight[top] = w;
    blockEnd[top] = i;
    // Pool while the newest block rises above the one before it.
    while (top > 0 && blockValue[top]! > blockValue[top - 1]!) {
      const merged = blockWeight[top]! + blockWeight[top - 1]!;
      blockValue[top - 1] = (blockWeight[top - 1]! * blockValue[top - 1]! + blockWeight[top]! * blockValue[top]!) / merged;
      blockWeight[top - 1] = merged;
      blockEnd[top - 1] = blockEnd[top]!;
      top--;
    }
  }
  const fit = new Float64Array(n);
  for (let b = 0, i = 0; b <= top; b++) {
    for (; i <= blockEnd[b]!; i++) fit[i] = blockValue[b]!;
  }
  return fit;
}
