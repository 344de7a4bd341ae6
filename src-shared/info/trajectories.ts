import { CancelledError, InvalidArgumentError } from '../errors';
import { samplerStep, type SamplerSpec } from '../diffusion/samplers/spec';
import { sampleTrajectory } from '../diffusion/samplers/trajectory';
import { SampleNoise } from '../diffusion/noise';
import type { Cancellation, Denoiser, Sigmas } from '../diffusion/types';
import { CounterRng, fillStandardNormal } from '../math/rng';
import { weightedMoments, type CurvePoint, type Moments } from './curves';
import type { EmpiricalSet } from './dataset';
import { empiricalPosterior } from './posterior';

/** Stream of a trajectory's start (its source index and ε). */
export const TRAJECTORY_STREAM = 24;

/** What infoTrajectories runs. */
export interface TrajectoryOptions {
  readonly sampler: SamplerSpec;
  readonly sigmas: Sigmas;
  readonly count: number;
  readonly seed: number;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Posterior entropy and pathwise surprisal along reverse trajectories, and their moments per step. */
export interface TrajectoryInfo {
  /** σ_i of the recorded states x_i (i = 0 … N−1, before each step; σ_N = 0 has no posterior). */
  readonly sigmas: Float64Array;
  readonly lambdas: Float64Array;
  /** h(x_i) per trajectory and step (count × N, row-major), nats. */
  readonly entropyNats: Float64Array;
  /** ι_i = −ln w_î(x_i), î the point the trajectory ends on, per trajectory and step, nats. */
  readonly surprisalNats: Float64Array;
  /** î per trajectory: argmax of the posterior weights at the smallest σ > 0. */
  readonly endpoints: Int32Array;
  /** Moments over trajectories at each step. */
  readonly entropy: Moments[];
  readonly surprisal: Moments[];
}

/**
 * Runs reverse trajectories with an existing sampler on the exact empirical denoiser and records,
 * at every state x_i (σ_i > 0), the posterior entropy h(x_i) = LSE(ℓ) − Σ w ℓ and the pathwise
 * surprisal ι_i = LSE(ℓ) − ℓ_î of the point î the path ends on (spec §3.3f, §3.5.8).
 *
 * Each trajectory starts from the exact forward marginal, x_0 = x_s + σ_0 ε (s ~ π and ε from
 * (seed, trajectory, TRAJECTORY_STREAM)), not from the N(0, σ_0²) prior, so an exact reverse process
 * has the forward marginals at every σ; sampler noise comes from SampleNoise(seed, trajectory). With
 * an exact score and fine steps, the means and variances over trajectories match the forward curves
 * at λ_i = −2 ln σ_i: h for any sampler (marginals), ι only for stochastic ones (the SDE keeps the
 * forward coupling of x_i with its end point; the probability-flow ODE does not). The mismatch is
 * the discretisation error. Cost: one posterior (O(N·d)) per step per trajectory.
 *
 * @example
 * infoTrajectories(pm1, { sampler: { name: 'euler-maruyama' }, sigmas, count: 1000, seed: 0 }).entropy[10].mean
 */
export function infoTrajectories(set: EmpiricalSet, options: TrajectoryOptions): TrajectoryInfo {
  const { sigmas, count, seed } = options;
  if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError('count', `expected an integer ≥ 2 trajectories, got ${count}`);
  const steps = sigmas.length - 1;
  const d = set.dimension;
  const step = samplerStep(options.sampler);
  const entropyNats = new Float64Array(count * steps).fill(NaN);
  const surprisalNats = new Float64Array(count * steps).fill(NaN);
  const endpoints = new Int32Array(count);
  const cumulative = Array.from(set.logPrior, Math.exp);
  for (let j = 1; j < cumulative.length; j++) cumulative[j] = cumulative[j]! + cumulative[j - 1]!;
  const rng = new CounterRng(seed, TRAJECTORY_STREAM);
  for (let m = 0; m < count; m++) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const u = rng.nextUniform() * cumulative[cumulative.length - 1]!;
    const source = Math.max(0, cumulative.findIndex((c) => c > u));
    const start = fillStandardNormal(new Float64Array(d), { seed, sample: m, step: 0, stream: TRAJECTORY_STREAM });
    for (let k = 0; k < d; k++) start[k] = set.points[source * d + k]! + sigmas[0]! * start[k]!;
    const states: Float64Array[] = [];
    const logNormalisers = new Float64Array(steps);
    let lastLogits: Float64Array | null = null;
    const denoiser: Denoiser = {
      denoise(x, sigma, ctx) {
        const posterior = empiricalPosterior(set, x, sigma * sigma);
        if (ctx.evaluation === 0) {
          states[ctx.step] = x.slice();
          logNormalisers[ctx.step] = posterior.logNormaliser;
          entropyNats[m * steps + ctx.step] = posterior.entropyNats;
          lastLogits = posterior.logits;
        }
        return posterior.denoised;
      },
    };
    sampleTrajectory(step, start, { sigmas, denoiser, noise: new SampleNoise(seed, m) }, options.cancellation ? { cancellation: options.cancellation } : {});
    const end = argmax(lastLogits!);
    endpoints[m] = end;
    for (let i = 0; i < steps; i++) {
      const x = states[i]!;
      let d2 = 0;
      for (let k = 0; k < d; k++) d2 += (x[k]! - set.points[end * d + k]!) ** 2;
      surprisalNats[m * steps + i] = logNormalisers[i]! - (set.logPrior[end]! - d2 / (2 * sigmas[i]! ** 2));
    }
    options.onProgress?.(m + 1, count);
  }
  const weights = new Float64Array(count).fill(1 / count);
  const column = (values: Float64Array, i: number) => Float64Array.from({ length: count }, (_, m) => values[m * steps + i]!);
  const recorded = sigmas.slice(0, steps);
  return {
    sigmas: recorded,
    lambdas: recorded.map((s) => -2 * Math.log(s)),
    entropyNats,
    surprisalNats,
    endpoints,
    entropy: Array.from({ length: steps }, (_, i) => weightedMoments(column(entropyNats, i), weights, true)),
    surprisal: Array.from({ length: steps }, (_, i) => weightedMoments(column(surprisalNats, i), weights, true)),
  };
}

/** Path-minus-forward differences at one step, with the standard error of the mean difference. */
export interface Mismatch {
  readonly lambda: number;
  readonly entropyMean: number;
  readonly entropyMeanSe: number;
  readonly entropyVariance: number;
  readonly surprisalMean: number;
  readonly surprisalMeanSe: number;
  readonly surprisalVariance: number;
}

/**
 * Computes the mismatch between trajectory statistics and the forward-process curves evaluated at
 * the same λ_i (spec §3.5.8): path mean − forward mean of h and ι (standard errors combined in
 * quadrature, the two samples being independent) and the differences of the variances. For an exact
 * score this is the sampler's discretisation error plus Monte Carlo noise.
 *
 * @example
 * trajectoryMismatch(paths, forwardCurves(evaluator, paths.lambdas))[5].entropyMean // → small
 */
export function trajectoryMismatch(paths: TrajectoryInfo, forward: readonly CurvePoint[]): Mismatch[] {
  if (forward.length !== paths.lambdas.length) throw new InvalidArgumentError('forward', `expected ${paths.lambdas.length} curve points (one per recorded step), got ${forward.length}`);
  return forward.map((f, i) => {
    const h = paths.entropy[i]!, s = paths.surprisal[i]!;
    return {
      lambda: paths.lambdas[i]!,
      entropyMean: h.mean - f.entropy.mean,
      entropyMeanSe: Math.hypot(h.meanSe, f.entropy.meanSe),
      entropyVariance: h.variance - f.entropy.variance,
      surprisalMean: s.mean - f.surprisal.mean,
      surprisalMeanSe: Math.hypot(s.meanSe, f.surprisal.meanSe),
      surprisalVariance: s.variance - f.surprisal.variance,
    };
  });
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j]! > values[best]!) best = j;
  return best;
}
