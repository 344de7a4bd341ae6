import { InvalidArgumentError } from '../errors';
import { studentTQuantile } from './studentT';

/** Arithmetic mean; NaN for an empty sample. */
export function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}

/** Sample standard deviation with Bessel's correction, √(Σ(x − x̄)²/(n − 1)); NaN for n < 2. */
export function sampleStd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const xBar = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - xBar) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Summary of a sample: mean, std and the two-sided t-interval for the mean at `level`. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  /** Half-width t_{1−α/2, n−1}·s/√n of the confidence interval (NaN for n < 2). */
  readonly ciHalfWidth: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/**
 * Mean, standard deviation and Student-t confidence interval x̄ ± t_{1−α/2, n−1} s/√n.
 *
 * @example
 * summarize([1, 2, 3, 4]) // → { n: 4, mean: 2.5, std: 1.291, ciHalfWidth: 2.054, … }
 */
export function summarize(xs: ArrayLike<number>, level = 0.95): Summary {
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', `expected a number in (0, 1), got ${level}`);
  const n = xs.length;
  const m = mean(xs);
  const s = sampleStd(xs);
  const half = n >= 2 ? studentTQuantile(0.5 + level / 2, n - 1) * (s / Math.sqrt(n)) : Number.NaN;
  return { n, mean: m, std: s, ciHalfWidth: half, ciLow: m - half, ciHigh: m + half };
}

/**
 * Paired differences a_i − b_i summarised with a t-interval: the right analysis when a and b share
 * their noise (common random numbers), since the shared variance cancels.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): Summary {
  if (a.length !== b.length) throw new InvalidArgumentError('pairedDifference', `samples differ in length: ${a.length} vs ${b.length}`);
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i]! - b[i]!;
  return summarize(d, level);
}
