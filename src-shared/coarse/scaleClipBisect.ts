import { InvalidArgumentError } from '../errors';
import { checkBounds } from './tolerance';

/** g_P(s) = Σ_{w_k > 0} clip(s·w_k, L_k, U_k). */
function positiveMassSum(s: number, w: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let g = 0;
  for (let k = 0; k < w.length; k++) {
    if (w[k]! > 0) g += Math.min(Math.max(s * w[k]!, lower[k]!), upper[k]!);
  }
  return g;
}

/**
 * Reference solver for c* = clip(s*·w, L, U), Σ c* = 1, by bisection on s ∈ [0, max_k U_k/w_k]
 * (spec coarse-kl.md §2 "Alternatives"), run until the bracket stops shrinking (≤ 1,100 halvings
 * for any finite bracket). Slower than `scaleClip` and meant for tests; edge cases are resolved by
 * the same rules (w_k = 0 → L_k; a deficit goes to massless blocks in proportion to U_k − L_k).
 * Validates like `scaleClip`.
 *
 * @example
 * scaleClipBisect([0.05, 0.2, 0.3, 0.45], [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35])
 * // → [0.10, 0.22, 0.33, 0.35]  (to rounding)
 */
export function scaleClipBisect(masses: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): Float64Array {
  checkBounds(lower, upper);
  const K = lower.length;
  if (masses.length !== K) throw new InvalidArgumentError('masses', `expected ${K} block masses (one per bound), got ${masses.length}`);
  let rest = 1;
  let hi = 0;
  const c = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const wk = masses[k]!;
    if (!(Number.isFinite(wk) && wk >= 0)) throw new InvalidArgumentError(`masses[${k}]`, `expected a finite mass ≥ 0, got ${wk}`);
    if (wk > 0) hi = Math.max(hi, upper[k]! / wk);
    else rest -= lower[k]!;
    c[k] = lower[k]!;
  }
  if (positiveMassSum(hi, masses, lower, upper) < rest) return withDeficit(masses, lower, upper, rest, c);
  let lo = 0;
  for (let mid = 0.5 * (lo + hi); lo < mid && mid < hi; mid = 0.5 * (lo + hi)) {
    if (positiveMassSum(mid, masses, lower, upper) < rest) lo = mid;
    else hi = mid;
  }
  for (let k = 0; k < K; k++) {
    if (masses[k]! > 0) c[k] = Math.min(Math.max(hi * masses[k]!, lower[k]!), upper[k]!);
  }
  return c;
}

/** All positive blocks at U; massless blocks share the deficit in proportion to U_k − L_k. */
function withDeficit(masses: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>, rest: number, c: Float64Array): Float64Array {
  let deficit = rest;
  let room = 0;
  for (let k = 0; k < c.length; k++) {
    if (masses[k]! > 0) {
      c[k] = upper[k]!;
      deficit -= upper[k]!;
    } else {
      room += upper[k]! - lower[k]!;
    }
  }
  if (deficit > 0 && room > 0) {
    for (let k = 0; k < c.length; k++) {
      if (!(masses[k]! > 0)) c[k] = lower[k]! + Math.min(deficit / room, 1) * (upper[k]! - lower[k]!);
    }
  }
  return c;
}
