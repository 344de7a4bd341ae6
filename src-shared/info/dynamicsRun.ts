import { InvalidArgumentError } from '../errors';
import { buildSchedule } from '../diffusion/schedules/spec';
import type { ScheduleSpec } from '../diffusion/schedules/spec';
import type { Cancellation } from '../diffusion/types';
import { geometricNus, followBranch, spectralSpeciation, trackModes, type Fold, type ModeTrack } from './bifurcation';
import { rateInTime, type TimeCurve } from './bandwidth';
import type { DynamicsConfig, Estimator } from './config';
import type { CurvePoint } from './curves';
import { dataCovariance, empiricalSet, priorEntropyNats, type EmpiricalSet, type ExactSet } from './dataset';
import { createEmpiricalForward } from './empiricalForward';
import { entropyFromBandwidth, gaussianLeftTailNats } from './entropy';
import type { ForwardEvaluator, ForwardValues } from './forward';
import { createGmmForward } from './gmmForward';
import { gaussianTensorRule } from './quadrature';
import { monteCarloQueries, quadratureQueries, type ForwardQueries } from './queries';
import { informationPerStep, type StepInformation, type TimeScheduleName } from './scheduleTime';
import { symmetricEigen } from './symmetricEigen';
import { infoTrajectories, type TrajectoryInfo } from './trajectories';

/**
 * Builds the forward queries an estimator describes: Monte Carlo (seeded, common random numbers) or
 * every source × a tensor Gauss–Hermite rule.
 *
 * @example
 * queriesFor(set, { kind: 'gauss-hermite', nodes: 160 }).count // → 320 for ±1 data
 */
export function queriesFor(set: ExactSet, estimator: Estimator): ForwardQueries {
  if (estimator.kind === 'monte-carlo') return monteCarloQueries(set, { count: estimator.queries, seed: estimator.seed });
  return quadratureQueries(set, gaussianTensorRule(set.dimension, estimator.nodes));
}

/**
 * Creates the exact forward evaluator of a dataset (empirical or GMM).
 *
 * @example
 * createForwardEvaluator(set, queriesFor(set, config.estimator), config.weightFloor).evaluate(0)
 */
export function createForwardEvaluator(set: ExactSet, queries: ForwardQueries, weightFloor = 1e-22, traceCovSquared = false): ForwardEvaluator {
  return set.kind === 'gmm' ? createGmmForward(set, queries, { traceCovSquared }) : createEmpiricalForward(set, queries, { weightFloor, traceCovSquared });
}

/**
 * Concatenates per-query values of consecutive query slices (worker threads) into one evaluation.
 *
 * @example
 * mergeForwardValues([a, b]).traceCov.length // → a.traceCov.length + b.traceCov.length
 */
export function mergeForwardValues(parts: readonly ForwardValues[]): ForwardValues {
  const join = (pick: (v: ForwardValues) => Float64Array): Float64Array => {
    const out = new Float64Array(parts.reduce((s, p) => s + pick(p).length, 0));
    let o = 0;
    for (const p of parts) { out.set(pick(p), o); o += pick(p).length; }
    return out;
  };
  return {
    traceCov: join((v) => v.traceCov),
    squaredError: join((v) => v.squaredError),
    entropyNats: join((v) => v.entropyNats),
    surprisalNats: join((v) => v.surprisalNats),
    classEntropyNats: join((v) => v.classEntropyNats),
    betweenClass: join((v) => v.betweenClass),
    traceCovSquared: parts.every((p) => p.traceCovSquared) ? join((v) => v.traceCovSquared!) : null,
  };
}

/** The forward curves with their derived quantities. */
export interface DynamicsCurves {
  readonly points: CurvePoint[];
  /** H[x₀|ỹ] by the I-MMSE integral of R (discrete data; NaN for GMM data). */
  readonly entropyImmseNats: Float64Array;
  /** H[Z|ỹ] by the integral of R_Z (data with classes; NaN otherwise). */
  readonly classEntropyImmseNats: Float64Array;
  /** H[x₀] (= −Σ π ln π for discrete data) and H[Z]. */
  readonly totalEntropyNats: number;
  readonly classTotalNats: number;
  /** R per unit schedule time, per continuous schedule. */
  readonly rates: TimeCurve[];
  /** Nats per step of each sampler schedule. */
  readonly steps: { readonly schedule: ScheduleSpec; readonly steps: StepInformation[] }[];
}

/**
 * Derives the I-MMSE entropies, the rates per unit schedule time and the information per sampler
 * step from the forward curves (spec §3.5 items 2–3): H(λ) = H_total − I(λ_0) − ∫_{λ_0}^{λ} R, with the
 * Gaussian left tail (covariance eigenvalues for d ≤ 64, else ½ e^{λ_0} tr Σ).
 *
 * @example
 * assembleCurves(set, config, points).entropyImmseNats // ≈ points.map(p => p.entropy.mean)
 */
export function assembleCurves(set: ExactSet, config: Pick<DynamicsConfig, 'schedules' | 'samplerSchedules'>, points: CurvePoint[]): DynamicsCurves {
  const lambdas = points.map((p) => p.lambda);
  const R = points.map((p) => p.bandwidthNats);
  const RZ = points.map((p) => p.classBandwidthNats);
  const nan = () => new Float64Array(points.length).fill(NaN);
  let entropyImmseNats: Float64Array = nan(), classEntropyImmseNats: Float64Array = nan();
  let totalEntropyNats = NaN, classTotalNats = NaN;
  const classPrior = classPriorOf(set);
  if (classPrior.length > 1) {
    classTotalNats = -classPrior.reduce((s, p) => s + (p > 0 ? p * Math.log(p) : 0), 0);
    // Left tail of I(Z; ỹ) ≤ I(x₀; ỹ): the between-class part of the Gaussian tail, negligible at λ_0 ≪ 0.
    classEntropyImmseNats = entropyFromBandwidth(lambdas, RZ, classTotalNats, 0.5 * Math.exp(lambdas[0]!) * betweenClassTrace(set));
  }
  if (set.kind === 'empirical') {
    totalEntropyNats = priorEntropyNats(set);
    entropyImmseNats = entropyFromBandwidth(lambdas, R, totalEntropyNats, leftTail(set, lambdas[0]!));
  }
  const rates = config.schedules.map((s) => rateInTime(s as TimeScheduleName, lambdas, R));
  const steps = config.samplerSchedules.map((schedule) => ({ schedule: schedule as ScheduleSpec, steps: informationPerStep(buildSchedule(schedule as ScheduleSpec).sigmas, lambdas, R) }));
  return { points, entropyImmseNats, classEntropyImmseNats, totalEntropyNats, classTotalNats, rates, steps };
}

/** ∫_{−∞}^{λ0} R: the Gaussian value ½ Σ ln(1 + e^{λ0} v_k) (d ≤ 64) or ½ e^{λ0} tr Σ. */
function leftTail(set: EmpiricalSet, lambda0: number): number {
  const cov = dataCovariance(set);
  const d = set.dimension;
  if (d <= 64) return gaussianLeftTailNats(symmetricEigen(cov, d, false).values, lambda0);
  let trace = 0;
  for (let k = 0; k < d; k++) trace += cov[k * d + k]!;
  return 0.5 * Math.exp(lambda0) * trace;
}

function classPriorOf(set: ExactSet): number[] {
  if (set.kind === 'gmm') {
    const total = set.components.reduce((s, c) => s + c.weight, 0);
    return set.components.map((c) => c.weight / total);
  }
  if (!set.labels) return [1];
  const p = new Array<number>(set.classCount).fill(0);
  set.labels.forEach((z, j) => { p[z] = p[z]! + Math.exp(set.logPrior[j]!); });
  return p;
}

/** Σ_z P(z)‖μ_z − μ‖²: the covariance trace of the class means (the low-SNR slope of I(Z; ỹ)). */
function betweenClassTrace(set: ExactSet): number {
  if (set.kind === 'gmm') {
    const total = set.components.reduce((s, c) => s + c.weight, 0);
    const d = set.dimension;
    const mean = new Float64Array(d);
    for (const c of set.components) for (let k = 0; k < d; k++) mean[k] = mean[k]! + (c.weight / total) * c.mean[k]!;
    let s = 0;
    for (const c of set.components) for (let k = 0; k < d; k++) s += (c.weight / total) * (c.mean[k]! - mean[k]!) ** 2;
    return s;
  }
  const d = set.dimension;
  const sums = new Map<number, { p: number; x: Float64Array }>();
  const mean = new Float64Array(d);
  for (let j = 0; j < set.count; j++) {
    const w = Math.exp(set.logPrior[j]!);
    const z = set.labels?.[j] ?? 0;
    const entry = sums.get(z) ?? { p: 0, x: new Float64Array(d) };
    entry.p += w;
    for (let k = 0; k < d; k++) { entry.x[k] = entry.x[k]! + w * set.points[j * d + k]!; mean[k] = mean[k]! + w * set.points[j * d + k]!; }
    sums.set(z, entry);
  }
  let s = 0;
  for (const { p, x } of sums.values()) if (p > 0) for (let k = 0; k < d; k++) s += p * (x[k]! / p - mean[k]!) ** 2;
  return s;
}

/** The quantities whose peaks are located and refined. */
export const PEAK_CURVES = ['bandwidth', 'entropyVariance', 'surprisalVariance', 'classBandwidth'] as const;
export type PeakCurve = (typeof PEAK_CURVES)[number];

/**
 * Reads a peak target from a curve point: R, Var h, Var ι or R_Z.
 *
 * @example
 * curveValue(point, 'bandwidth') // → point.bandwidthNats
 */
export function curveValue(point: CurvePoint, curve: PeakCurve): number {
  switch (curve) {
    case 'bandwidth': return point.bandwidthNats;
    case 'entropyVariance': return point.entropy.variance;
    case 'surprisalVariance': return point.surprisal.variance;
    case 'classBandwidth': return point.classBandwidthNats;
  }
}

/** Bifurcation diagnostics of a dataset (spec §3.5.6). */
export interface BifurcationResult {
  readonly track: ModeTrack;
  readonly folds: { readonly start: number; readonly label: number; readonly fold: Fold }[];
  readonly spectral: { readonly nu: number; readonly lambda: number; readonly ouTime: number };
}

/**
 * Runs the bifurcation diagnostics (spec §3.5.6): the spectral estimate ν_S = λ_max(Σ); the central
 * mode tracked by mean shift from nuMax down to nuMin (default 4ν_S … ν_S/16) with λ_max(M) and its
 * crossing of 1; and folds found by following branches upwards from `folds` data points (evenly
 * spaced indices) starting at ν = nuMin/4. Empirical data only (optionally the first `subset` points).
 *
 * @example
 * computeBifurcation(pm1, { enabled: true, count: 61, folds: 2, maxIterations: 10000 }).track.crossing // → { nu: 1, … }
 */
export function computeBifurcation(data: ExactSet, options: DynamicsConfig['bifurcation'], hooks: { cancellation?: Cancellation; onProgress?: (done: number, total: number) => void } = {}): BifurcationResult {
  if (data.kind !== 'empirical') throw new InvalidArgumentError('bifurcation', 'mode tracking needs empirical data (points, digits, block images, segment, hypercube)');
  const set = options.subset && options.subset < data.count ? subsetOf(data, options.subset) : data;
  const spectral = spectralSpeciation(set);
  const nuMax = options.nuMax ?? 4 * spectral.nu, nuMin = options.nuMin ?? spectral.nu / 16;
  const total = options.count + options.folds;
  const cancellation = hooks.cancellation;
  const track = trackModes(set, geometricNus(nuMax, nuMin, options.count), {
    maxIterations: options.maxIterations,
    ...(cancellation ? { cancellation } : {}),
    onProgress: (done) => hooks.onProgress?.(done, total),
  });
  const folds: BifurcationResult['folds'] = [];
  for (let f = 0; f < options.folds; f++) {
    const start = Math.floor((f * set.count) / options.folds);
    const fold = followBranch(set, set.points.subarray(start * set.dimension, (start + 1) * set.dimension), {
      nuStart: nuMin / 4, nuMax: 4 * nuMax, maxIterations: options.maxIterations, ...(cancellation ? { cancellation } : {}),
    });
    folds.push({ start, label: set.labels?.[start] ?? 0, fold });
    hooks.onProgress?.(options.count + f + 1, total);
  }
  return { track, folds, spectral };
}

function subsetOf(set: EmpiricalSet, count: number): EmpiricalSet {
  const d = set.dimension;
  const weights = Array.from(set.logPrior.subarray(0, count), Math.exp);
  return empiricalSet(set.points.slice(0, count * d), count, d, { weights, ...(set.labels ? { labels: set.labels.subarray(0, count) } : {}) });
}

/**
 * Runs the reverse trajectories of the config with the exact empirical denoiser (spec §3.5.8).
 *
 * @example
 * computeTrajectories(pm1, config.trajectories).entropy.length // → steps
 */
export function computeTrajectories(data: ExactSet, options: DynamicsConfig['trajectories'], hooks: { cancellation?: Cancellation; onProgress?: (done: number, total: number) => void } = {}): TrajectoryInfo {
  if (data.kind !== 'empirical') throw new InvalidArgumentError('trajectories', 'reverse trajectories need empirical data');
  return infoTrajectories(data, {
    sampler: options.sampler,
    sigmas: buildSchedule(options.schedule as ScheduleSpec).sigmas,
    count: options.count,
    seed: options.seed,
    ...(hooks.cancellation ? { cancellation: hooks.cancellation } : {}),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
  });
}
