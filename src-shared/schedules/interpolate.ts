import { InvalidArgumentError } from '../errors';

/**
 * Finds the segment j with xs[j] ≤ x < xs[j + 1] of an ascending array by bisection (0 … n − 2;
 * clamped at the ends). O(log n).
 *
 * @example
 * segmentOf(Float64Array.of(0, 1, 2), 1.5) // → 1
 * segmentOf(Float64Array.of(0, 1, 2), 9) // → 1 (clamped)
 */
export function segmentOf(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Creates the log–log interpolant of a tabulated positive curve: ln v linear in ln γ between nodes
 * (spec schedules-las.md §4.2 step 2).
 *
 * v(γ) = exp((1 − θ) ln v_j + θ ln v_{j+1}), θ = (ln γ − ln γ_j)/(ln γ_{j+1} − ln γ_j), on
 * γ_j ≤ γ ≤ γ_{j+1}. Where a node value is 0 the segment is linear in ln γ instead (a curve that
 * reaches 0 stays finite). Outside [γ_0, γ_{n−1}] the end value is held (constant extension: no
 * extrapolated tail is invented). Nodes must be finite, > 0 and strictly ascending, values finite and
 * ≥ 0. NaN in → NaN out.
 *
 * @example
 * createLogLogInterpolant([1, 100], [1, 0.01])(10) // → 0.1 (a power law is reproduced exactly)
 * createLogLogInterpolant([1, 100], [1, 0.01])(1e4) // → 0.01 (held)
 */
export function createLogLogInterpolant(gammas: ArrayLike<number>, values: ArrayLike<number>): (gamma: number) => number {
  const n = gammas.length;
  if (n < 1 || values.length !== n) throw new InvalidArgumentError('gammas, values', `expected equal non-zero lengths, got ${n} and ${values.length}`);
  const logGammas = new Float64Array(n);
  const logValues = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const gamma = gammas[j]!;
    const value = values[j]!;
    if (!(gamma > 0 && Number.isFinite(gamma)) || (j > 0 && !(gamma > gammas[j - 1]!))) {
      throw new InvalidArgumentError(`gammas[${j}]`, `expected a finite SNR > 0, strictly ascending, got ${gamma}`);
    }
    if (!(value >= 0 && Number.isFinite(value))) throw new InvalidArgumentError(`values[${j}]`, `expected a finite value ≥ 0, got ${value}`);
    logGammas[j] = Math.log(gamma);
    logValues[j] = Math.log(value);
  }
  const plain = Float64Array.from(values);
  return (gamma) => {
    const x = Math.log(gamma);
    if (!(x > logGammas[0]!)) return x !== x ? NaN : plain[0]!;
    if (x >= logGammas[n - 1]!) return plain[n - 1]!;
    const j = segmentOf(logGammas, x);
    const theta = (x - logGammas[j]!) / (logGammas[j + 1]! - logGammas[j]!);
    if (plain[j] === 0 || plain[j + 1] === 0) return (1 - theta) * plain[j]! + theta * plain[j + 1]!;
    return Math.exp((1 - theta) * logValues[j]! + theta * logValues[j + 1]!);
  };
}

/**
 * Evaluates the cubic Hermite interpolant of (x_j, y_j, y′_j) at x, for ascending nodes.
 *
 * On [x_j, x_{j+1}], h = x_{j+1} − x_j, θ = (x − x_j)/h: y = h00 y_j + h10 h y′_j + h01 y_{j+1} + h11 h y′_{j+1}
 * with the standard basis h00 = (1 + 2θ)(1 − θ)², h10 = θ(1 − θ)², h01 = θ²(3 − 2θ), h11 = θ²(θ − 1).
 * Error O(h⁴). Outside the nodes the end segment's cubic is extended.
 *
 * @example
 * hermiteAt(Float64Array.of(0, 1), Float64Array.of(0, 1), Float64Array.of(0, 2), 0.5) // → 0.25 (x² exactly)
 */
export function hermiteAt(xs: Float64Array, ys: Float64Array, slopes: Float64Array, x: number): number {
  const j = segmentOf(xs, x);
  const h = xs[j + 1]! - xs[j]!;
  const t = (x - xs[j]!) / h;
  const u = 1 - t;
  return (1 + 2 * t) * u * u * ys[j]! + t * u * u * h * slopes[j]! + t * t * (3 - 2 * t) * ys[j + 1]! + t * t * (t - 1) * h * slopes[j + 1]!;
}
