import { createEmpiricalDenoiser } from '../diffusion/denoisers/empirical';
import { createGmmDenoiser, type GmmComponent } from '../diffusion/denoisers/gmm';
import type { Cancellation, Denoiser } from '../diffusion/types';
import { CancelledError, InvalidArgumentError } from '../errors';
import { CounterRng, fillStandardNormal } from '../math/rng';

/**
 * A data distribution with an exact posterior: draws of X₀ and the Rao–Blackwellised posterior
 * variance tr Cov(X₀ | x̃) at VE level σ (x̃ = X₀ + σZ, σ = γ^{−1/2}).
 */
export interface PosteriorSource {
  readonly dimension: number;
  /** tr Cov(X₀). */
  readonly variance: number;
  /** E‖X₀‖². */
  readonly secondMoment: number;
  /** Writes one draw of X₀ into `out`. */
  draw(rng: CounterRng, out: Float64Array): void;
  /** tr Cov(X₀ | x̃) at noise level σ. */
  traceCov(xTilde: Float64Array, sigma: number): number;
  /** The exact posterior-mean denoiser D(x̃; σ) = E[X₀ | x̃]. */
  readonly denoiser: Denoiser;
}

/**
 * The empirical distribution of `count` points in ℝ^d (row-major), equal weights: draws pick a point
 * uniformly; tr Cov(X₀|x̃) = Σ_j w_j ‖x_j − μ‖² by the exact empirical denoiser (spec §6.1).
 *
 * @example
 * empiricalSource(Float64Array.of(-1, 1), 2, 1).variance // → 1
 */
export function empiricalSource(data: Float64Array, count: number, dimension: number): PosteriorSource {
  const denoiser = createEmpiricalDenoiser(data, count, dimension);
  const mean = new Float64Array(dimension);
  let secondMoment = 0;
  for (let j = 0; j < count; j++) {
    for (let k = 0; k < dimension; k++) {
      const v = data[j * dimension + k]!;
      mean[k] = mean[k]! + v / count;
      secondMoment += (v * v) / count;
    }
  }
  const variance = secondMoment - mean.reduce((s, v) => s + v * v, 0);
  return {
    dimension,
    variance,
    secondMoment,
    draw(rng, out) {
      const j = rng.nextInt(count);
      out.set(data.subarray(j * dimension, (j + 1) * dimension));
    },
    traceCov: (xTilde, sigma) => denoiser.denoiseWithTrace(xTilde, sigma).traceCov,
    denoiser,
  };
}

/**
 * An isotropic Gaussian mixture Σ_i π_i N(μ_i, s_i² I): draws pick a component by π then add s_i·Z;
 * tr Cov(X₀|x̃) by the exact GMM denoiser (responsibilities times conditional moments, spec §6.1).
 *
 * @example
 * gmmSource([{ weight: 1, mean: [0, 0], std: 1 }]).variance // → 2
 */
export function gmmSource(components: readonly GmmComponent[]): PosteriorSource {
  const denoiser = createGmmDenoiser(components);
  const dimension = denoiser.dimension;
  const total = components.reduce((s, c) => s + c.weight, 0);
  const cumulative = Float64Array.from(components, ((sum) => (c: GmmComponent) => (sum += c.weight / total))(0));
  const mean = new Float64Array(dimension);
  let secondMoment = 0;
  for (const c of components) {
    const pi = c.weight / total;
    for (let k = 0; k < dimension; k++) {
      mean[k] = mean[k]! + pi * c.mean[k]!;
      secondMoment += pi * (c.mean[k]! ** 2 + c.std * c.std);
    }
  }
  return {
    dimension,
    variance: secondMoment - mean.reduce((s, v) => s + v * v, 0),
    secondMoment,
    draw(rng, out) {
      const u = rng.nextUniform();
      let i = 0;
      while (i < components.length - 1 && cumulative[i]! < u) i++;
      const c = components[i]!;
      for (let k = 0; k < dimension; k++) out[k] = c.mean[k]! + c.std * rng.nextNormal();
    },
    traceCov: (xTilde, sigma) => denoiser.denoiseWithTrace(xTilde, sigma).traceCov,
    denoiser,
  };
}

/** A Monte Carlo MMSE curve: per level, the mean of tr Cov(X₀|x̃) over the draws and its standard error. */
export interface MonteCarloMmse {
  /** Ascending SNRs. */
  readonly gammas: Float64Array;
  readonly mmse: Float64Array;
  readonly standardError: Float64Array;
  readonly draws: number;
}

/** Levels, draws and seed of a Monte Carlo MMSE curve. */
export interface MonteCarloOptions {
  /** Ascending SNRs γ (e.g. 100–200 log-spaced over the endpoints, spec §6.1). */
  readonly gammas: ArrayLike<number>;
  /** Draws M of (X₀, Z), shared by every level (common random numbers). */
  readonly draws: number;
  readonly seed: number;
  readonly cancellation?: Cancellation;
  /** Called after each level. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Noise stream of the channel noise Z of MC MMSE draws (distinct from the sampler's streams). */
export const MMSE_NOISE_STREAM = 7;

/**
 * Estimates the MMSE curve m(γ) = E tr Cov(X₀ | Y_γ) by Monte Carlo with common random numbers,
 * Rao–Blackwellised (spec schedules-las.md §6.1).
 *
 * M pairs (X₀^{(m)}, Z^{(m)}) are drawn once from the seed (X₀ by a CounterRng(seed, 0), Z by
 * Philox at (seed, sample m, stream MMSE_NOISE_STREAM)); at every γ, x̃ = X₀ + Z/√γ and
 * m̂(γ) = (1/M) Σ_m tr Cov(X₀ | x̃^{(m)}), whose variance is lower than that of ‖X₀ − E[X₀|x̃]‖²;
 * s.e. = sample std/√M. Sharing the draws across γ makes the curve smooth in γ. Cost O(M·G) posterior
 * evaluations. Throws CancelledError between levels.
 *
 * @example
 * monteCarloMmse(gmmSource([{ weight: 1, mean: [0], std: 1 }]), { gammas: [1], draws: 1000, seed: 0 }).mmse // → [≈ 0.5]
 */
export function monteCarloMmse(source: PosteriorSource, options: MonteCarloOptions): MonteCarloMmse {
  const { draws, seed, cancellation, onProgress } = options;
  const gammas = Float64Array.from(options.gammas);
  if (!Number.isInteger(draws) || draws < 2) throw new InvalidArgumentError('draws', `expected an integer ≥ 2, got ${draws}`);
  gammas.forEach((g, i) => {
    if (!(g > 0 && Number.isFinite(g)) || (i > 0 && !(g > gammas[i - 1]!))) throw new InvalidArgumentError(`gammas[${i}]`, `expected a finite SNR > 0, strictly ascending, got ${g}`);
  });
  const d = source.dimension;
  const rng = new CounterRng(seed, 0);
  const x0 = new Float64Array(draws * d);
  const z = new Float64Array(draws * d);
  const row = new Float64Array(d);
  for (let m = 0; m < draws; m++) {
    source.draw(rng, row);
    x0.set(row, m * d);
    z.set(fillStandardNormal(new Float64Array(d), { seed, sample: m, step: 0, stream: MMSE_NOISE_STREAM }), m * d);
  }
  const mmse = new Float64Array(gammas.length);
  const standardError = new Float64Array(gammas.length);
  const xTilde = new Float64Array(d);
  const values = new Float64Array(draws);
  gammas.forEach((gamma, level) => {
    if (cancellation?.aborted) throw new CancelledError();
    const sigma = 1 / Math.sqrt(gamma);
    let sum = 0;
    for (let m = 0; m < draws; m++) {
      for (let k = 0; k < d; k++) xTilde[k] = x0[m * d + k]! + sigma * z[m * d + k]!;
      values[m] = source.traceCov(xTilde, sigma);
      sum += values[m]!;
    }
    // Two passes: Σ(t − t̄)² has no cancellation (Σt² − M t̄² loses ~1e-8 when the draws agree).
    const mean = sum / draws;
    let squares = 0;
    for (let m = 0; m < draws; m++) squares += (values[m]! - mean) ** 2;
    mmse[level] = mean;
    standardError[level] = Math.sqrt(squares / (draws - 1) / draws);
    onProgress?.(level + 1, gammas.length);
  });
  return { gammas, mmse, standardError, draws };
}
