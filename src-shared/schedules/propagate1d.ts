import type { Cancellation } from '../diffusion/types';
import { CancelledError, InvalidArgumentError } from '../errors';
import type { LineDistribution } from './discreteLine';
import { type SnrGrid } from './snrGrid';

/**
 * Exact density propagation of the (U) sampler in one dimension (spec schedules-las.md §5.2,
 * "end-to-end, 1-D"): the sampler's law after each step is computed on a fine grid, with the exact
 * posterior-mean denoiser of the target, so the output's KL to p_δ is measured without sampling noise.
 */

/** A 1-D target with an exact denoiser: a finite distribution, or N(0, s²). */
export type LineTarget = { readonly kind: 'discrete'; readonly distribution: LineDistribution } | { readonly kind: 'gaussian'; readonly variance: number };

/** Resolution of the propagation grid. */
export interface PropagateOptions {
  /** Grid points per smallest length scale (the last step's noise and σ_δ, OU units); default 8. */
  readonly pointsPerScale?: number;
  readonly cancellation?: Cancellation;
}

/** The sampler's output density on the grid and the target's p_δ there. */
export interface PropagatedDensity {
  /** Grid points x_i (OU units), spacing h. */
  readonly x: Float64Array;
  readonly h: number;
  /** The sampler's output density q_out(x_i). */
  readonly density: Float64Array;
  /** p_δ(x_i) = Law(X_δ), δ = t(γ_max). */
  readonly target: Float64Array;
}

/** OU quantities at SNR γ: α² = γ/(1 + γ), σ² = 1/(1 + γ). */
function alphaSigma(gamma: number): { alpha: number; sigma2: number } {
  return { alpha: Math.sqrt(gamma / (1 + gamma)), sigma2: 1 / (1 + gamma) };
}

/** Writes E[X₀ | X_t = x_i] (OU, SNR γ) for every grid point into `out`. */
function posteriorMeans(target: LineTarget, gamma: number, x: Float64Array, out: Float64Array): void {
  const { alpha, sigma2 } = alphaSigma(gamma);
  if (target.kind === 'gaussian') {
    const gain = (alpha * target.variance) / (alpha * alpha * target.variance + sigma2);
    for (let i = 0; i < x.length; i++) out[i] = gain * x[i]!;
    return;
  }
  const { points, weights } = target.distribution;
  const logPrior = Float64Array.from(weights, Math.log);
  const logits = new Float64Array(points.length);
  for (let i = 0; i < x.length; i++) {
    let top = -Infinity;
    for (let j = 0; j < points.length; j++) {
      const r = x[i]! - alpha * points[j]!;
      logits[j] = logPrior[j]! - (r * r) / (2 * sigma2);
      if (logits[j]! > top) top = logits[j]!;
    }
    let sum = 0;
    let first = 0;
    for (let j = 0; j < points.length; j++) {
      const e = Math.exp(logits[j]! - top);
      sum += e;
      first += e * points[j]!;
    }
    out[i] = first / sum;
  }
}

/** Density of X_t (OU, SNR γ) at x: Σ_j p_j N(x; α x_j, σ²), or N(0, α²s² + σ²). */
function marginalDensity(target: LineTarget, gamma: number, x: number): number {
  const { alpha, sigma2 } = alphaSigma(gamma);
  if (target.kind === 'gaussian') {
    const v = alpha * alpha * target.variance + sigma2;
    return Math.exp((-0.5 * x * x) / v) / Math.sqrt(2 * Math.PI * v);
  }
  const { points, weights } = target.distribution;
  let sum = 0;
  for (let j = 0; j < points.length; j++) sum += weights[j]! * Math.exp((-0.5 * (x - alpha * points[j]!) ** 2) / sigma2);
  return sum / Math.sqrt(2 * Math.PI * sigma2);
}

/**
 * Half-width of the propagation grid: the data's extent plus 10 (OU units). For Gaussian data each
 * step is linear, x_a = A_k x_b + s_k ξ, so the tails of q_a out to ±10 sd come from q_b out to
 * ±10 sd/A_k: the grid widens by the strongest contraction max_k 1/A_k (a sampler much narrower than
 * p_δ). For discrete data x̂₀ saturates in the tails, where the kernel tails dominate instead.
 */
function halfWidthOf(target: LineTarget, steps: readonly (ReturnType<typeof stepCoefficients> | null)[], gammas: SnrGrid): number {
  if (target.kind === 'discrete') {
    let extent = 0;
    for (const p of target.distribution.points) extent = Math.max(extent, Math.abs(p));
    return extent + 10;
  }
  let widening = 1;
  for (let k = 1; k < steps.length; k++) {
    const { alphaA, alphaB, kappa } = steps[k]!;
    const b = alphaSigma(gammas[k]!);
    const gain = (b.alpha * target.variance) / (b.alpha * b.alpha * target.variance + b.sigma2);
    widening = Math.max(widening, 1 / (kappa + (alphaA - kappa * alphaB) * gain));
  }
  return Math.min(1000, 10 * Math.sqrt(Math.max(1, target.variance)) * widening);
}

/**
 * Writes the 6-point Lagrange interpolant of coarse[m] (at fine index m·stride) into every fine point,
 * in the log domain where the whole stencil is positive (Gaussian tails are then nearly exact), else
 * on the values (clamped at 0).
 */
function interpolateCoarse(coarse: Float64Array, stride: number, out: Float64Array): void {
  const last = coarse.length - 1;
  const logs = Float64Array.from(coarse, (v) => (v > 0 ? Math.log(v) : -Infinity));
  for (let i = 0; i < out.length; i++) {
    const position = i / stride;
    const first = Math.min(Math.max(Math.floor(position) - 2, 0), Math.max(0, last - 5));
    const end = Math.min(first + 5, last);
    let positive = true;
    for (let a = first; a <= end; a++) positive &&= coarse[a]! > 0;
    let value = 0;
    for (let a = first; a <= end; a++) {
      let weight = 1;
      for (let b = first; b <= end; b++) if (b !== a) weight *= (position - b) / (a - b);
      value += weight * (positive ? logs[a]! : coarse[a]!);
    }
    out[i] = positive ? Math.exp(value) : Math.max(0, value);
  }
}

/** One (U) step in OU form: x_a = α_a x̂₀ + κ (x_b − α_b x̂₀) + s ξ. */
function stepCoefficients(gammaA: number, gammaB: number) {
  const a = alphaSigma(gammaA);
  const b = alphaSigma(gammaB);
  return { alphaA: a.alpha, alphaB: b.alpha, kappa: Math.sqrt(gammaB / gammaA) * Math.sqrt((1 + gammaB) / (1 + gammaA)), s: Math.sqrt((a.sigma2 * (gammaA - gammaB)) / gammaA) };
}

/** The last step's sources (position μ_j, weight w_j) and kernel width, for log-densities in the tails. */
interface Sources {
  readonly mu: Float64Array;
  readonly weight: Float64Array;
  readonly s: number;
}

/**
 * Adds Σ_j w_j N(x_i; μ_j, s²) at the target points i = 0, r_t, 2r_t, … (coarse[m] for i = m·r_t). Each
 * kernel reaches as far as its contribution stays above e^{−690} (≈ 1e-300, above the denormals), so
 * tails keep full relative precision even where a contracting step makes them come from far sources;
 * it is evaluated by the exact recurrence exp(−(r + H)²/2s²) = exp(−r²/2s²)·exp(−(2rH + H²)/2s²).
 */
function gaussTransform(sources: Sources, x0: number, spacing: number, coarse: Float64Array): void {
  const { mu, weight, s } = sources;
  const inverse2s2 = 1 / (2 * s * s);
  const ratioStep = Math.exp(-2 * spacing * spacing * inverse2s2);
  const norm = 1 / (Math.sqrt(2 * Math.PI) * s);
  for (let j = 0; j < mu.length; j++) {
    const reach = Math.ceil((s * Math.sqrt(2 * Math.max(0, Math.log(weight[j]! * norm) + 690))) / spacing);
    const centre = Math.round((mu[j]! - x0) / spacing);
    const from = Math.max(0, centre - reach);
    const to = Math.min(coarse.length - 1, centre + reach);
    const r = x0 + from * spacing - mu[j]!;
    let value = weight[j]! * norm * Math.exp(-r * r * inverse2s2);
    let ratio = Math.exp(-(2 * r * spacing + spacing * spacing) * inverse2s2);
    for (let m = from; m <= to; m++) {
      coarse[m] = coarse[m]! + value;
      value *= ratio;
      ratio *= ratioStep;
    }
  }
}

/**
 * Propagates the (U) sampler's law through a grid: q_K = N(0, 1) at γ_K, then for k = K … 1,
 * q_{k−1}(x) = ∫ q_k(u) N(x; μ_k(u), s_k²) du, ending at γ_0 = γ_max (time δ).
 *
 * μ_k(u) = α_a x̂₀(u) + κ (u − α_b x̂₀(u)), κ = √(γ_b/γ_a)·√((1 + γ_b)/(1 + γ_a)),
 * s_k² = σ_a² (γ_a − γ_b)/γ_a (OU form of (U), spec §1.3; a = k − 1, b = k), x̂₀ the exact posterior
 * mean. Densities live on a uniform grid over ±(max|x_j| + 10) (Gaussian data: ±10 s/Π_k A_k) with spacing h = min(σ_δ, min_k s_k)/
 * pointsPerScale. The u-integral is the trapezoid rule, which converges geometrically for these
 * smooth, fast-decaying integrands, on every r_s-th point, r_s h ≤ min(s_{k+1}, s_k/max μ′)/4 (q_k is a
 * convolution with N(0, s_{k+1}²), so smooth on that scale); q_{k−1} is evaluated on every r_t-th point,
 * r_t h ≤ s_k/12, and filled in by 6-point Lagrange interpolation of ln q (relative error ~1e-8, q_{k−1}
 * being smooth on scale s_k; Gaussian tails are quadratic in ln q). The kernel is cut at ±9 s_k (e^{−40.5}). Sources below 1e-280 are skipped
 * (no denormals). Throws CancelledError between steps.
 *
 * @example
 * propagateSampler1d({ kind: 'gaussian', variance: 1 }, grid).density // → N(0, v_out) on the grid
 */
export function propagateSampler1d(target: LineTarget, grid: SnrGrid, options: PropagateOptions = {}): PropagatedDensity & { readonly last: Sources } {
  const K = grid.length - 1;
  const perScale = options.pointsPerScale ?? 8;
  if (!(perScale >= 1)) throw new InvalidArgumentError('pointsPerScale', `expected a number ≥ 1, got ${perScale}`);
  const steps = Array.from({ length: K + 1 }, (_, k) => (k === 0 ? null : stepCoefficients(grid[k - 1]!, grid[k]!)));
  let smallest = Math.sqrt(alphaSigma(grid[0]!).sigma2);
  for (let k = 1; k <= K; k++) smallest = Math.min(smallest, steps[k]!.s);
  const h = smallest / perScale;
  const n = 2 * Math.ceil(halfWidthOf(target, steps, grid) / h) + 1;
  if (n > 5_000_000) throw new InvalidArgumentError('grid', `needs ${n} propagation points (a step too short for the range)`);
  const x0 = -((n - 1) / 2) * h;
  const x = Float64Array.from({ length: n }, (_, i) => x0 + i * h);
  let q = Float64Array.from(x, (v) => Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI));
  const means = new Float64Array(n);
  let sourceScale = 1;
  let last: Sources = { mu: new Float64Array(0), weight: new Float64Array(0), s: 1 };
  for (let k = K; k >= 1; k--) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const { alphaA, alphaB, kappa, s } = steps[k]!;
    posteriorMeans(target, grid[k]!, x, means);
    let slope = kappa;
    for (let j = 1; j < n; j++) slope = Math.max(slope, Math.abs((alphaA - kappa * alphaB) * (means[j]! - means[j - 1]!)) / h + kappa);
    const sourceStride = Math.max(1, Math.floor(Math.min(sourceScale, s / slope) / (4 * h)));
    const targetStride = Math.max(1, Math.floor(s / (12 * h)));
    const mu: number[] = [];
    const weight: number[] = [];
    for (let j = 0; j < n; j += sourceStride) {
      const mass = q[j]! * sourceStride * h;
      if (!(mass > 1e-280)) continue;
      mu.push(alphaA * means[j]! + kappa * (x[j]! - alphaB * means[j]!));
      weight.push(mass);
    }
    last = { mu: Float64Array.from(mu), weight: Float64Array.from(weight), s };
    const coarse = new Float64Array(Math.floor((n - 1) / targetStride) + 1);
    gaussTransform(last, x0, targetStride * h, coarse);
    if (targetStride === 1 && coarse.length === n) q = coarse;
    else interpolateCoarse(coarse, targetStride, (q = new Float64Array(n)));
    sourceScale = s;
  }
  const targetDensity = Float64Array.from(x, (v) => marginalDensity(target, grid[0]!, v));
  return { x, h, density: q, target: targetDensity, last };
}

/** ln q(x) from the last step's sources by log-sum-exp (for tails where q underflows or was cut). */
function logDensityFromSources(sources: Sources, x: number): number {
  const { mu, weight, s } = sources;
  if (mu.length === 0) return -Infinity;
  let top = -Infinity;
  for (let j = 0; j < mu.length; j++) top = Math.max(top, Math.log(weight[j]!) - ((x - mu[j]!) ** 2) / (2 * s * s));
  let sum = 0;
  for (let j = 0; j < mu.length; j++) sum += Math.exp(Math.log(weight[j]!) - ((x - mu[j]!) ** 2) / (2 * s * s) - top);
  return top + Math.log(sum) - Math.log(Math.sqrt(2 * Math.PI) * s);
}

/**
 * Computes KL(p_δ ‖ q_out) of the (U) sampler's output in one dimension, nats, by exact density
 * propagation (propagateSampler1d) and the trapezoid rule: h Σ_i p_δ(x_i) ln(p_δ(x_i)/q(x_i)).
 *
 * Source: spec schedules-las.md §5.2 (binary, δ = 2e-3: cosine K = 5/10/20 gives 0.117/0.0064/0.00049).
 * Bounded by KL_init + A + D (data processing, spec §2). Where q is below 1e-290 (tails of a sampler
 * narrower than p_δ) ln q is recomputed from the last step's sources by log-sum-exp, so a narrow
 * output gives its large finite KL, not ∞; points where p_δ is below 1e-100 of its peak are skipped.
 *
 * @example
 * samplerMarginalKlNats({ kind: 'gaussian', variance: 0.25 }, baselineGrid('log-snr', 10, endpointsFromTimes(1e-3, 5))) // → 0.15608 (= gaussianSamplerMarginalKlNats)
 */
export function samplerMarginalKlNats(target: LineTarget, grid: SnrGrid, options: PropagateOptions = {}): number {
  const { x, h, density, target: p, last } = propagateSampler1d(target, grid, options);
  let pMax = 0;
  for (const v of p) pMax = Math.max(pMax, v);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    // p ln(p/q) with p < 1e-100 of its peak is below ~1e-94 for any ln q the grid can produce.
    if (!(p[i]! > 1e-100 * pMax)) continue;
    const logQ = density[i]! > 1e-290 ? Math.log(density[i]!) : logDensityFromSources(last, x[i]!);
    sum += p[i]! * (Math.log(p[i]!) - logQ);
  }
  return sum * h;
}
