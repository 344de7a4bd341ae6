import { InvalidArgumentError } from '../errors';

/**
 * Finds the strict local maxima of samples on a grid: indices i with y_{i−1} < y_i ≥ y_{i+1}
 * (interior points only; NaN never counts), keeping those whose value is ≥ minRelativeHeight·max y.
 *
 * @example
 * gridMaxima([0, 1, 0, 2, 0]) // → [1, 3]
 */
export function gridMaxima(ys: ArrayLike<number>, minRelativeHeight = 0): number[] {
  let top = -Infinity;
  for (let i = 0; i < ys.length; i++) if (ys[i]! > top) top = ys[i]!;
  const out: number[] = [];
  for (let i = 1; i + 1 < ys.length; i++) {
    const y = ys[i]!;
    if (y > ys[i - 1]! && y >= ys[i + 1]! && y >= minRelativeHeight * top) out.push(i);
  }
  return out;
}

/** The result of a one-dimensional maximisation. */
export interface Maximum {
  readonly x: number;
  readonly value: number;
  readonly evaluations: number;
}

/**
 * Brent's method (Brent 1973, `localmin`: golden section with parabolic steps) for the maximum of f on
 * [a, b], written as a generator: it yields each abscissa to evaluate and receives f there, so the same
 * search drives a synchronous function or one evaluated by worker threads. Stops when the bracket is
 * below 2·(√ε|x| + tol); converges superlinearly for smooth f.
 *
 * @example
 * maximizeSync(brentMaximizer(0, 2, 1e-10), (x) => -(x - 1) ** 2).x // → 1
 */
export function* brentMaximizer(a: number, b: number, tol = 1e-8): Generator<number, Maximum, number> {
  if (!(a < b)) throw new InvalidArgumentError('a, b', `expected a < b, got ${a}, ${b}`);
  const golden = 0.5 * (3 - Math.sqrt(5));
  const eps = Math.sqrt(Number.EPSILON);
  let x = a + golden * (b - a), w = x, v = x;
  let fx = -(yield x);
  let fw = fx, fv = fx;
  let d = 0, e = 0, evaluations = 1;
  for (;;) {
    const mid = 0.5 * (a + b);
    const tol1 = eps * Math.abs(x) + tol, tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < mid ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < mid ? b : a) - x;
      d = golden * e;
    }
    const u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = -(yield u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return { x, value: -fx, evaluations };
}

/**
 * Runs a maximiser generator against a synchronous function.
 *
 * @example
 * maximizeSync(brentMaximizer(-1, 3), (x) => Math.sin(x)).x // → π/2
 */
export function maximizeSync(search: Generator<number, Maximum, number>, f: (x: number) => number): Maximum {
  let step = search.next();
  while (!step.done) step = search.next(f(step.value));
  return step.value;
}

/**
 * Runs a maximiser generator against an asynchronous function (e.g. evaluated by worker threads).
 *
 * @example
 * await maximizeAsync(brentMaximizer(0, 2), async (x) => -(x - 1) ** 2) // → { x: 1, … }
 */
export async function maximizeAsync(search: Generator<number, Maximum, number>, f: (x: number) => Promise<number>): Promise<Maximum> {
  let step = search.next();
  while (!step.done) step = search.next(await f(step.value));
  return step.value;
}

/** A refined peak of a sampled curve. */
export interface Peak {
  /** Grid index of the sampled maximum. */
  readonly index: number;
  readonly gridX: number;
  readonly gridValue: number;
  /** Brent-refined location and value (equal to the grid ones when not refined). */
  readonly x: number;
  readonly value: number;
}

/**
 * Locates the local maxima of a sampled curve and refines each by Brent's method on [x_{i−1}, x_{i+1}]
 * with `f`, the curve as a function (for information curves: the same common-random-number queries
 * evaluated at any λ, so the curve is smooth and the refinement exact up to `tol`).
 *
 * @example
 * refinePeaks(lambdas, R, (l) => bandwidthAt(l)) // → [{ x: 0.4110, value: 0.239758, … }] for ±1 data
 */
export function refinePeaks(xs: ArrayLike<number>, ys: ArrayLike<number>, f: (x: number) => number, options: { tol?: number; minRelativeHeight?: number } = {}): Peak[] {
  return gridMaxima(ys, options.minRelativeHeight ?? 0).map((i) => {
    const best = maximizeSync(brentMaximizer(xs[i - 1]!, xs[i + 1]!, options.tol ?? 1e-8), f);
    return { index: i, gridX: xs[i]!, gridValue: ys[i]!, x: best.x, value: best.value };
  });
}

/**
 * Computes the full width at half maximum of the peak at grid index i: the distance between the
 * crossings of ½·y_i on either side (linear interpolation between samples); NaN when the curve does
 * not fall to half on one side within the grid.
 *
 * @example
 * halfMaxWidth([0, 1, 2, 1, 0], [0, 0.5, 1, 0.5, 0], 2) // → 2
 */
export function halfMaxWidth(xs: ArrayLike<number>, ys: ArrayLike<number>, i: number, peakValue = ys[i]!): number {
  const half = 0.5 * peakValue;
  const crossing = (step: 1 | -1): number => {
    for (let j = i; j + step >= 0 && j + step < ys.length; j += step) {
      const y0 = ys[j]!, y1 = ys[j + step]!;
      if (y0 >= half && y1 < half) return xs[j]! + ((y0 - half) / (y0 - y1)) * (xs[j + step]! - xs[j]!);
    }
    return NaN;
  };
  return crossing(1) - crossing(-1);
}

/**
 * Finds where a sampled curve first crosses `level` going along the grid: the x by linear
 * interpolation between the bracketing samples, and the bracketing index; null when it never crosses.
 *
 * @example
 * firstCrossing([0, 1, 2], [0.5, 0.9, 1.3], 1) // → { x: 1.25, index: 1 }
 */
export function firstCrossing(xs: ArrayLike<number>, ys: ArrayLike<number>, level: number): { x: number; index: number } | null {
  for (let i = 0; i + 1 < ys.length; i++) {
    const a = ys[i]! - level, b = ys[i + 1]! - level;
    if (a === 0) return { x: xs[i]!, index: i };
    if (a * b < 0) return { x: xs[i]! + (a / (a - b)) * (xs[i + 1]! - xs[i]!), index: i };
  }
  return null;
}
