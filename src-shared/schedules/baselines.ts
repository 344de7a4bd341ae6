import { InvalidArgumentError } from '../errors';
import { asSnrGrid, checkEndpoints, ouTimeFromSnr, snrFromOuTime, type SnrEndpoints, type SnrGrid } from './snrGrid';

/**
 * The heuristic schedules of spec schedules-las.md Appendix A, each mapped to the same SNR
 * endpoints so that they differ only in where the K steps go. Each is "uniform in its own variable
 * φ(γ)" between φ(γ_max) and φ(γ_min), with the ramp u = i/K raised to a power (2 for DDIM-quad).
 */

export const BASELINE_SCHEDULES = ['uniform-t', 'quadratic-t', 'cosine', 'linear-beta', 'ddim-quad', 'edm', 'log-snr'] as const;
export type BaselineName = (typeof BASELINE_SCHEDULES)[number];

/** Shape parameters of the baselines; defaults from Appendix A. */
export interface BaselineOptions {
  /** EDM warping ρ; default 7 (Karras et al. 2022). */
  readonly rho?: number;
  /** Cosine offset s; default 0.008 (Nichol & Dhariwal 2021). */
  readonly cosineS?: number;
  /** VP-SDE β_min, β_max; defaults 0.1 and 20 (Song et al. 2021). */
  readonly betaMin?: number;
  readonly betaMax?: number;
}

export const BASELINE_DEFAULTS = { rho: 7, cosineS: 0.008, betaMin: 0.1, betaMax: 20 } as const;

/** A monotone variable φ(γ), its inverse, and the power of the ramp. */
interface Warp {
  readonly forward: (gamma: number) => number;
  readonly inverse: (phi: number) => number;
  readonly power: number;
}

/** Cosine ᾱ(τ) = cos²θ/cos²θ₀, θ = (τ + s)/(1 + s)·π/2, τ ∈ [0, 1]; γ = ᾱ/(1 − ᾱ). */
function cosineWarp(s: number): Warp {
  const theta0 = (s / (1 + s)) * (Math.PI / 2);
  const cos0 = Math.cos(theta0);
  return {
    // ᾱ = γ/(1 + γ); θ = arccos(cos θ₀ √ᾱ).
    forward: (gamma) => ((2 * Math.acos(cos0 * Math.sqrt(gamma / (1 + gamma)))) / Math.PI) * (1 + s) - s,
    inverse: (tau) => {
      const theta = ((tau + s) / (1 + s)) * (Math.PI / 2);
      // 1 − ᾱ = sin(θ − θ₀) sin(θ + θ₀)/cos²θ₀: no cancellation near τ = 0.
      return Math.cos(theta) ** 2 / (Math.sin(theta - theta0) * Math.sin(theta + theta0));
    },
    power: 1,
  };
}

/** VP-SDE time τ with −ln ᾱ(τ) = β_min τ + ½(β_max − β_min)τ² = ln(1 + 1/γ). */
function vpLinearWarp(betaMin: number, betaMax: number, power: number): Warp {
  const a = 0.5 * (betaMax - betaMin);
  return {
    // τ = 2c/(β_min + √(β_min² + 4ac)), the cancellation-free root of a τ² + β_min τ − c = 0.
    forward: (gamma) => {
      const c = Math.log1p(1 / gamma);
      return (2 * c) / (betaMin + Math.sqrt(betaMin * betaMin + 4 * a * c));
    },
    inverse: (tau) => 1 / Math.expm1(betaMin * tau + a * tau * tau),
    power,
  };
}

function warpOf(name: BaselineName, options: BaselineOptions): Warp {
  const rho = options.rho ?? BASELINE_DEFAULTS.rho;
  switch (name) {
    case 'uniform-t':
      return { forward: ouTimeFromSnr, inverse: snrFromOuTime, power: 1 };
    case 'quadratic-t':
      return { forward: (gamma) => Math.sqrt(ouTimeFromSnr(gamma)), inverse: (root) => snrFromOuTime(root * root), power: 1 };
    case 'log-snr':
      return { forward: Math.log, inverse: Math.exp, power: 1 };
    case 'edm':
      return { forward: (gamma) => gamma ** (-0.5 / rho), inverse: (phi) => phi ** (-2 * rho), power: 1 };
    case 'cosine':
      return cosineWarp(options.cosineS ?? BASELINE_DEFAULTS.cosineS);
    case 'linear-beta':
      return vpLinearWarp(options.betaMin ?? BASELINE_DEFAULTS.betaMin, options.betaMax ?? BASELINE_DEFAULTS.betaMax, 1);
    case 'ddim-quad':
      return vpLinearWarp(options.betaMin ?? BASELINE_DEFAULTS.betaMin, options.betaMax ?? BASELINE_DEFAULTS.betaMax, 2);
  }
}

function checkOptions(options: BaselineOptions): void {
  const { rho = 7, cosineS = 0.008, betaMin = 0.1, betaMax = 20 } = options;
  if (!(rho > 0 && Number.isFinite(rho))) throw new InvalidArgumentError('rho', `expected a finite number > 0, got ${rho}`);
  if (!(cosineS >= 0 && cosineS < 1)) throw new InvalidArgumentError('cosineS', `expected a number in [0, 1), got ${cosineS}`);
  if (!(betaMin > 0 && betaMax > betaMin && Number.isFinite(betaMax))) {
    throw new InvalidArgumentError('betaMin, betaMax', `expected 0 < betaMin < betaMax < ∞, got ${betaMin}, ${betaMax}`);
  }
}

/**
 * Computes a baseline schedule of Appendix A as a K-step SNR grid at the given endpoints.
 *
 * γ_i = φ⁻¹(φ(γ_max) + (i/K)^p·(φ(γ_min) − φ(γ_max))), i = 0 … K, with (spec Appendix A, "in the lab"):
 * uniform-t φ = t(γ) = ½ ln(1 + 1/γ) (OU time); quadratic-t φ = √t (DPM-Solver `time_quadratic`);
 * log-snr φ = ln γ; edm φ = σ^{1/ρ} = γ^{−1/(2ρ)}; cosine φ = τ with ᾱ(τ) = f(τ)/f(0),
 * f = cos²((τ + s)/(1 + s)·π/2); linear-beta φ = τ with −ln ᾱ = β_min τ + ½(β_max − β_min)τ²;
 * ddim-quad the same τ with p = 2 (τ ∝ i²); p = 1 otherwise. The ends are exactly γ_max and γ_min.
 * Throws InvalidArgumentError for K < 1, bad endpoints or options, or a K so large that levels merge.
 *
 * @example
 * baselineGrid('log-snr', 2, { gammaMax: 100, gammaMin: 0.01 }) // → [100, 1, 0.01]
 * baselineGrid('edm', 5, endpointsFromTimes(1e-3, 5)).map((g) => g ** -0.5) // → [0.0447, 0.5655, 3.6259, 15.721, 52.831, 148.41]
 */
export function baselineGrid(name: BaselineName, K: number, endpoints: SnrEndpoints, options: BaselineOptions = {}): SnrGrid {
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `expected an integer ≥ 1, got ${K}`);
  if (!(BASELINE_SCHEDULES as readonly string[]).includes(name)) throw new InvalidArgumentError('name', `expected one of ${BASELINE_SCHEDULES.join(', ')}, got "${name}"`);
  checkEndpoints(endpoints);
  checkOptions(options);
  const warp = warpOf(name, options);
  const start = warp.forward(endpoints.gammaMax);
  const end = warp.forward(endpoints.gammaMin);
  const grid = new Float64Array(K + 1);
  for (let i = 1; i < K; i++) grid[i] = warp.inverse(start + (i / K) ** warp.power * (end - start));
  grid[0] = endpoints.gammaMax;
  grid[K] = endpoints.gammaMin;
  for (let i = 1; i <= K; i++) {
    if (!(grid[i]! < grid[i - 1]!)) throw new InvalidArgumentError('K', `too many steps for the range: γ_${i} = ${grid[i]} is not below γ_${i - 1} = ${grid[i - 1]} in float64`);
  }
  return asSnrGrid(grid);
}
