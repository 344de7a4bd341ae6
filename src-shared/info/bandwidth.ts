import { lambdaRate, timeAtLambda, type TimeScheduleName } from './scheduleTime';

/**
 * Computes the generative bandwidth R(λ) = dI/dλ = ½ γ mmse(γ), γ = e^λ (I-MMSE in log-SNR, spec §1.3):
 * nats per unit log-SNR, 0 ≤ R ≤ d/2. Equivalently ½ E[div_ỹ D] = ½ E[tr C]/ν.
 *
 * @example
 * bandwidthFromMmse(0, 3.2) // → 1.6 (test G1: N(0, 4 I₄) at λ = 0)
 */
export function bandwidthFromMmse(lambda: number, mmse: number): number {
  return 0.5 * Math.exp(lambda) * mmse;
}

/**
 * Computes the divergence of the score ∇·∇ln p_ν at ỹ in VE coordinates from the posterior covariance
 * trace: div_ỹ(score) = (tr C/ν − d)/ν (spec §1.2, second-order Tweedie). Per squared data unit.
 *
 * @example
 * scoreDivergence(3.2, 1, 4) // → −0.8 (test G1: N(0, 4 I₄), ν = 1, for every ỹ)
 */
export function scoreDivergence(traceCov: number, nu: number, dimension: number): number {
  return (traceCov / nu - dimension) / nu;
}

/**
 * Computes the conditional entropy rate of a VE (σ = t, EDM) schedule from the expected score
 * divergence, ½g²(d/σ² + E[div score]) with g² = 2σ (spec §3.3b): nats per unit σ. It equals
 * R(λ)·|dλ/dσ| = R·2/σ: the generative bandwidth per unit schedule time.
 *
 * @example
 * veRateFromScoreDivergence(1, 4, -0.8) // → 3.2 (= R(0)·2 for test G1)
 */
export function veRateFromScoreDivergence(sigma: number, dimension: number, expectedScoreDivergence: number): number {
  return sigma * (dimension / (sigma * sigma) + expectedScoreDivergence);
}

/** A curve given per unit log-SNR, resampled per unit time of a schedule. */
export interface TimeCurve {
  readonly schedule: TimeScheduleName;
  readonly t: Float64Array;
  readonly lambdas: Float64Array;
  /** rate per unit t = rate per unit λ × |dλ/dt|. */
  readonly rate: Float64Array;
}

/**
 * Converts a rate per unit log-SNR (R, R_Z, …) on a λ grid into a rate per unit time of a continuous
 * schedule (spec §1.1: rate_t = rate_λ·|dλ/dt|), at t_i = t(λ_i). Peaks move: λ is the schedule-free
 * reference (spec §7 Q5).
 *
 * @example
 * rateInTime('ve', lambdas, R).rate // R·2/t at t = e^{−λ/2}
 */
export function rateInTime(schedule: TimeScheduleName, lambdas: ArrayLike<number>, ratePerLambda: ArrayLike<number>): TimeCurve {
  const n = lambdas.length;
  const t = Float64Array.from({ length: n }, (_, i) => timeAtLambda(schedule, lambdas[i]!));
  const rate = Float64Array.from({ length: n }, (_, i) => ratePerLambda[i]! * lambdaRate(schedule, t[i]!));
  return { schedule, t, lambdas: Float64Array.from(lambdas), rate };
}
