import { assertNever } from '../errors';
import { logSnr } from '../diffusion/schedules/conversions';
import type { Sigmas } from '../diffusion/types';

/**
 * The continuous-time schedules of spec §1.1 whose log-SNR λ(t) is known in closed form, for
 * converting a rate per unit λ into a rate per unit schedule time: rate_t = rate_λ·|dλ/dt|.
 */
export type TimeScheduleName = 've' | 'ou-vp' | 'linear-beta' | 'cosine';

export const TIME_SCHEDULE_NAMES: readonly TimeScheduleName[] = ['ve', 'ou-vp', 'linear-beta', 'cosine'];

/** Continuous linear-β VP-SDE rates (Song et al. 2021): β(t) = βmin + t(βmax − βmin), t ∈ [0, 1]. */
const BETA_MIN = 0.1, BETA_MAX = 20;

/**
 * Computes λ(t) of a continuous schedule: VE/EDM σ = t → −2 ln t; OU-VP α = e^{−t} → −ln(e^{2t} − 1);
 * linear-β VP-SDE ln α² = −(βmin t + ½Δβ t²) → ln α² − ln(1 − α²); cosine α = cos(πt/2) →
 * −2 ln tan(πt/2). Nats; t = 0 → +∞.
 *
 * @example
 * lambdaAtTime('ou-vp', 0.5 * Math.log(2)) // → 0
 */
export function lambdaAtTime(schedule: TimeScheduleName, t: number): number {
  switch (schedule) {
    case 've': return -2 * Math.log(t);
    case 'ou-vp': return -Math.log(Math.expm1(2 * t));
    case 'linear-beta': {
      const logAlpha2 = -(BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t);
      return logAlpha2 - Math.log(-Math.expm1(logAlpha2));
    }
    case 'cosine': return -2 * Math.log(Math.tan((Math.PI * t) / 2));
    default: return assertNever(schedule, 'time schedule');
  }
}

/**
 * Computes |dλ/dt| of a continuous schedule (spec §1.1): VE 2/t; OU-VP 2e^{2t}/(e^{2t} − 1);
 * linear-β β(t)/σ_t² (σ_t² = 1 − α_t²); cosine 2π/sin(πt). Per unit time.
 *
 * @example
 * lambdaRate('ve', 2) // → 1
 */
export function lambdaRate(schedule: TimeScheduleName, t: number): number {
  switch (schedule) {
    case 've': return 2 / t;
    case 'ou-vp': return 2 / -Math.expm1(-2 * t);
    case 'linear-beta': {
      const logAlpha2 = -(BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t);
      return (BETA_MIN + (BETA_MAX - BETA_MIN) * t) / -Math.expm1(logAlpha2);
    }
    case 'cosine': return (2 * Math.PI) / Math.sin(Math.PI * t);
    default: return assertNever(schedule, 'time schedule');
  }
}

/**
 * Computes the schedule time t(λ), the inverse of lambdaAtTime: VE e^{−λ/2}; OU-VP ½ ln(1 + e^{−λ});
 * linear-β the positive root of ½Δβ t² + βmin t = ln(1 + e^{−λ}); cosine (2/π) atan(e^{−λ/2}).
 *
 * @example
 * timeAtLambda('ve', 0) // → 1
 */
export function timeAtLambda(schedule: TimeScheduleName, lambda: number): number {
  const softplus = lambda > 0 ? Math.log1p(Math.exp(-lambda)) : -lambda + Math.log1p(Math.exp(lambda));
  switch (schedule) {
    case 've': return Math.exp(-lambda / 2);
    case 'ou-vp': return 0.5 * softplus;
    case 'linear-beta': {
      const a = 0.5 * (BETA_MAX - BETA_MIN);
      // Root of a t² + βmin t − c = 0 written as 2c/(βmin + √(βmin² + 4ac)) (no cancellation for small c).
      return (2 * softplus) / (BETA_MIN + Math.sqrt(BETA_MIN * BETA_MIN + 4 * a * softplus));
    }
    case 'cosine': return (2 / Math.PI) * Math.atan(Math.exp(-lambda / 2));
    default: return assertNever(schedule, 'time schedule');
  }
}

/** Information each step of a discrete schedule resolves. */
export interface StepInformation {
  readonly step: number;
  readonly sigma: number;
  readonly sigmaNext: number;
  /** ∫_{λ(σ_i)}^{λ(σ_{i+1})} R dλ: nats of information about x₀ delivered by step i. */
  readonly nats: number;
}

/**
 * Computes the information each step of a discrete schedule delivers, ∫_{λ_i}^{λ_{i+1}} R dλ with
 * λ_i = −2 ln σ_i: the generative bandwidth per unit schedule time of a sampler (nats per step).
 * R is interpolated linearly on its λ grid and 0 outside it (beyond the grid R decays); a step into
 * σ = 0 integrates up to the grid's end.
 *
 * @example
 * informationPerStep(buildSchedule(spec).sigmas, lambdas, R).reduce((s, x) => s + x.nats, 0) // ≈ ∫ R over the range
 */
export function informationPerStep(sigmas: Sigmas, lambdas: ArrayLike<number>, bandwidthNats: ArrayLike<number>): StepInformation[] {
  const cumulative = new Float64Array(lambdas.length);
  for (let i = 1; i < lambdas.length; i++) cumulative[i] = cumulative[i - 1]! + 0.5 * (bandwidthNats[i - 1]! + bandwidthNats[i]!) * (lambdas[i]! - lambdas[i - 1]!);
  const integralTo = (lambda: number): number => {
    const n = lambdas.length;
    if (!(lambda > lambdas[0]!)) return 0;
    if (lambda >= lambdas[n - 1]!) return cumulative[n - 1]!;
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (lambdas[mid]! <= lambda) lo = mid;
      else hi = mid;
    }
    const h = lambda - lambdas[lo]!;
    const slope = (bandwidthNats[hi]! - bandwidthNats[lo]!) / (lambdas[hi]! - lambdas[lo]!);
    return cumulative[lo]! + h * (bandwidthNats[lo]! + 0.5 * slope * h);
  };
  const steps: StepInformation[] = [];
  for (let i = 0; i + 1 < sigmas.length; i++) {
    const sigma = sigmas[i]!, sigmaNext = sigmas[i + 1]!;
    steps.push({ step: i, sigma, sigmaNext, nats: integralTo(sigmaNext === 0 ? Infinity : logSnr(sigmaNext)) - integralTo(logSnr(sigma)) });
  }
  return steps;
}
