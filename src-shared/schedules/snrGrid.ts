import type { Schedule, Sigmas } from '../diffusion/types';
import { InvalidArgumentError } from '../errors';

/**
 * SNR grids: every Gaussian forward process reduces to the channel Y_γ = √γ X₀ + Z, so a K-step
 * schedule is a decreasing list of SNRs (spec schedules-las.md §1.1–1.2). Conversions (OU form
 * dX = −X dt + √2 dB): γ(t) = 1/(e^{2t} − 1), t(γ) = ½ ln(1 + 1/γ), σ = γ^{−1/2} (VE), λ = ln γ,
 * ᾱ = γ/(1 + γ) (VP).
 */

declare const snrGridBrand: unique symbol;

/**
 * SNRs γ_0 = γ_max > γ_1 > … > γ_K = γ_min > 0 of a K-step reverse run (spec §1.2): index 0 is the
 * clean end (forward time δ), index K the noisy end (T). The sampler runs k = K, K − 1, …, 1, step k
 * going from γ_k to γ_{k−1}. Only validateSnrGrid and the schedule constructors create this type.
 */
export type SnrGrid = Float64Array & { readonly [snrGridBrand]: true };

/** The two ends of a grid: γ_max = γ(δ) (least noise) and γ_min = γ(T). */
export interface SnrEndpoints {
  readonly gammaMax: number;
  readonly gammaMin: number;
}

/**
 * Checks an SNR list and returns it, unaltered, as an SnrGrid: at least 2 finite entries, all > 0,
 * strictly decreasing. Errors name the first offending index.
 *
 * @example
 * validateSnrGrid([100, 1, 0.01]) // → Float64Array [100, 1, 0.01]
 * validateSnrGrid([1, 2]) // throws "gammas[1]: expected < gammas[0] = 1 (strictly decreasing), got 2"
 */
export function validateSnrGrid(values: ArrayLike<number>, argument = 'gammas'): SnrGrid {
  if (values.length < 2) throw new InvalidArgumentError(argument, `expected at least 2 SNRs (one step), got ${values.length}`);
  for (let k = 0; k < values.length; k++) {
    const gamma = values[k]!;
    if (!(gamma > 0 && Number.isFinite(gamma))) throw new InvalidArgumentError(`${argument}[${k}]`, `expected a finite SNR > 0, got ${gamma}`);
    if (k > 0 && !(gamma < values[k - 1]!)) {
      throw new InvalidArgumentError(`${argument}[${k}]`, `expected < ${argument}[${k - 1}] = ${values[k - 1]} (strictly decreasing), got ${gamma}`);
    }
  }
  return Float64Array.from(values) as SnrGrid;
}

/**
 * Marks a grid built by a constructor that guarantees the SnrGrid invariants (no check; internal use).
 *
 * @example
 * asSnrGrid(Float64Array.of(10, 1)) // → the same array, typed SnrGrid
 */
export function asSnrGrid(values: Float64Array): SnrGrid {
  return values as SnrGrid;
}

/**
 * Computes the SNR of OU forward time t: γ(t) = α_t²/σ_t² = 1/(e^{2t} − 1) (spec §1.1), via expm1.
 *
 * t = 0 → +∞; t = ∞ → 0; t < 0 → negative (outside the domain).
 *
 * @example
 * snrFromOuTime(5) // → 4.5401991009687765e-5
 * snrFromOuTime(0.001) // → 499.50016666665…
 */
export function snrFromOuTime(t: number): number {
  return 1 / Math.expm1(2 * t);
}

/**
 * Computes the OU forward time of an SNR: t(γ) = ½ ln(1 + 1/γ) (spec §1.1), via log1p.
 *
 * γ = ∞ → 0; γ → 0 → +∞; γ < 0 → NaN.
 *
 * @example
 * ouTimeFromSnr(4.5401991009687765e-5) // → 5 (to rounding)
 */
export function ouTimeFromSnr(gamma: number): number {
  return 0.5 * Math.log1p(1 / gamma);
}

/**
 * Checks SNR endpoints: throws InvalidArgumentError unless 0 < γ_min < γ_max < ∞.
 *
 * @example
 * checkEndpoints({ gammaMax: 1, gammaMin: 2 }) // throws "gammaMin, gammaMax: expected 0 < gammaMin < gammaMax < ∞, got 2, 1"
 */
export function checkEndpoints(endpoints: SnrEndpoints): void {
  const { gammaMax, gammaMin } = endpoints;
  if (!(gammaMin > 0 && gammaMin < gammaMax && Number.isFinite(gammaMax))) {
    throw new InvalidArgumentError('gammaMin, gammaMax', `expected 0 < gammaMin < gammaMax < ∞, got ${gammaMin}, ${gammaMax}`);
  }
}

/**
 * Computes the SNR endpoints of early stopping δ and horizon T: γ_max = γ(δ), γ_min = γ(T).
 *
 * Needs 0 < δ < T < ∞ (spec §1.2; §5.2 uses δ = 1e-3, T = 5).
 *
 * @example
 * endpointsFromTimes(1e-3, 5) // → { gammaMax: 499.50016666665…, gammaMin: 4.5401991009687765e-5 }
 */
export function endpointsFromTimes(delta: number, T: number): SnrEndpoints {
  if (!(delta > 0 && delta < T && Number.isFinite(T))) throw new InvalidArgumentError('delta, T', `expected 0 < delta < T < ∞, got ${delta}, ${T}`);
  return { gammaMax: snrFromOuTime(delta), gammaMin: snrFromOuTime(T) };
}

/**
 * Computes the SNR endpoints of a VE noise range: γ_max = 1/σ_min², γ_min = 1/σ_max².
 *
 * @example
 * endpointsFromSigmas(0.002, 80) // → { gammaMax: 250000, gammaMin: 0.00015625 }
 */
export function endpointsFromSigmas(sigmaMin: number, sigmaMax: number): SnrEndpoints {
  if (!(sigmaMin > 0 && sigmaMin < sigmaMax && Number.isFinite(sigmaMax))) {
    throw new InvalidArgumentError('sigmaMin, sigmaMax', `expected 0 < sigmaMin < sigmaMax < ∞, got ${sigmaMin}, ${sigmaMax}`);
  }
  return { gammaMax: 1 / (sigmaMin * sigmaMin), gammaMin: 1 / (sigmaMax * sigmaMax) };
}

/**
 * Builds the lab schedule that runs a grid with the (U) sampler: σ_i = γ_{K−i}^{−1/2}, i = 0 … K,
 * then σ_{K+1} = 0, variance preserving.
 *
 * The OU process is VP, so the prior is x_T ~ N(0, I) in VP space (types.ts). The K steps between
 * the grid's levels are the (U) steps of the bound (ddpmStep is (U) in VE form, spec §1.3); the last
 * step, σ_min → 0, is the optional "denoise to x̂₀" step outside the bound (spec §4.3), which ddpm
 * takes exactly. So a K-step grid costs K + 1 denoiser evaluations.
 *
 * @example
 * scheduleFromSnrGrid(validateSnrGrid([100, 1, 0.01])) // → { sigmas: [10, 1, 0.1, 0], variancePreserving: true }
 */
export function scheduleFromSnrGrid(grid: SnrGrid): Schedule {
  const K = grid.length - 1;
  const sigmas = new Float64Array(K + 2); // σ_{K+1} stays 0
  for (let i = 0; i <= K; i++) sigmas[i] = 1 / Math.sqrt(grid[K - i]!);
  return { sigmas: sigmas as Sigmas, variancePreserving: true };
}

/**
 * Reads a lab σ list (σ_0 > … > σ_N, trailing zeros ignored) as an SNR grid γ_k = σ_{N'−k}^{−2},
 * N' the last positive level.
 *
 * The inverse of scheduleFromSnrGrid. Needs at least two positive levels, strictly decreasing.
 *
 * @example
 * snrGridFromSigmas([10, 1, 0.1, 0]) // → [100, 1, 0.01] (to rounding)
 */
export function snrGridFromSigmas(sigmas: ArrayLike<number>, argument = 'sigmas'): SnrGrid {
  let last = sigmas.length - 1;
  while (last >= 0 && sigmas[last] === 0) last--;
  if (last < 1) throw new InvalidArgumentError(argument, `expected at least 2 positive noise levels, got ${last + 1}`);
  for (let i = 0; i <= last; i++) {
    const sigma = sigmas[i]!;
    if (!(sigma > 0 && Number.isFinite(sigma) && (i === 0 || sigma < sigmas[i - 1]!))) {
      throw new InvalidArgumentError(`${argument}[${i}]`, `expected a finite level > 0${i > 0 ? ` and < ${argument}[${i - 1}] = ${sigmas[i - 1]}` : ''}, got ${sigma}`);
    }
  }
  const gammas = new Float64Array(last + 1);
  for (let k = 0; k <= last; k++) gammas[k] = 1 / sigmas[last - k]! ** 2;
  return gammas as SnrGrid;
}

/**
 * Computes the log-SNR width of each step, Δλ_k = ln γ_{k−1} − ln γ_k > 0, at index k − 1 (k = 1 … K).
 *
 * @example
 * logSnrSteps(validateSnrGrid([100, 1, 0.01])) // → [4.605…, 4.605…]
 */
export function logSnrSteps(grid: SnrGrid): Float64Array {
  const out = new Float64Array(grid.length - 1);
  for (let k = 1; k < grid.length; k++) out[k - 1] = Math.log(grid[k - 1]! / grid[k]!);
  return out;
}
