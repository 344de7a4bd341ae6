import { InfeasibleBoundsError, InvalidArgumentError } from '../errors';

/** Per-block bounds L_k ≤ c_k ≤ U_k of the tolerance box Box_δ(m) (spec coarse-kl.md §1). */
export interface ToleranceBand {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** 'absolute': |c_k − m_k| ≤ δ (the default of spec §8 Q1); 'relative': |c_k − m_k| ≤ δ·m_k. */
export type BandMode = 'absolute' | 'relative';

/** How far Σ m may be from 1 for target masses typed or computed by a caller. */
const TARGET_SUM_TOLERANCE = 1e-9;

/**
 * Validates target block masses m and returns them renormalised, m / Σ m.
 *
 * Requires a nonempty array of finite, nonnegative entries with |Σ m − 1| ≤ 1e-9; renormalising
 * removes that slack so that δ = 0 gives a feasible box (Σ L = Σ U = 1 up to rounding).
 * Throws InvalidArgumentError naming the first bad entry, or stating the sum.
 *
 * @example
 * checkTargets([0.25, 0.75])  // → Float64Array [0.25, 0.75]
 * checkTargets([0.5, 0.6])    // throws "targets: expected entries summing to 1 (within 1e-9), got Σ = 1.1"
 */
export function checkTargets(targets: ArrayLike<number>, argument = 'targets'): Float64Array {
  if (targets.length === 0) throw new InvalidArgumentError(argument, 'expected at least one block, got an empty array');
  let sum = 0;
  for (let k = 0; k < targets.length; k++) {
    const m = targets[k]!;
    if (!(Number.isFinite(m) && m >= 0)) {
      throw new InvalidArgumentError(`${argument}[${k}]`, `expected a finite mass ≥ 0, got ${m}`);
    }
    sum += m;
  }
  if (!(Math.abs(sum - 1) <= TARGET_SUM_TOLERANCE)) {
    throw new InvalidArgumentError(argument, `expected entries summing to 1 (within 1e-9), got Σ = ${sum}`);
  }
  const normalised = new Float64Array(targets.length);
  for (let k = 0; k < targets.length; k++) normalised[k] = targets[k]! / sum;
  return normalised;
}

/**
 * Tolerance box around target masses m (spec coarse-kl.md §1 "Tolerance band", §8 Q1):
 *   absolute: L_k = max(m_k − δ, 0),  U_k = min(m_k + δ, 1);
 *   relative: L_k = max((1 − δ)·m_k, 0),  U_k = min((1 + δ)·m_k, 1).
 *
 * Targets are validated and renormalised (`checkTargets`); δ must be finite and ≥ 0. Any δ ≥ 0 is
 * accepted in both modes: a relative δ ≥ 1 gives L = 0 (a block may empty but not exceed
 * (1 + δ)·m_k; a block with m_k = 0 stays at 0). Both boxes are feasible (Σ L ≤ 1 ≤ Σ U) because
 * Σ m = 1. δ = 0 gives L = U = m; an absolute δ ≥ max_k max(m_k, 1 − m_k) gives the whole simplex.
 *
 * @example
 * toleranceBand([0.15, 0.25, 0.3, 0.3], 0.05, 'absolute')
 * // → { lower: [0.10, 0.20, 0.25, 0.25], upper: [0.20, 0.30, 0.35, 0.35] }  (spec §7 worked example)
 * toleranceBand([0.5, 0.5], 0.1, 'relative') // → { lower: [0.45, 0.45], upper: [0.55, 0.55] }
 */
export function toleranceBand(targets: ArrayLike<number>, delta: number, mode: BandMode): ToleranceBand {
  const m = checkTargets(targets);
  if (!(Number.isFinite(delta) && delta >= 0)) {
    throw new InvalidArgumentError('delta', `expected a finite tolerance ≥ 0, got ${delta}`);
  }
  const lower = new Float64Array(m.length);
  const upper = new Float64Array(m.length);
  for (let k = 0; k < m.length; k++) {
    const mk = m[k]!;
    if (mode === 'absolute') {
      lower[k] = Math.max(mk - delta, 0);
      upper[k] = Math.min(mk + delta, 1);
    } else if (mode === 'relative') {
      lower[k] = Math.max((1 - delta) * mk, 0);
      upper[k] = Math.min((1 + delta) * mk, 1);
    } else {
      throw new InvalidArgumentError('mode', `expected 'absolute' or 'relative', got ${String(mode)}`);
    }
  }
  return { lower, upper };
}

/**
 * Slack on Σ L ≤ 1 ≤ Σ U for rounding in the two sums: naive summation of K terms near a total of
 * 1 errs by at most (K − 1)·ε, so 2K·ε never rejects a box that is feasible in exact arithmetic.
 */
function feasibilitySlack(K: number): number {
  return 2 * K * Number.EPSILON;
}

/**
 * Validates per-block bounds and the feasibility of the box on the simplex:
 *   0 ≤ L_k ≤ U_k ≤ 1 for every k,  lower.length = upper.length ≥ 1,  Σ L ≤ 1 ≤ Σ U
 * (spec coarse-kl.md §1; Σ checks allow 2K·ε of rounding), and lower.length = K when K is given.
 *
 * Per-block bounds typed by a user must go through it before `scaleClip` or a projector.
 * Throws InvalidArgumentError for a bad entry (naming the index) and InfeasibleBoundsError when
 * the sums admit no mass vector. Returns nothing.
 *
 * @example
 * checkBounds([0.1, 0.2], [0.6, 0.9]) // → undefined (feasible: 0.3 ≤ 1 ≤ 1.5)
 * checkBounds([0.6, 0.6], [0.7, 0.7]) // throws InfeasibleBoundsError (Σ lower = 1.2)
 */
export function checkBounds(lower: ArrayLike<number>, upper: ArrayLike<number>, K?: number): void {
  if (lower.length !== upper.length || lower.length === 0) {
    throw new InvalidArgumentError('lower, upper', `expected two nonempty arrays of equal length, got ${lower.length} and ${upper.length}`);
  }
  if (K !== undefined && lower.length !== K) {
    throw new InvalidArgumentError('lower, upper', `expected one bound per block (K = ${K}), got ${lower.length}`);
  }
  let sumLower = 0;
  let sumUpper = 0;
  for (let k = 0; k < lower.length; k++) {
    const l = lower[k]!;
    const u = upper[k]!;
    if (!(l >= 0 && l <= 1)) throw new InvalidArgumentError(`lower[${k}]`, `expected a bound in [0, 1], got ${l}`);
    if (!(u >= l && u <= 1)) throw new InvalidArgumentError(`upper[${k}]`, `expected a bound in [lower[${k}] = ${l}, 1], got ${u}`);
    sumLower += l;
    sumUpper += u;
  }
  const slack = feasibilitySlack(lower.length);
  if (sumLower > 1 + slack || sumUpper < 1 - slack) throw new InfeasibleBoundsError(sumLower, sumUpper);
}

/**
 * Whether L_k ≤ w_k ≤ U_k for every block and Σ w = 1 within 1e-12, i.e. w ∈ Box (then c* = w,
 * spec coarse-kl.md §2). NaN entries make it false.
 *
 * @example
 * isInBand([0.3, 0.7], [0.2, 0.5], [0.4, 0.8]) // → true
 * isInBand([0.1, 0.9], [0.2, 0.5], [0.4, 0.8]) // → false
 */
export function isInBand(w: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): boolean {
  let sum = 0;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k]!;
    if (!(wk >= lower[k]! && wk <= upper[k]!)) return false;
    sum += wk;
  }
  // Measured masses W_k / Z sum to 1 within K·ε; 1e-12 covers K up to ~4,500 blocks.
  return Math.abs(sum - 1) <= 1e-12;
}
