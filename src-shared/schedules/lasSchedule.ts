import type { LasScheduleSpec } from '../diffusion/schedules/spec';
import type { Cancellation, Schedule, Sigmas } from '../diffusion/types';
import { validateSigmas } from '../diffusion/schedules/custom';
import { InvalidArgumentError } from '../errors';
import { lasGridForLoss, monteCarloLossCurve } from './lasGrid';
import { prepareLossCurve, x0MseFromLoss } from './lossCurve';
import { snrFromLevel } from './lossCsv';
import type { PosteriorSource } from './mmseMonteCarlo';
import { endpointsFromSigmas, scheduleFromSnrGrid, type SnrGrid } from './snrGrid';

/**
 * The experiment config's `las` schedule (spec schedules-las.md §4): N = `steps` noise levels from
 * σ_max down to σ_min placed by LAS (a K = N − 1 step SNR grid, γ_max = 1/σ_min², γ_min = 1/σ_max²),
 * then the final denoise step to σ = 0 (outside the bound, §4.3), so N sampler steps in all, as
 * `infodiff schedules las --K N−1 --sigma-min … --sigma-max …` computes them.
 */

/** Where a las schedule spec came from, when an error must name the field. */
const FIELD = 'schedule';

/**
 * Converts a las spec's inline loss table [(level, loss)] to SNRs and x₀-MSE losses, as parseLossCsv
 * does for a CSV: γ = snrFromLevel(level, v), ℓ = x0MseFromLoss(parameterisation, γ, loss, σ_data)
 * (spec §4.2). Errors name the row: "schedule.source.table[3]: …".
 *
 * @example
 * lasTableSamples({ kind: 'loss', table: [[0.5, 0.1], [2, 0.8]], level: 'sigma', parameterisation: 'x0', sigmaData: 0.5 }).gammas // → [4, 0.25]
 */
export function lasTableSamples(source: Extract<LasScheduleSpec['source'], { kind: 'loss' }>): { gammas: Float64Array; losses: Float64Array } {
  const n = source.table.length;
  if (n < 2) throw new InvalidArgumentError(`${FIELD}.source.table`, `expected at least 2 rows (noise level, loss), got ${n}`);
  const gammas = new Float64Array(n);
  const losses = new Float64Array(n);
  source.table.forEach(([level, loss], i) => {
    const gamma = snrFromLevel(source.level, level);
    if (!(gamma > 0 && Number.isFinite(gamma))) throw new InvalidArgumentError(`${FIELD}.source.table[${i}]`, `expected a ${source.level} level giving a finite SNR > 0, got ${level}`);
    if (!(loss >= 0 && Number.isFinite(loss))) throw new InvalidArgumentError(`${FIELD}.source.table[${i}]`, `expected a finite loss ≥ 0, got ${loss}`);
    gammas[i] = gamma;
    losses[i] = x0MseFromLoss(source.parameterisation, gamma, loss, source.sigmaData);
  });
  return { gammas, losses };
}

/** What resolving an `mmse` source needs: the run's data as a posterior source, and hooks. */
export interface LasResolveOptions {
  /** The run's data with its exact denoiser (gmm, digits, images); needed by `source.kind: 'mmse'` only. */
  readonly posterior?: PosteriorSource;
  readonly cancellation?: Cancellation;
}

function checkSpec(spec: LasScheduleSpec): void {
  if (!Number.isInteger(spec.steps) || spec.steps < 2) throw new InvalidArgumentError(`${FIELD}.steps`, `expected an integer ≥ 2 (σ_max, …, σ_min, then 0), got ${spec.steps}`);
  if (!Number.isInteger(spec.candidates) || spec.candidates < spec.steps) {
    throw new InvalidArgumentError(`${FIELD}.candidates`, `expected an integer ≥ steps = ${spec.steps} (K + 1 points on the candidates), got ${spec.candidates}`);
  }
  if (!(spec.sigmaMin > 0 && spec.sigmaMin < spec.sigmaMax && Number.isFinite(spec.sigmaMax))) {
    throw new InvalidArgumentError(`${FIELD}.sigmaMin, ${FIELD}.sigmaMax`, `expected 0 < sigmaMin < sigmaMax < ∞, got ${spec.sigmaMin}, ${spec.sigmaMax}`);
  }
}

/**
 * Computes the SNR grid of a las spec: γ_0 = 1/σ_min² > … > γ_K = 1/σ_max², K = steps − 1, the argmin
 * of S = ½ Σ (γ_{k−1} − γ_k) ℓ(γ_k) by the exact DP on `candidates` log-spaced points, refined with
 * `refine` (spec §4.3), for ℓ the inline loss table made monotone and interpolated log–log (§4.2), or
 * the Monte Carlo MMSE curve of `options.posterior` with `source.draws`, `levels`, `seed` (§6.1).
 * Throws InvalidArgumentError naming the field.
 *
 * @example
 * lasSnrGrid({ kind: 'las', steps: 3, sigmaMin: 0.1, sigmaMax: 10, candidates: 1500, refine: true, variancePreserving: true, source: gaussianTable }) // → ≈ [100, 1, 0.01]
 */
export function lasSnrGrid(spec: LasScheduleSpec, options: LasResolveOptions = {}): SnrGrid {
  checkSpec(spec);
  const endpoints = endpointsFromSigmas(spec.sigmaMin, spec.sigmaMax);
  const hooks = options.cancellation ? { cancellation: options.cancellation } : {};
  let loss: (gamma: number) => number;
  if (spec.source.kind === 'loss') {
    loss = prepareLossCurve(lasTableSamples(spec.source)).evaluate;
  } else {
    if (!options.posterior) {
      throw new InvalidArgumentError(`${FIELD}.source`, "the mmse source is the MMSE curve of the run's data: it is resolved with the data (resolvePlan, resolveSchedule); give the schedule's sigmas or a loss table to build it alone");
    }
    loss = monteCarloLossCurve(options.posterior, endpoints, spec.source, hooks).prepared.evaluate;
  }
  return lasGridForLoss(loss, { endpoints, K: spec.steps - 1, candidates: spec.candidates, refine: spec.refine, ...hooks });
}

/**
 * Builds the schedule of a las spec: its stored `sigmas` exactly as given (validated: strictly
 * decreasing, ending in 0, steps + 1 entries), else σ_i = γ_{K−i}^{−1/2} of lasSnrGrid, then 0
 * (scheduleFromSnrGrid), with the spec's variancePreserving.
 *
 * @example
 * buildLasSchedule({ ...spec, sigmas: [10, 1, 0.1, 0] }).sigmas // → [10, 1, 0.1, 0]
 */
export function buildLasSchedule(spec: LasScheduleSpec, options: LasResolveOptions = {}): Schedule {
  if (spec.sigmas !== undefined) {
    const sigmas: Sigmas = validateSigmas(spec.sigmas, `${FIELD}.sigmas`);
    if (sigmas.length !== spec.steps + 1) throw new InvalidArgumentError(`${FIELD}.sigmas`, `expected steps + 1 = ${spec.steps + 1} entries (the resolved grid, then 0), got ${sigmas.length}`);
    return { sigmas, variancePreserving: spec.variancePreserving };
  }
  return { sigmas: scheduleFromSnrGrid(lasSnrGrid(spec, options)).sigmas, variancePreserving: spec.variancePreserving };
}
