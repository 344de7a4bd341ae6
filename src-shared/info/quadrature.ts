import { InvalidArgumentError } from '../errors';
import { fillStandardNormal } from '../math/rng';
import { tridiagonalEigen } from './symmetricEigen';

/** Nodes and weights of a quadrature rule for E f(ε), ε ~ N(0, I_d): nodes row-major count × d, weights summing to 1. */
export interface GaussianRule {
  readonly dimension: number;
  readonly count: number;
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
  /** True for i.i.d. draws (equal weights; averages carry Monte Carlo error). */
  readonly monteCarlo?: boolean;
}

/** Noise stream of Monte Carlo rules. */
export const RULE_STREAM = 20;

/**
 * Builds a Monte Carlo "rule" for N(0, I_d): `count` draws from the Philox addresses (seed, sample q,
 * step 0, RULE_STREAM), weights 1/count, flagged monteCarlo (used where d is too large for a tensor rule).
 *
 * @example
 * monteCarloRule(784, 64, 0).count // → 64
 */
export function monteCarloRule(dimension: number, count: number, seed: number): GaussianRule {
  if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError('count', `expected an integer ≥ 2 draws, got ${count}`);
  const nodes = new Float64Array(count * dimension);
  for (let q = 0; q < count; q++) fillStandardNormal(nodes.subarray(q * dimension, (q + 1) * dimension), { seed, sample: q, step: 0, stream: RULE_STREAM });
  return { dimension, count, nodes, weights: new Float64Array(count).fill(1 / count), monteCarlo: true };
}

const hermiteCache = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

/**
 * Computes the n-point Gauss–Hermite rule for the standard normal law: E f(ε) ≈ Σ_k w_k f(ε_k),
 * exact for polynomials of degree ≤ 2n − 1.
 *
 * Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the probabilists' Hermite
 * polynomials (zero diagonal, off-diagonal √k, k = 1 … n−1) and w_k is the squared first component
 * of the k-th normalised eigenvector (Σ w_k = 1). Nodes ascending, symmetric about 0. Cached per n.
 *
 * @example
 * gaussHermite(2) // → { nodes: [−1, 1], weights: [0.5, 0.5] }
 */
export function gaussHermite(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 400) throw new InvalidArgumentError('n', `expected an integer in [1, 400], got ${n}`);
  const hit = hermiteCache.get(n);
  if (hit) return hit;
  const off = Float64Array.from({ length: n - 1 }, (_, k) => Math.sqrt(k + 1));
  const { values, vectors } = tridiagonalEigen(new Float64Array(n), off);
  const weights = Float64Array.from({ length: n }, (_, i) => vectors[i * n]! ** 2);
  // Symmetrise: the exact rule is symmetric; this removes the eigen-solver's ~1e-15 asymmetry.
  const nodes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = 0.5 * (values[i]! - values[n - 1 - i]!);
  }
  const sym = Float64Array.from({ length: n }, (_, i) => 0.5 * (weights[i]! + weights[n - 1 - i]!));
  let total = 0;
  for (const w of sym) total += w;
  for (let i = 0; i < n; i++) sym[i] = sym[i]! / total;
  const rule = { nodes, weights: sym };
  hermiteCache.set(n, rule);
  return rule;
}

/**
 * Builds the tensor-product Gauss–Hermite rule for N(0, I_d) with n nodes per axis (n^d nodes).
 *
 * Node (k_1 … k_d) is (ε_{k_1}, …, ε_{k_d}) with weight Π w_{k_j}; exact for polynomials of degree
 * ≤ 2n − 1 in each coordinate. Throws when n^d exceeds 10⁶.
 *
 * @example
 * gaussianTensorRule(2, 3).count // → 9
 */
export function gaussianTensorRule(dimension: number, n: number): GaussianRule {
  if (!Number.isInteger(dimension) || dimension < 1) throw new InvalidArgumentError('dimension', `expected an integer ≥ 1, got ${dimension}`);
  const count = n ** dimension;
  if (!(count <= 1e6)) throw new InvalidArgumentError('n', `expected n^d ≤ 10⁶ nodes, got ${n}^${dimension}`);
  const rule = gaussHermite(n);
  const nodes = new Float64Array(count * dimension);
  const weights = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    let rest = c;
    let w = 1;
    for (let k = dimension - 1; k >= 0; k--) {
      const index = rest % n;
      rest = Math.floor(rest / n);
      nodes[c * dimension + k] = rule.nodes[index]!;
      w *= rule.weights[index]!;
    }
    weights[c] = w;
  }
  return { dimension, count, nodes, weights };
}

/**
 * Returns `count` points evenly spaced from `min` to `max` inclusive (both exact).
 *
 * @example
 * uniformGrid(0, 1, 3) // → [0, 0.5, 1]
 */
export function uniformGrid(min: number, max: number, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError('count', `expected an integer ≥ 2, got ${count}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) throw new InvalidArgumentError('min, max', `expected finite min < max, got ${min}, ${max}`);
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = min + ((max - min) * i) / (count - 1);
  grid[count - 1] = max;
  return grid;
}

/**
 * Integrates samples y(x_i) on an increasing grid by the trapezoid rule: Σ ½(y_i + y_{i+1})(x_{i+1} − x_i).
 * Error O(h²) for smooth integrands. NaN propagates.
 *
 * @example
 * trapezoid([0, 1, 2], [0, 1, 4]) // → 3
 */
export function trapezoid(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length !== ys.length) throw new InvalidArgumentError('ys', `expected ${xs.length} values (one per grid point), got ${ys.length}`);
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i++) sum += 0.5 * (ys[i]! + ys[i + 1]!) * (xs[i + 1]! - xs[i]!);
  return sum;
}

/**
 * Computes the running trapezoid integral F_i = ∫_{x_0}^{x_i} y dx on an increasing grid (F_0 = 0).
 *
 * @example
 * cumulativeTrapezoid([0, 1, 2], [1, 1, 1]) // → [0, 1, 2]
 */
export function cumulativeTrapezoid(xs: ArrayLike<number>, ys: ArrayLike<number>): Float64Array {
  if (xs.length !== ys.length) throw new InvalidArgumentError('ys', `expected ${xs.length} values (one per grid point), got ${ys.length}`);
  const out = new Float64Array(xs.length);
  for (let i = 1; i < xs.length; i++) out[i] = out[i - 1]! + 0.5 * (ys[i - 1]! + ys[i]!) * (xs[i]! - xs[i - 1]!);
  return out;
}

/**
 * Integrates samples on a uniform grid of spacing h by composite Simpson (error O(h⁴)); with an even
 * number of intervals only. Odd interval counts get Simpson on all but the last three intervals and
 * the 3/8 rule on those.
 *
 * @example
 * simpson([0, 1, 4], 1) // → 2.6666666666666665 (∫₀² x² dx = 8/3)
 */
export function simpson(ys: ArrayLike<number>, h: number): number {
  const n = ys.length - 1;
  if (n < 2) throw new InvalidArgumentError('ys', `expected at least 3 samples, got ${ys.length}`);
  const simpsonRange = (from: number, to: number) => {
    let sum = ys[from]! + ys[to]!;
    for (let i = from + 1; i < to; i++) sum += ((i - from) % 2 === 1 ? 4 : 2) * ys[i]!;
    return (h / 3) * sum;
  };
  if (n % 2 === 0) return simpsonRange(0, n);
  if (n === 3) return ((3 * h) / 8) * (ys[0]! + 3 * ys[1]! + 3 * ys[2]! + ys[3]!);
  return simpsonRange(0, n - 3) + ((3 * h) / 8) * (ys[n - 3]! + 3 * ys[n - 2]! + 3 * ys[n - 1]! + ys[n]!);
}
