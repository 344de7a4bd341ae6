import { InvalidArgumentError } from '../errors';
import type { MmseCurve } from './mmseCurve';
import { integrateGaussLegendre, type CompositeOptions } from './quadrature';
import type { SnrEndpoints, SnrGrid } from './snrGrid';

/**
 * The discretisation term of the path KL (spec schedules-las.md §2 (★)), per step and in total, and
 * the other terms of the exact decomposition KL(P‖Q) = KL_init + A + D.
 */

/**
 * Computes the discretisation KL of each step of a grid from the MMSE curve, in nats:
 * D_k = ½ ∫_{γ_k}^{γ_{k−1}} [m(γ_k) − m(γ)] dγ, at index k − 1 (k = 1 … K).
 *
 * Source: spec schedules-las.md §2 (★), exact for the (U) sampler with the exact denoiser; D = Σ_k D_k.
 * Each step is integrated separately, in λ = ln γ (integrand [m(γ_k) − m(e^λ)]·e^λ ≥ 0), by composite
 * Gauss–Legendre with 8 panels × 96 nodes (spec §6.2): integrating the non-negative difference avoids
 * the cancellation of ½Δγ m(γ_k) − ½∫m. Every D_k ≥ 0 for a non-increasing m; NaN propagates.
 *
 * @example
 * discretisationKlPerStep(validateSnrGrid([3, 1]), (g) => 1 / (1 + g)) // → [½(2·½ − ln 2)] = [0.1534264…]
 */
export function discretisationKlPerStep(grid: SnrGrid, mmse: (gamma: number) => number, options: CompositeOptions = {}): Float64Array {
  const out = new Float64Array(grid.length - 1);
  for (let k = 1; k < grid.length; k++) {
    const lower = grid[k]!;
    const atLower = mmse(lower);
    const integral = integrateGaussLegendre((lambda) => {
      const gamma = Math.exp(lambda);
      return (atLower - mmse(gamma)) * gamma;
    }, Math.log(lower), Math.log(grid[k - 1]!), options);
    out[k - 1] = 0.5 * integral;
  }
  return out;
}

/**
 * Computes D_k from the mutual information instead (the Riemann-gap form of (★)):
 * D_k = ½(γ_{k−1} − γ_k) m(γ_k) − [I(γ_{k−1}) − I(γ_k)], nats.
 *
 * Source: spec §2, "Riemann-gap form", via I-MMSE dI/dγ = ½m. Exact when I is; a difference of two
 * O(Δγ·m) terms, so prefer discretisationKlPerStep unless I is exact to full precision. Needs a curve
 * with informationNats.
 *
 * @example
 * discretisationKlFromInformation(validateSnrGrid([3, 1]), gaussianMmseCurve(1)) // → [0.1534264…]
 */
export function discretisationKlFromInformation(grid: SnrGrid, curve: MmseCurve): Float64Array {
  const information = curve.informationNats;
  if (!information) throw new InvalidArgumentError('curve', 'expected a curve with informationNats');
  const out = new Float64Array(grid.length - 1);
  for (let k = 1; k < grid.length; k++) {
    out[k - 1] = 0.5 * (grid[k - 1]! - grid[k]!) * curve.mmse(grid[k]!) - (information(grid[k - 1]!) - information(grid[k]!));
  }
  return out;
}

/**
 * Sums per-step values with Kahan compensation (each D_k ≥ 0, so the total is well conditioned).
 *
 * @example
 * sumOf(Float64Array.of(0.1, 0.2)) // → 0.30000000000000004
 */
export function sumOf(values: ArrayLike<number>): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i]! - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
  }
  return sum;
}

/**
 * Computes the initialisation KL(p_T ‖ N(0, I)) of the OU process at horizon T, nats:
 * ½ e^{−2T} E‖X₀‖² − I(γ_min) + (d/2)(σ_T² − 1 − ln σ_T²), σ_T² = 1 − e^{−2T}.
 *
 * Source: spec §2 (exact). The last term is −(d/2)(e^{−2T} + ln(1 − e^{−2T})) ≈ d e^{−4T}/4, computed
 * with expm1/log1p. For Gaussian data with s² = 1 the result is 0 (stationary).
 *
 * @example
 * initialisationKlNats({ T: 3, secondMoment: 4, informationAtMin: gaussianMmseCurve(4).informationNats!(snrFromOuTime(3)), dimension: 1 }) // → 1.375632e-5
 */
export function initialisationKlNats(args: { T: number; secondMoment: number; informationAtMin: number; dimension: number }): number {
  const { T, secondMoment, informationAtMin, dimension } = args;
  const decay = Math.exp(-2 * T);
  // σ_T² − 1 − ln σ_T² = −e^{−2T} − ln(1 − e^{−2T}).
  const gaussianGap = -decay - Math.log1p(-decay);
  return 0.5 * decay * secondMoment - informationAtMin + 0.5 * dimension * gaussianGap;
}

/**
 * Computes the approximation term A = ½ Σ_k (γ_{k−1} − γ_k) ε_k², ε_k² = ℓ_θ(γ_k) − m(γ_k) ≥ 0, nats
 * (spec §2, §6.2): what a learned denoiser adds to the path KL on this grid.
 *
 * @example
 * approximationKlNats(validateSnrGrid([3, 1]), (g) => 0.6, (g) => 0.5) // → 0.1
 */
export function approximationKlNats(grid: SnrGrid, loss: (gamma: number) => number, mmse: (gamma: number) => number): number {
  let sum = 0;
  for (let k = 1; k < grid.length; k++) sum += 0.5 * (grid[k - 1]! - grid[k]!) * (loss(grid[k]!) - mmse(grid[k]!));
  return sum;
}

/**
 * Computes the information spent between the endpoints, ΔI = I(γ_max) − I(γ_min), nats (spec §3.2).
 *
 * @example
 * informationGainNats(gaussianMmseCurve(1), { gammaMax: Math.E - 1, gammaMin: 1e-300 }) // → 0.5
 */
export function informationGainNats(curve: MmseCurve, endpoints: SnrEndpoints): number {
  if (!curve.informationNats) throw new InvalidArgumentError('curve', 'expected a curve with informationNats');
  return curve.informationNats(endpoints.gammaMax) - curve.informationNats(endpoints.gammaMin);
}

/**
 * Computes the T2 bound on D for the log-SNR-uniform grid with K steps, nats:
 * D ≤ ½(e^h − 1)[2ΔI + γ_min m(γ_min)], h = ln(γ_max/γ_min)/K (spec §3.2 T2).
 *
 * @example
 * logSnrUniformBound({ K: 10, endpoints, deltaInformationNats: 3.1078, mmseAtMin: 1 }) // → an upper bound on D(log-snr)
 */
export function logSnrUniformBound(args: { K: number; endpoints: SnrEndpoints; deltaInformationNats: number; mmseAtMin: number }): number {
  const { K, endpoints, deltaInformationNats, mmseAtMin } = args;
  const h = Math.log(endpoints.gammaMax / endpoints.gammaMin) / K;
  return 0.5 * Math.expm1(h) * (2 * deltaInformationNats + endpoints.gammaMin * mmseAtMin);
}
