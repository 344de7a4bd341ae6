import { InvalidArgumentError } from '../errors';
import { asSnrGrid, checkEndpoints, type SnrEndpoints, type SnrGrid } from './snrGrid';

/** Resolution of the cumulative integral behind an equalised grid. */
export interface EqualiseOptions {
  /** Points of the fine λ grid (trapezoid rule); default 4001. */
  readonly nodes?: number;
}

/**
 * Places K steps so that each carries an equal share of a density in log-SNR: F(λ_i) = (i/K)·F(λ_min),
 * F(λ) = ∫_λ^{λ_max} w(λ′) dλ′.
 *
 * F by the trapezoid rule on a uniform fine grid of `nodes` points in λ = ln γ, inverted by linear
 * interpolation; the ends are γ_max and γ_min exactly. The density must be finite and ≥ 0 with a
 * positive total; where F is flat the grid interpolates. Used for the asymptotic LAS rule (density
 * γ√|ℓ′(γ)| in λ) and entropic time (γ ℓ(γ)), spec schedules-las.md §4.1.
 *
 * @example
 * equalisedGrid(() => 1, 2, { gammaMax: 100, gammaMin: 0.01 }) // → [100, 1, 0.01] (uniform in λ)
 */
export function equalisedGrid(density: (lambda: number) => number, K: number, endpoints: SnrEndpoints, options: EqualiseOptions = {}): SnrGrid {
  checkEndpoints(endpoints);
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `expected an integer ≥ 1, got ${K}`);
  const n = options.nodes ?? 4001;
  const hi = Math.log(endpoints.gammaMax);
  const lo = Math.log(endpoints.gammaMin);
  const h = (hi - lo) / (n - 1);
  // cumulative[m]: ∫ from λ_max down to λ_max − m h.
  const cumulative = new Float64Array(n);
  let previous = density(hi);
  for (let m = 1; m < n; m++) {
    const value = density(hi - m * h);
    cumulative[m] = cumulative[m - 1]! + 0.5 * h * (previous + value);
    previous = value;
  }
  const total = cumulative[n - 1]!;
  if (!(total > 0 && Number.isFinite(total))) throw new InvalidArgumentError('density', `expected a finite positive total on the range, got ${total}`);
  const grid = new Float64Array(K + 1);
  let m = 0;
  for (let i = 1; i < K; i++) {
    const target = (i / K) * total;
    while (m < n - 2 && cumulative[m + 1]! < target) m++;
    const span = cumulative[m + 1]! - cumulative[m]!;
    const theta = span > 0 ? (target - cumulative[m]!) / span : 0.5;
    grid[i] = Math.exp(hi - (m + theta) * h);
  }
  grid[0] = endpoints.gammaMax;
  grid[K] = endpoints.gammaMin;
  for (let i = 1; i <= K; i++) {
    if (!(grid[i]! < grid[i - 1]!)) throw new InvalidArgumentError('K', `levels ${i - 1} and ${i} merge: the density is concentrated below the fine-grid resolution`);
  }
  return asSnrGrid(grid);
}

/**
 * Computes −dℓ/dγ of a curve by a central difference in λ = ln γ: −ℓ′(γ) = −[ℓ(γe^ε) − ℓ(γe^{−ε})]/(2εγ).
 *
 * ε = 1e-4 balances truncation O(ε²) against rounding O(1e-16/ε) for curves smooth in λ. Used when a
 * curve has no analytic slope (tabulated or imported losses); non-negative for non-increasing ℓ.
 *
 * @example
 * slopeByDifference((g) => 1 / (1 + g))(1) // → 0.25 (to ~1e-8)
 */
export function slopeByDifference(loss: (gamma: number) => number, epsilon = 1e-4): (gamma: number) => number {
  return (gamma) => -(loss(gamma * Math.exp(epsilon)) - loss(gamma * Math.exp(-epsilon))) / (2 * Math.sinh(epsilon) * gamma);
}

/**
 * Computes the asymptotic LAS grid: point density ∝ √|ℓ′(γ)| in γ (∝ γ√|ℓ′(γ)| in λ), the
 * large-K optimum of T3 (spec schedules-las.md §3.2, §4.1; an ablation, poor for small K).
 *
 * @example
 * lasDensityGrid((g) => 1 / (1 + g) ** 2, 5, endpointsFromTimes(1e-3, 5)) // → equal steps in ln(1 + γ) (Gaussian, s² = 1)
 */
export function lasDensityGrid(slope: (gamma: number) => number, K: number, endpoints: SnrEndpoints, options: EqualiseOptions = {}): SnrGrid {
  return equalisedGrid((lambda) => {
    const gamma = Math.exp(lambda);
    return gamma * Math.sqrt(Math.abs(slope(gamma)));
  }, K, endpoints, options);
}

/**
 * Computes entropic time: equal increments of ∫ ℓ dγ, i.e. point density ∝ ℓ(γ) in γ; with ℓ = m
 * these are equal steps of I(γ) (Stančević et al. 2025; spec schedules-las.md §4.1).
 *
 * @example
 * entropicGrid((g) => 1 / (1 + g), 5, endpointsFromTimes(1e-3, 5)) // → the T4 optimum (Gaussian, s² = 1)
 */
export function entropicGrid(loss: (gamma: number) => number, K: number, endpoints: SnrEndpoints, options: EqualiseOptions = {}): SnrGrid {
  return equalisedGrid((lambda) => {
    const gamma = Math.exp(lambda);
    return gamma * loss(gamma);
  }, K, endpoints, options);
}

/**
 * Computes L = ∫_{γ_min}^{γ_max} √|m′(γ)| dγ, the constant of the optimal rate min D ≈ L²/(4K)
 * (spec schedules-las.md §3.2 T3), by the trapezoid rule in λ on `nodes` points.
 *
 * @example
 * optimalRateConstant((g) => 1 / (1 + g) ** 2, { gammaMax: 499.5, gammaMin: 4.54e-5 }) // → ln(500.5/1.0000454) = 6.2156…
 */
export function optimalRateConstant(slope: (gamma: number) => number, endpoints: SnrEndpoints, nodes = 4001): number {
  checkEndpoints(endpoints);
  const hi = Math.log(endpoints.gammaMax);
  const lo = Math.log(endpoints.gammaMin);
  const h = (hi - lo) / (nodes - 1);
  let sum = 0;
  for (let m = 0; m < nodes; m++) {
    const gamma = Math.exp(lo + m * h);
    const value = gamma * Math.sqrt(Math.abs(slope(gamma)));
    sum += m === 0 || m === nodes - 1 ? 0.5 * value : value;
  }
  return sum * h;
}
