import { CancelledError, InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import type { ForwardEvaluator, ForwardValues } from './forward';
import type { ForwardQueries } from './queries';

/** Weighted mean, variance and the standard errors of both, of one quantity at one λ. */
export interface Moments {
  readonly mean: number;
  /** Σ w (v − mean)², with Bessel's M/(M − 1) for Monte Carlo queries. */
  readonly variance: number;
  /** Standard error of the mean: √(variance/M) for Monte Carlo, 0 for a quadrature rule. */
  readonly meanSe: number;
  /** Standard error of the variance, √((m₄ − s⁴)/M) for Monte Carlo, 0 for quadrature. */
  readonly varianceSe: number;
}

/**
 * Computes the weighted moments of per-query values (weights summing to 1).
 *
 * @example
 * weightedMoments(Float64Array.of(1, 3), Float64Array.of(0.5, 0.5), false) // → { mean: 2, variance: 1, meanSe: 0, varianceSe: 0 }
 */
export function weightedMoments(values: ArrayLike<number>, weights: ArrayLike<number>, monteCarlo: boolean): Moments {
  const m = values.length;
  let mean = 0;
  for (let q = 0; q < m; q++) mean += weights[q]! * values[q]!;
  let m2 = 0, m4 = 0;
  for (let q = 0; q < m; q++) {
    const c = (values[q]! - mean) ** 2;
    m2 += weights[q]! * c;
    m4 += weights[q]! * c * c;
  }
  if (!monteCarlo) return { mean, variance: m2, meanSe: 0, varianceSe: 0 };
  const variance = (m2 * m) / (m - 1);
  return { mean, variance, meanSe: Math.sqrt(variance / m), varianceSe: Math.sqrt(Math.max(0, m4 - m2 * m2) / m) };
}

/** Every forward-process curve at one λ (spec §3.5 items 1–3, 5, 7). */
export interface CurvePoint {
  readonly lambda: number;
  /** mmse(λ) = E tr C (Rao–Blackwellised), with its standard error. */
  readonly mmse: Moments;
  /** E‖x₀ − D‖²: the plain estimator of the same mmse. */
  readonly squaredError: Moments;
  /** Generative bandwidth R(λ) = ½ e^λ mmse (nats per unit log-SNR) and its standard error. */
  readonly bandwidthNats: number;
  readonly bandwidthSe: number;
  /** Posterior entropy h(ỹ): mean = H[x₀|ỹ] (direct), variance = Var h. */
  readonly entropy: Moments;
  /** Surprisal ι = −ln p(x₀|ỹ): mean = H[x₀|ỹ] again, variance = Var ι. */
  readonly surprisal: Moments;
  /** Class entropy H[Z|ỹ] (0 without labels). */
  readonly classEntropy: Moments;
  /** Class-resolved bandwidth R_Z = ½ e^λ E[Σ_z P(z|ỹ)‖D_z − D‖²] and its standard error. */
  readonly classBandwidthNats: number;
  readonly classBandwidthSe: number;
  /** E tr(C²), when computed (else NaN). */
  readonly traceCovSquared: number;
}

/**
 * Summarises one evaluation (all queries at one λ) into the curve values at that λ.
 *
 * R = ½ e^λ mmse (spec §1.3), R_Z = ½ e^λ E[between-class spread] (§3.5.5); standard errors scale the
 * same way. Entropies in nats.
 *
 * @example
 * summarizeValues(0, evaluator.evaluate(0), evaluator.queries).bandwidthNats // → R(0)
 */
export function summarizeValues(lambda: number, values: ForwardValues, queries: ForwardQueries): CurvePoint {
  const { weights, monteCarlo } = queries;
  const mmse = weightedMoments(values.traceCov, weights, monteCarlo);
  const between = weightedMoments(values.betweenClass, weights, monteCarlo);
  const gamma = Math.exp(lambda);
  const squared = values.traceCovSquared ? weightedMoments(values.traceCovSquared, weights, false).mean : NaN;
  return {
    lambda,
    mmse,
    squaredError: weightedMoments(values.squaredError, weights, monteCarlo),
    bandwidthNats: 0.5 * gamma * mmse.mean,
    bandwidthSe: 0.5 * gamma * mmse.meanSe,
    entropy: weightedMoments(values.entropyNats, weights, monteCarlo),
    surprisal: weightedMoments(values.surprisalNats, weights, monteCarlo),
    classEntropy: weightedMoments(values.classEntropyNats, weights, monteCarlo),
    classBandwidthNats: 0.5 * gamma * between.mean,
    classBandwidthSe: 0.5 * gamma * between.meanSe,
    traceCovSquared: squared,
  };
}

/** Progress and cancellation of a curve computation. */
export interface CurveHooks {
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before every λ; a set flag throws CancelledError. */
  readonly cancellation?: Cancellation;
}

/**
 * Evaluates the forward curves on a λ grid (one evaluation of every query per λ, common random
 * numbers across λ), reporting progress after each λ and honouring cancellation between them.
 *
 * @example
 * forwardCurves(createEmpiricalForward(set, queries), uniformGrid(-6, 6, 241)).length // → 241
 */
export function forwardCurves(evaluator: ForwardEvaluator, lambdas: ArrayLike<number>, hooks: CurveHooks = {}): CurvePoint[] {
  if (lambdas.length < 1) throw new InvalidArgumentError('lambdas', 'expected at least one log-SNR');
  const points: CurvePoint[] = [];
  for (let i = 0; i < lambdas.length; i++) {
    if (hooks.cancellation?.aborted) throw new CancelledError();
    const lambda = lambdas[i]!;
    points.push(summarizeValues(lambda, evaluator.evaluate(lambda), evaluator.queries));
    hooks.onProgress?.(i + 1, lambdas.length);
  }
  return points;
}
