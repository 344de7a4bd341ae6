import { LabError } from '../../src-shared/errors';
import type { BifurcationResult, DynamicsCurves, PeakCurve } from '../../src-shared/info/dynamicsRun';
import { assembleCurves, curveValue, PEAK_CURVES, queriesFor } from '../../src-shared/info/dynamicsRun';
import type { DynamicsConfig } from '../../src-shared/info/config';
import { summarizeValues, type CurvePoint } from '../../src-shared/info/curves';
import { describeSet, resolveInfoData } from '../../src-shared/info/infoData';
import { brentMaximizer, gridMaxima, halfMaxWidth, maximizeAsync, type Peak } from '../../src-shared/info/peaks';
import { uniformGrid } from '../../src-shared/info/quadrature';
import { lambdaAtTime, lambdaRate, type TimeScheduleName } from '../../src-shared/info/scheduleTime';
import { trajectoryMismatch, type Mismatch, type TrajectoryInfo } from '../../src-shared/info/trajectories';
import { InfoPool } from './host';
import type { InfoRunOptions, InfoRunOutcome } from './runOptions';
import { infoInputsFor } from './inputs';
import { hashInfoConfig, InfoRunWriter } from './storage';

/** Peaks of one curve, refined, with their full width at half maximum (in λ). */
export interface CurvePeaks {
  readonly curve: PeakCurve;
  readonly peaks: (Peak & { readonly widthLambda: number })[];
}

/** Peaks of R per unit time of one schedule (refined in t). */
export interface RatePeaks {
  readonly schedule: TimeScheduleName;
  readonly peaks: { readonly t: number; readonly lambda: number; readonly rate: number; readonly gridT: number }[];
}

/** Everything `infodiff dynamics` computes. */
export interface DynamicsResult extends InfoRunOutcome {
  readonly config: DynamicsConfig;
  readonly configHash: string;
  readonly data: string;
  readonly dimension: number;
  readonly queries: { readonly count: number; readonly monteCarlo: boolean };
  readonly curves: DynamicsCurves | null;
  readonly peaks: CurvePeaks[];
  readonly ratePeaks: RatePeaks[];
  readonly bifurcation: BifurcationResult | null;
  readonly trajectories: { readonly paths: TrajectoryInfo; readonly forward: CurvePoint[]; readonly mismatch: Mismatch[]; readonly peaks: CurvePeaks[] } | null;
}

/** Options of runDynamics; its threads share the forward queries. */
export type DynamicsRunOptions = InfoRunOptions;

const CHUNK = 4;

/**
 * Runs the information-dynamics instrument (spec §3.5): the forward curves on the λ grid (workers share
 * the queries), their peaks refined by Brent on the same common-random-number queries, R per unit time
 * of each schedule, the bifurcation diagnostics and the reverse trajectories with their mismatch to the
 * forward curves. With a store, one experiment (preset 'dynamics') and one run per curve set
 * ('forward', 'bifurcation', 'trajectories'), curves as artifacts (docs/dynamics.md). Cancellation keeps
 * what is done and marks the runs cancelled.
 */
export async function runDynamics(config: DynamicsConfig, options: DynamicsRunOptions = {}): Promise<DynamicsResult> {
  const started = performance.now();
  const set = resolveInfoData(config.data, infoInputsFor(config.data));
  const queries = queriesFor(set, config.estimator);
  const threads = Math.max(1, options.threads ?? 1);
  const backend = `cpu-f64 (${threads} thread${threads === 1 ? '' : 's'})`;
  const pool = InfoPool.start({ set, queries, threads, weightFloor: config.weightFloor });
  const progress = (stage: string) => (done: number, total: number) => options.onProgress?.(stage, done, total);
  const variants = ['forward', ...(config.bifurcation.enabled ? ['bifurcation'] : []), ...(config.trajectories.enabled ? ['trajectories'] : [])];
  const configHash = hashInfoConfig(config);
  const writer = options.store ? new InfoRunWriter(options.store, { name: config.name, instrument: 'dynamics', config, configHash, variants, seeds: seedsOf(config), backend }) : null;
  options.onStarted?.({ cancel: () => pool.cancel(), backend, data: describeSet(set) });
  let curves: DynamicsCurves | null = null;
  let peaks: CurvePeaks[] = [];
  let ratePeaks: RatePeaks[] = [];
  let bifurcation: BifurcationResult | null = null;
  let trajectories: DynamicsResult['trajectories'] = null;
  let status: DynamicsResult['status'] = 'completed';
  let error: string | undefined;
  const at = async (lambda: number): Promise<CurvePoint> => summarizeValues(lambda, (await pool.evaluate([lambda]))[0]!, queries);
  try {
    const lambdas = Array.from(uniformGrid(config.lambdas.min, config.lambdas.max, config.lambdas.count));
    const points: CurvePoint[] = [];
    for (let i = 0; i < lambdas.length; i += CHUNK) {
      const chunk = lambdas.slice(i, i + CHUNK);
      const values = await pool.evaluate(chunk);
      values.forEach((v, k) => points.push(summarizeValues(chunk[k]!, v, queries)));
      progress('forward curves')(points.length, lambdas.length);
    }
    curves = assembleCurves(set, config, points);
    const targets = PEAK_CURVES.filter((c) => (c !== 'classBandwidth' || curves!.classTotalNats > 0) && (c !== 'entropyVariance' || set.kind === 'empirical') && (c !== 'surprisalVariance' || !Number.isNaN(points[0]!.surprisal.mean)));
    peaks = await Promise.all(targets.map((curve) => refineCurvePeaks(points, curve, config, async (l) => curveValue(await at(l), curve))));
    progress('peaks')(1, 1);
    ratePeaks = await Promise.all(curves.rates.map(async (rate) => ({
      schedule: rate.schedule,
      peaks: await Promise.all(gridMaxima(rate.rate, config.peaks.minRelativeHeight).map(async (i) => {
        const [a, b] = [rate.t[i - 1]!, rate.t[i + 1]!].sort((x, y) => x - y) as [number, number];
        const best = config.peaks.refine
          ? await maximizeAsync(brentMaximizer(a, b, config.peaks.tol * Math.max(1e-12, b - a)), async (t) => (await at(lambdaAtTime(rate.schedule, t))).bandwidthNats * lambdaRate(rate.schedule, t))
          : { x: rate.t[i]!, value: rate.rate[i]! };
        return { t: best.x, lambda: lambdaAtTime(rate.schedule, best.x), rate: best.value, gridT: rate.t[i]! };
      })),
    })));
    writer?.forward(curves, peaks, ratePeaks);
    if (config.bifurcation.enabled) {
      bifurcation = await pool.task<BifurcationResult>({ kind: 'bifurcation', options: config.bifurcation }, progress('bifurcation'));
      writer?.bifurcation(bifurcation);
    }
    if (config.trajectories.enabled) {
      const paths = await pool.task<TrajectoryInfo>({ kind: 'trajectories', options: config.trajectories }, progress('trajectories'));
      const values = await pool.evaluate(Array.from(paths.lambdas), progress('forward at trajectory steps'));
      const forward = values.map((v, i) => summarizeValues(paths.lambdas[i]!, v, queries));
      const pathPeaks = (['entropyVariance', 'surprisalVariance'] as const).map((curve) => ({
        curve,
        peaks: gridMaxima(curve === 'entropyVariance' ? paths.entropy.map((m) => m.variance) : paths.surprisal.map((m) => m.variance), config.peaks.minRelativeHeight).map((i) => {
          const ys = (curve === 'entropyVariance' ? paths.entropy : paths.surprisal).map((m) => m.variance);
          return { index: i, gridX: paths.lambdas[i]!, gridValue: ys[i]!, x: paths.lambdas[i]!, value: ys[i]!, widthLambda: Math.abs(halfMaxWidth(paths.lambdas, ys, i)) };
        }),
      }));
      trajectories = { paths, forward, mismatch: trajectoryMismatch(paths, forward), peaks: pathPeaks };
      writer?.trajectories(trajectories.paths, trajectories.forward, trajectories.mismatch);
    }
  } catch (e) {
    if (e instanceof LabError && e.code === 'cancelled') status = 'cancelled';
    else {
      status = 'failed';
      error = e instanceof Error ? e.message : String(e);
    }
  } finally {
    await pool.close();
  }
  const elapsedMs = performance.now() - started;
  writer?.finish(status, error, elapsedMs);
  return {
    config, configHash, data: describeSet(set), dimension: set.dimension, queries: { count: queries.count, monteCarlo: queries.monteCarlo },
    curves, peaks, ratePeaks, bifurcation, trajectories, status, ...(error ? { error } : {}),
    experimentId: writer?.experimentId ?? null, runIds: writer?.runIds ?? [], backend, elapsedMs,
  };
}

/** Grid maxima of a curve, refined by Brent (async: each evaluation is a pool request), with their FWHM. */
async function refineCurvePeaks(points: readonly CurvePoint[], curve: PeakCurve, config: DynamicsConfig, f: (lambda: number) => Promise<number>): Promise<CurvePeaks> {
  const xs = points.map((p) => p.lambda), ys = points.map((p) => curveValue(p, curve));
  const found = gridMaxima(ys, config.peaks.minRelativeHeight);
  const refined = [];
  for (const i of found) {
    const best = config.peaks.refine ? await maximizeAsync(brentMaximizer(xs[i - 1]!, xs[i + 1]!, config.peaks.tol), f) : { x: xs[i]!, value: ys[i]! };
    refined.push({ index: i, gridX: xs[i]!, gridValue: ys[i]!, x: best.x, value: best.value, widthLambda: halfMaxWidth(xs, ys, i, best.value) });
  }
  return { curve, peaks: refined };
}

function seedsOf(config: DynamicsConfig): number[] {
  const seeds = new Set<number>();
  if (config.estimator.kind === 'monte-carlo') seeds.add(config.estimator.seed);
  if (config.trajectories.enabled) seeds.add(config.trajectories.seed);
  // A deterministic (quadrature) run has no seed; the store wants at least one: 0.
  return seeds.size ? [...seeds] : [0];
}
