import { assertNever } from '../../errors';
import type { LossParameterisation } from '../../schedules/lossCurve';
import type { NoiseLevelKind } from '../../schedules/lossCsv';
import { buildLasSchedule } from '../../schedules/lasSchedule';
import type { Schedule } from '../types';
import { COSINE_DEFAULTS, cosineBetas } from './cosine';
import { validateSigmas } from './custom';
import { discreteVp, vpSchedule } from './discreteVp';
import { karrasSigmas } from './karras';
import { linearBetas } from './linearBeta';
import { logSnrUniformSigmas } from './logSnrUniform';

/** Linear-β DDPM (Ho et al. 2020) sampled on `steps` trailing timesteps of its T. VP. */
export interface LinearBetaScheduleSpec {
  readonly kind: 'linear-beta';
  readonly T: number;
  readonly betaStart: number;
  readonly betaEnd: number;
  readonly steps: number;
}

/** Cosine ᾱ (Nichol & Dhariwal 2021) sampled on `steps` trailing timesteps of its T. VP. */
export interface CosineScheduleSpec {
  readonly kind: 'cosine';
  readonly T: number;
  readonly s: number;
  /** Upper clip of β_t; default 0.999 (COSINE_DEFAULTS.maxBeta). */
  readonly maxBeta?: number;
  readonly steps: number;
}

/** EDM / Karras et al. (2022) ρ-spaced noise levels. VE. */
export interface EdmScheduleSpec {
  readonly kind: 'edm';
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  readonly rho: number;
  readonly steps: number;
}

/** Noise levels uniform in log-SNR. VE unless variancePreserving (then the prior is N(0, I) in VP space). */
export interface LogSnrScheduleSpec {
  readonly kind: 'log-snr';
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  readonly steps: number;
  readonly variancePreserving?: boolean;
}

/** A list of noise levels used exactly as given (last entry 0). */
export interface CustomScheduleSpec {
  readonly kind: 'custom';
  readonly sigmas: readonly number[];
  readonly variancePreserving: boolean;
}

/** An imported training log, inline: rows (noise level, loss) as parseLossCsv reads them (spec §4.2). */
export interface LasLossTableSource {
  readonly kind: 'loss';
  readonly table: readonly (readonly [number, number])[];
  /** What the first column is: sigma, snr, log-snr or ou-time. */
  readonly level: NoiseLevelKind;
  /** What the loss column is: x0 (x₀-MSE), eps, v or edm; converted to x₀-MSE. */
  readonly parameterisation: LossParameterisation;
  /** σ_data of an edm loss. */
  readonly sigmaData: number;
}

/** The Monte Carlo MMSE curve of the run's data under its exact denoiser (spec §6.1). */
export interface LasMmseSource {
  readonly kind: 'mmse';
  readonly draws: number;
  readonly levels: number;
  readonly seed: number;
}

/**
 * The loss-adaptive schedule (spec schedules-las.md §4): `steps` levels from σ_max to σ_min placed by
 * the exact LAS DP for the source's loss, then 0; `sigmas` is the resolved list (stored with the run).
 */
export interface LasScheduleSpec {
  readonly kind: 'las';
  readonly steps: number;
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  readonly source: LasLossTableSource | LasMmseSource;
  /** Candidates N of the DP (spec §4.3). */
  readonly candidates: number;
  /** Golden-section refinement off the candidates (spec §4.3). */
  readonly refine: boolean;
  readonly variancePreserving: boolean;
  /** The resolved σ list (steps + 1 entries, last 0): used exactly when present. */
  readonly sigmas?: readonly number[] | undefined;
}

/** Every way to describe a schedule as plain data (storable, comparable). */
export type ScheduleSpec = LinearBetaScheduleSpec | CosineScheduleSpec | EdmScheduleSpec | LogSnrScheduleSpec | CustomScheduleSpec | LasScheduleSpec;

/**
 * Builds the schedule (σ_0 > … > σ_{N−1} > σ_N = 0 and its VP/VE prior) that a spec describes.
 *
 * linear-beta / cosine: σ_i = √((1 − ᾱ_{t_i})/ᾱ_{t_i}) on the trailing timesteps t_i of T (for
 * steps = T: t = T … 1), then 0; VP. edm: karrasSigmas; VE. log-snr: logSnrUniformSigmas; VE unless
 * variancePreserving. custom: validateSigmas, stored exactly. las: its resolved `sigmas` exactly, else
 * the LAS grid of its loss table (buildLasSchedule; an `mmse` source needs the run's data, so
 * resolvePlan builds those). Sources: spec schedules-las.md §1 and
 * Appendix A, coarse-kl.md §5. Throws InvalidArgumentError naming the bad field.
 *
 * @example
 * buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 3 })
 * // → { sigmas: [80, 2.5152189761…, 0.002, 0], variancePreserving: false }
 */
export function buildSchedule(spec: ScheduleSpec): Schedule {
  switch (spec.kind) {
    case 'linear-beta':
      return vpSchedule(discreteVp(linearBetas(spec.T, spec.betaStart, spec.betaEnd)), spec.steps);
    case 'cosine':
      return vpSchedule(discreteVp(cosineBetas({ T: spec.T, s: spec.s, maxBeta: spec.maxBeta ?? COSINE_DEFAULTS.maxBeta })), spec.steps);
    case 'edm':
      return { sigmas: karrasSigmas(spec.steps, spec.sigmaMin, spec.sigmaMax, spec.rho), variancePreserving: false };
    case 'log-snr':
      return { sigmas: logSnrUniformSigmas(spec.steps, spec.sigmaMin, spec.sigmaMax), variancePreserving: spec.variancePreserving ?? false };
    case 'custom':
      return { sigmas: validateSigmas(spec.sigmas), variancePreserving: spec.variancePreserving };
    case 'las':
      return buildLasSchedule(spec);
    default:
      return assertNever(spec, 'schedule kind');
  }
}
