import { InvalidArgumentError } from '../errors';
import { CounterRng } from '../math/rng';

/**
 * Sample-based distances between generated and data samples in ℝ^d (spec schedules-las.md §5, "MMD or
 * sliced Wasserstein to the data in n-D"). Samples are row-major: n × d.
 */

function checkSamples(x: Float64Array, y: Float64Array, dimension: number): { n: number; m: number } {
  if (!Number.isInteger(dimension) || dimension < 1) throw new InvalidArgumentError('dimension', `expected an integer ≥ 1, got ${dimension}`);
  if (x.length % dimension !== 0 || y.length % dimension !== 0) throw new InvalidArgumentError('x, y', `expected lengths that are multiples of the dimension ${dimension}, got ${x.length} and ${y.length}`);
  const n = x.length / dimension;
  const m = y.length / dimension;
  if (n < 2 || m < 2) throw new InvalidArgumentError('x, y', `expected at least 2 samples each, got ${n} and ${m}`);
  return { n, m };
}

function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += (a[i * d + k]! - b[j * d + k]!) ** 2;
  return s;
}

/**
 * Computes the median heuristic bandwidth ℓ = √(median ‖z_i − z_j‖²/2) over the pooled samples (at
 * most the first 512 of each), so exp(−‖·‖²/(2ℓ²)) = exp(−‖·‖²/median).
 *
 * @example
 * medianBandwidth(Float64Array.of(0, 1), Float64Array.of(0, 1), 1) // → √(1/2)
 */
export function medianBandwidth(x: Float64Array, y: Float64Array, dimension: number): number {
  const { n, m } = checkSamples(x, y, dimension);
  const pool = new Float64Array((Math.min(n, 512) + Math.min(m, 512)) * dimension);
  pool.set(x.subarray(0, Math.min(n, 512) * dimension));
  pool.set(y.subarray(0, Math.min(m, 512) * dimension), Math.min(n, 512) * dimension);
  const count = pool.length / dimension;
  const distances: number[] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) distances.push(squaredDistance(pool, i, pool, j, dimension));
  distances.sort((a, b) => a - b);
  const median = distances[Math.floor((distances.length - 1) / 2)]!;
  return Math.sqrt(median / 2);
}

/** Kernel bandwidth and an optional precomputed within-reference term of an MMD estimate. */
export interface MmdOptions {
  readonly dimension: number;
  /** ℓ of k(a, b) = exp(−‖a − b‖²/(2ℓ²)). */
  readonly bandwidth: number;
  /** withinKernelMean(y, …), when y is reused across many x (it costs O(m² d)). */
  readonly referenceWithin?: number;
}

/**
 * Computes the mean of the Gaussian kernel over distinct pairs of one sample,
 * 1/(m(m−1)) Σ_{j≠j′} k(y_j, y_{j′}).
 *
 * @example
 * withinKernelMean(Float64Array.of(0, 1), 1, 1) // → e^{−½} = 0.6065…
 */
export function withinKernelMean(y: Float64Array, dimension: number, bandwidth: number): number {
  const m = y.length / dimension;
  const scale = 1 / (2 * bandwidth * bandwidth);
  let sum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sum += Math.exp(-scale * squaredDistance(y, i, y, j, dimension));
  return (2 * sum) / (m * (m - 1));
}

/**
 * Computes the unbiased estimate of the squared maximum mean discrepancy with a Gaussian kernel
 * k(a, b) = exp(−‖a − b‖²/(2ℓ²)):
 * MMD²_u = 1/(n(n−1)) Σ_{i≠i′} k(x_i, x_{i′}) + 1/(m(m−1)) Σ_{j≠j′} k(y_j, y_{j′}) − 2/(nm) Σ_{i,j} k(x_i, y_j).
 *
 * Source: Gretton et al. (2012), JMLR 13, eq. 3. Unitless; may be slightly negative when the
 * distributions are equal (unbiased). O((n + m)² d).
 *
 * @example
 * mmdSquared(Float64Array.of(0, 1), Float64Array.of(0, 1), { dimension: 1, bandwidth: 1 }) // → e^{−½} − 1 = −0.3935 (unbiased: below 0 for equal samples)
 */
export function mmdSquared(x: Float64Array, y: Float64Array, options: MmdOptions): number {
  const { dimension, bandwidth } = options;
  const { n, m } = checkSamples(x, y, dimension);
  if (!(bandwidth > 0 && Number.isFinite(bandwidth))) throw new InvalidArgumentError('bandwidth', `expected a finite number > 0, got ${bandwidth}`);
  const scale = 1 / (2 * bandwidth * bandwidth);
  let xy = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) xy += Math.exp(-scale * squaredDistance(x, i, y, j, dimension));
  const yy = options.referenceWithin ?? withinKernelMean(y, dimension, bandwidth);
  return withinKernelMean(x, dimension, bandwidth) + yy - (2 * xy) / (n * m);
}

/** Empirical quantile function of sorted values at probability u (step function, left-continuous). */
function quantile(sorted: Float64Array, u: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(u * sorted.length))]!;
}

/**
 * Computes the sliced 2-Wasserstein distance SW₂ = (E_θ W₂²(θ·X, θ·Y))^{1/2} between two samples,
 * over `projections` directions θ uniform on the sphere (Gaussian draws normalised, from a CounterRng
 * of `seed`).
 *
 * Each 1-D W₂² = ∫₀¹ (F_x⁻¹(u) − F_y⁻¹(u))² du between the empirical quantile functions, exact for step
 * functions: integrated on the merged breakpoints i/n ∪ j/m. In 1-D with θ = ±1 it is the exact W₂ of
 * the samples. Source: Bonneel et al. (2015); Rabin et al. (2011). Units of the data.
 *
 * @example
 * slicedWasserstein(Float64Array.of(0, 1), Float64Array.of(2, 3), 1, { projections: 4, seed: 0 }) // → 2
 */
export function slicedWasserstein(x: Float64Array, y: Float64Array, dimension: number, options: { projections: number; seed: number }): number {
  const { n, m } = checkSamples(x, y, dimension);
  const rng = new CounterRng(options.seed, 11);
  const theta = new Float64Array(dimension);
  const px = new Float64Array(n);
  const py = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < options.projections; p++) {
    let norm = 0;
    for (let k = 0; k < dimension; k++) norm += (theta[k] = rng.nextNormal()) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < dimension; k++) s += x[i * dimension + k]! * theta[k]!;
      px[i] = s / norm;
    }
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < dimension; k++) s += y[j * dimension + k]! * theta[k]!;
      py[j] = s / norm;
    }
    px.sort();
    py.sort();
    // Merge the breakpoints i/n and j/m: the quantile functions are constant in between.
    let i = 0, j = 0, u = 0, w2 = 0;
    while (u < 1) {
      const next = Math.min((i + 1) / n, (j + 1) / m);
      const mid = 0.5 * (u + next);
      w2 += (next - u) * (quantile(px, mid) - quantile(py, mid)) ** 2;
      if ((i + 1) / n <= next) i++;
      if ((j + 1) / m <= next) j++;
      u = next;
    }
    total += w2;
  }
  return Math.sqrt(total / options.projections);
}
