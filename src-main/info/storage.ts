import { PEAK_CURVES, type BifurcationResult, type DynamicsCurves } from '../../src-shared/info/dynamicsRun';
import type { CurvePoint } from '../../src-shared/info/curves';
import type { LikelihoodResult } from '../../src-shared/info/likelihoodRun';
import type { Mismatch, TrajectoryInfo } from '../../src-shared/info/trajectories';
import { APP_VERSION } from '../appInfo';
import { hashConfig, type Store } from '../store';
import type { CurvePeaks, RatePeaks } from './dynamics';

/** sha256 of an instrument config's canonical JSON. */
export function hashInfoConfig(config: unknown): string {
  return hashConfig(config);
}

/** Columns of the 'curves' artifact of a dynamics 'forward' run (docs/dynamics.md). */
export const FORWARD_COLUMNS = [
  'lambda', 'nu', 'mmse', 'mmse_se', 'bandwidth_nats', 'bandwidth_se', 'entropy_direct_nats', 'entropy_immse_nats', 'entropy_var',
  'surprisal_mean_nats', 'surprisal_var', 'class_entropy_nats', 'class_entropy_immse_nats', 'class_bandwidth_nats', 'class_bandwidth_se', 'squared_error',
] as const;

/** One row of the forward curves, in FORWARD_COLUMNS order. */
export function forwardRow(curves: DynamicsCurves, i: number): number[] {
  const p = curves.points[i]!;
  return [
    p.lambda, Math.exp(-p.lambda), p.mmse.mean, p.mmse.meanSe, p.bandwidthNats, p.bandwidthSe, p.entropy.mean, curves.entropyImmseNats[i]!, p.entropy.variance,
    p.surprisal.mean, p.surprisal.variance, p.classEntropy.mean, curves.classEntropyImmseNats[i]!, p.classBandwidthNats, p.classBandwidthSe, p.squaredError.mean,
  ];
}

/** Columns of the 'paths' artifact of a dynamics 'trajectories' run. */
export const PATH_COLUMNS = [
  'sigma', 'lambda', 'path_entropy_mean', 'path_entropy_se', 'path_entropy_var', 'path_surprisal_mean', 'path_surprisal_se', 'path_surprisal_var',
  'forward_entropy_mean', 'forward_entropy_var', 'forward_surprisal_mean', 'forward_surprisal_var', 'mismatch_entropy_mean', 'mismatch_entropy_se', 'mismatch_surprisal_mean', 'mismatch_surprisal_se',
] as const;

/** One row of the trajectory statistics, in PATH_COLUMNS order. */
export function pathRow(paths: TrajectoryInfo, forward: readonly CurvePoint[], mismatch: readonly Mismatch[], i: number): number[] {
  const h = paths.entropy[i]!, s = paths.surprisal[i]!, f = forward[i]!, m = mismatch[i]!;
  return [
    paths.sigmas[i]!, paths.lambdas[i]!, h.mean, h.meanSe, h.variance, s.mean, s.meanSe, s.variance,
    f.entropy.mean, f.entropy.variance, f.surprisal.mean, f.surprisal.variance, m.entropyMean, m.entropyMeanSe, m.surprisalMean, m.surprisalMeanSe,
  ];
}

/** Packs rows (all of one length) as a [columns, n] float64 artifact (column-major: one curve per row of the array). */
export function columnsArtifact(name: string, rows: readonly (readonly number[])[], columns: number): { name: string; dtype: 'float64'; shape: number[]; data: Float64Array } {
  const n = rows.length;
  const data = new Float64Array(columns * n);
  rows.forEach((row, i) => row.forEach((v, c) => { data[c * n + i] = v; }));
  return { name, dtype: 'float64', shape: [columns, n], data };
}

/** Identity of an instrument run set. */
export interface InfoRunSpec {
  readonly name: string;
  readonly instrument: 'dynamics' | 'likelihood';
  readonly config: unknown;
  readonly configHash: string;
  readonly variants: readonly string[];
  readonly seeds: readonly number[];
  readonly backend: string;
}

/**
 * Writes an instrument's curves through the store facade (docs/store.md): one experiment (preset =
 * the instrument's name) and one run per curve set, created before the computation; each curve an
 * artifact of shape [columns, n] (documented in docs/dynamics.md and docs/likelihood.md); the outcome
 * last. Runs appear in `infodiff list` like sampler runs.
 */
export class InfoRunWriter {
  readonly experimentId: string;
  readonly runIds: string[];
  private readonly done = new Set<string>();

  constructor(private readonly store: Store, private readonly spec: InfoRunSpec) {
    this.experimentId = store.createExperiment({ name: spec.name, preset: spec.instrument });
    this.runIds = spec.variants.map((variant) => store.createRun({
      experimentId: this.experimentId, variant, deltaTol: null, seeds: spec.seeds, config: spec.config, configHash: spec.configHash,
      dataHash: null, appVersion: APP_VERSION, backend: spec.backend, status: 'running',
    }));
  }

  private runOf(variant: string): string {
    const i = this.spec.variants.indexOf(variant);
    return this.runIds[i]!;
  }

  private put(variant: string, artifact: ReturnType<typeof columnsArtifact>): void {
    this.store.putArtifact(this.runOf(variant), artifact);
    this.done.add(variant);
  }

  /** Dynamics 'forward' run: curves, rates per schedule, information per sampler step, peaks. */
  forward(curves: DynamicsCurves, peaks: readonly CurvePeaks[], ratePeaks: readonly RatePeaks[]): void {
    this.put('forward', columnsArtifact('curves', curves.points.map((_, i) => forwardRow(curves, i)), FORWARD_COLUMNS.length));
    for (const rate of curves.rates) this.put('forward', columnsArtifact(`rate-${rate.schedule}`, Array.from(rate.t, (t, i) => [t, rate.lambdas[i]!, rate.rate[i]!]), 3));
    curves.steps.forEach((s, k) => this.put('forward', columnsArtifact(`steps-${k}`, s.steps.map((x) => [x.step, x.sigma, x.sigmaNext, x.nats]), 4)));
    // Column 0 names the curve by its index in PEAK_CURVES (0 R, 1 Var h, 2 Var ι, 3 R_Z), whichever curves the data have.
    const peakRows = peaks.flatMap((c) => c.peaks.map((p) => [PEAK_CURVES.indexOf(c.curve), p.gridX, p.x, p.value, p.widthLambda]));
    if (peakRows.length) this.put('forward', columnsArtifact('peaks', peakRows, 5));
    const rateRows = ratePeaks.flatMap((r, ri) => r.peaks.map((p) => [ri, p.t, p.lambda, p.rate]));
    if (rateRows.length) this.put('forward', columnsArtifact('rate-peaks', rateRows, 4));
  }

  /** Dynamics 'bifurcation' run: the tracked mode, the folds, the spectral estimate. */
  bifurcation(result: BifurcationResult): void {
    this.put('bifurcation', columnsArtifact('track', result.track.points.map((p) => [p.nu, p.lambda, p.topEigenvalue, norm(p.x), p.converged ? 1 : 0, p.iterations]), 6));
    if (result.folds.length) this.put('bifurcation', columnsArtifact('folds', result.folds.map((f) => [f.start, f.label, f.fold.nu, f.fold.lambda, f.fold.lastAliveNu, f.fold.found ? 1 : 0]), 6));
    this.put('bifurcation', columnsArtifact('spectral', [[result.spectral.nu, result.spectral.lambda, result.spectral.ouTime, result.track.crossing?.nu ?? NaN, result.track.crossing?.lambda ?? NaN]], 5));
  }

  /** Dynamics 'trajectories' run: statistics per step beside the forward curves. */
  trajectories(paths: TrajectoryInfo, forward: readonly CurvePoint[], mismatch: readonly Mismatch[]): void {
    this.put('trajectories', columnsArtifact('paths', forward.map((_, i) => pathRow(paths, forward, mismatch, i)), PATH_COLUMNS.length));
  }

  /** Likelihood runs: one per section. */
  likelihood(result: LikelihoodResult): void {
    if (result.discrete) {
      this.put('discrete', columnsArtifact('nll', result.discrete.points.map((p, i) => [p.index, p.nats, p.natsSe, p.bitsPerDim, result.discrete!.exactNats[i]!]), 5));
      this.put('discrete', columnsArtifact('mmse', Array.from(result.discrete.lambdas, (l, i) => [l, ...result.discrete!.points.map((p) => p.mmse[i]!)]), 1 + result.discrete.points.length));
    }
    if (result.warmStart) this.put('warm-start', columnsArtifact('nll', result.warmStart.map((w, i) => [i, w.sigma0, w.meanNats, w.meanNatsSe, w.bitsPerDim]), 5));
    if (result.entropy) {
      const e = result.entropy;
      this.put('entropy', columnsArtifact('mmse', Array.from(e.lambdas, (l, i) => [l, e.mmse[i]!]), 2));
      this.put('entropy', columnsArtifact('entropy', [[e.sigma0, e.entropyNats, e.gaussianNats], ...e.priorForms.map((p) => [p.sigma1, p.nats, NaN])], 3));
    }
    if (result.bound) {
      result.bound.forEach((b, m) => this.put('bound', columnsArtifact(`model-${m}`, b.points.map((p) => [...p.x, p.boundNats, p.exactNats, p.gapNats, p.priorNats, p.integralNats]), result.dimension + 5)));
    }
    if (result.heldOut) this.put('held-out', columnsArtifact('nll', result.heldOut.map((h) => [lawIndex(h.law), h.sigma0, h.meanNats, h.meanNatsSe, h.bitsPerDim, h.finiteFraction]), 6));
    if (result.slopes) this.put('slopes', columnsArtifact('slopes', result.slopes.map((s) => [lawIndex(s.law), s.fisherHalf, s.relativeFisherHalf, s.entropySlope, s.entropyCurvature, s.klSlope, s.klCurvature, s.secantEntropySlope]), 8));
  }

  /** Finishes every run: the outcome for those that got their curves, 'cancelled'/'failed' for the rest. */
  finish(status: 'completed' | 'cancelled' | 'failed', error: string | undefined, elapsedMs: number): void {
    this.spec.variants.forEach((variant, i) => {
      const own = this.done.has(variant) ? 'completed' : status === 'completed' ? 'completed' : status;
      this.store.finishRun(this.runIds[i]!, { status: own, ...(error && own !== 'completed' ? { error } : {}), timings: { computeMs: Math.round(elapsedMs) } });
    });
  }
}

const LAWS = ['gaussian', 'laplace', 'logistic', 'uniform'];
function lawIndex(law: string): number {
  return LAWS.indexOf(law);
}

function norm(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s);
}
