import { COSINE_DEFAULTS, cosineBetas } from '../diffusion/schedules/cosine';
import { discreteVp, type DiscreteVp } from '../diffusion/schedules/discreteVp';
import { linearBetas } from '../diffusion/schedules/linearBeta';
import type { Cancellation } from '../diffusion/types';
import { CancelledError } from '../errors';
import type { ImageDataset } from '../experiment/inputs';
import type { ScheduleCompareConfig } from './compareConfig';
import { mapGridToTimesteps, timestepLogSnrs, type TimestepMapOptions } from './ddpmTimesteps';
import { discretisationKlPerStep, informationGainNats, initialisationKlNats, sumOf } from './discretisationKl';
import { optimalRateConstant, slopeByDifference } from './equalised';
import { lossRiemannSum, logSpacedCandidates } from './lasDp';
import { prepareLossCurve } from './lossCurve';
import { measureQuality, type QualityRow } from './measure';
import { monteCarloLossCurve } from './lasGrid';
import { customAtK, gridForSchedule, type GridContext } from './scheduleGrids';
import { ouTimeFromSnr, snrGridFromSigmas, type SnrGrid } from './snrGrid';
import { resolveTarget, type ResolvedTarget } from './targets';

/** One schedule at one K: its grid, the predicted discretisation KL per step and in total, and S. */
export interface ScheduleRun {
  readonly schedule: string;
  readonly K: number;
  readonly gammas: SnrGrid;
  /** D_k at index k − 1, nats (spec §2 (★)). */
  readonly klPerStep: Float64Array;
  readonly klNats: number;
  /** S = ½ Σ (γ_{k−1} − γ_k) ℓ(γ_k) of the loss LAS used. */
  readonly lossSum: number;
  /** The grid on the config's trained DDPM (config.ddpm): timestep t_k and its SNR γ_{t_k} per grid point. */
  readonly ddpm?: { readonly timesteps: Int32Array; readonly gammas: Float64Array };
}

/** The Monte Carlo MMSE curve of an n-D target: levels, estimates, standard errors and the isotonic fit. */
export interface CurveTable {
  readonly gammas: Float64Array;
  readonly mmse: Float64Array;
  readonly standardError: Float64Array;
  readonly isotonic: Float64Array;
}

/** A regularised loss curve as data: levels, raw means, weights and the isotonic fit (spec §4.2). */
export interface LossCurveTable {
  readonly gammas: Float64Array;
  readonly raw: Float64Array;
  readonly weights: Float64Array;
  readonly isotonic: Float64Array;
}

/** Everything a comparison produced (plain data: it crosses a worker boundary). */
export interface ComparisonResult {
  readonly config: ScheduleCompareConfig;
  readonly runs: ScheduleRun[];
  readonly quality: QualityRow[];
  /** The Monte Carlo MMSE curve D was computed from (null for exact 1-D targets). */
  readonly mmseTable: CurveTable | null;
  /** The imported loss curve, regularised (null when LAS used the MMSE curve). */
  readonly lossCurve: LossCurveTable | null;
  /** ΔI = I(γ_max) − I(γ_min), nats (exact targets only). */
  readonly deltaInformationNats: number | null;
  /** KL_init at T = t(γ_min) (exact targets only). */
  readonly initialisationNats: number | null;
  /** L = ∫ √|m′| dγ, so that min D ≈ L²/(4K) (spec §3.2 T3). */
  readonly rateConstant: number;
}

/** Which phase a progress report is about, and how far it is. */
export interface ComparisonProgress {
  readonly phase: 'curve' | 'schedules' | 'measure';
  readonly done: number;
  readonly total: number;
}

export interface ComparisonHooks {
  readonly digits?: ImageDataset;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (progress: ComparisonProgress) => void;
}

interface CurveOfTarget {
  readonly mmse: (gamma: number) => number;
  readonly slope: (gamma: number) => number;
  readonly table: CurveTable | null;
}

/** The curve D is computed from: exact, or Monte Carlo (CRN, Rao–Blackwellised), isotonised, log–log interpolated. */
function curveOf(target: ResolvedTarget, config: ScheduleCompareConfig, hooks: ComparisonHooks): CurveOfTarget {
  if (target.kind === 'line') {
    const curve = target.curve;
    const mmse = (g: number) => curve.mmse(g);
    return { mmse, slope: curve.mmseSlope ? (g) => curve.mmseSlope!(g) : slopeByDifference(mmse), table: null };
  }
  const { estimate: mc, prepared } = monteCarloLossCurve(target.source, config.endpoints, config.mc, {
    ...(hooks.cancellation ? { cancellation: hooks.cancellation } : {}),
    onProgress: (done, total) => hooks.onProgress?.({ phase: 'curve', done, total }),
  });
  return { mmse: prepared.evaluate, slope: slopeByDifference(prepared.evaluate), table: { gammas: mc.gammas, mmse: mc.mmse, standardError: mc.standardError, isotonic: prepared.isotonic } };
}

/** The discrete VP process of a config's trained DDPM. */
function ddpmOf(spec: NonNullable<ScheduleCompareConfig['ddpm']>): DiscreteVp {
  return discreteVp(spec.kind === 'linear-beta' ? linearBetas(spec.T, spec.betaStart, spec.betaEnd) : cosineBetas({ T: spec.T, s: spec.s, maxBeta: COSINE_DEFAULTS.maxBeta }));
}

/** A grid mapped to trained timesteps (LAS: duplicates by the DP on the timesteps, spec §8 Q8), with their SNRs. */
function ddpmMapping(grid: SnrGrid, vp: DiscreteVp, options: TimestepMapOptions): { timesteps: Int32Array; gammas: Float64Array } {
  const timesteps = mapGridToTimesteps(grid, vp, options);
  const lambdas = timestepLogSnrs(vp);
  return { timesteps, gammas: Float64Array.from(timesteps, (t) => Math.exp(lambdas[t]!)) };
}

/** The named and custom schedules of a config at one K. */
function gridsAt(K: number, config: ScheduleCompareConfig, context: GridContext, custom: readonly { name: string; grid: SnrGrid }[]): { schedule: string; gammas: SnrGrid }[] {
  return [
    ...config.schedules.map((schedule) => ({ schedule, gammas: gridForSchedule(schedule, K, context) })),
    ...custom.map((c) => ({ schedule: c.name, gammas: customAtK(c.grid, K) })),
  ];
}

/**
 * Runs a schedule comparison: for every schedule and K, the grid at the config's endpoints, the
 * predicted discretisation KL per step (spec §2 (★), exact through the target's MMSE curve), the
 * loss Riemann sum S, and with `measure` the measured quality against K (measureQuality).
 *
 * LAS adapts to the config's loss: the target's MMSE curve, or imported samples made monotone and
 * interpolated (spec §4.2). Exact 1-D targets use their exact curves; n-D targets a Monte Carlo curve
 * with common random numbers (spec §6.1); without a target, D is the loss curve's own Riemann gap. Reports progress per phase; throws CancelledError between
 * units of work.
 *
 * @example
 * runScheduleComparison(parseCompareConfig({ target: 'binary', Ks: [5], schedules: ['las'] })).runs[0].klNats // → 0.5678
 */
export function runScheduleComparison(config: ScheduleCompareConfig, hooks: ComparisonHooks = {}): ComparisonResult {
  const target = config.target === null ? null : resolveTarget(config.target, { endpoints: config.endpoints, ...(hooks.digits ? { digits: hooks.digits } : {}), digitsCount: config.digitsCount });
  const lossCurve = config.loss.source === 'samples' ? prepareLossCurve({ gammas: config.loss.gammas, losses: config.loss.losses }) : null;
  // Without a target, D is the Riemann gap of the loss curve itself (D̂ of spec §2).
  const curve: CurveOfTarget = target ? curveOf(target, config, hooks) : { mmse: lossCurve!.evaluate, slope: slopeByDifference(lossCurve!.evaluate), table: null };
  const loss = lossCurve ? lossCurve.evaluate : curve.mmse;
  const candidates = logSpacedCandidates(config.endpoints, config.candidates);
  const context: GridContext = {
    endpoints: config.endpoints, loss, lossSlope: lossCurve ? slopeByDifference(loss) : curve.slope,
    candidates, candidateLosses: candidates.map(loss), refine: config.refine, baseline: config.baseline,
    ...(hooks.cancellation ? { cancellation: hooks.cancellation } : {}),
  };
  const custom = config.custom.map((c) => ({ name: c.name, grid: snrGridFromSigmas(c.sigmas, `custom "${c.name}"`) }));
  const vp = config.ddpm ? ddpmOf(config.ddpm) : null;
  const units = config.Ks.length * (config.schedules.length + custom.length);
  const runs: ScheduleRun[] = [];
  for (const K of config.Ks) {
    for (const { schedule, gammas } of gridsAt(K, config, context, custom)) {
      if (hooks.cancellation?.aborted) throw new CancelledError();
      const klPerStep = discretisationKlPerStep(gammas, curve.mmse);
      const ddpm = vp ? ddpmMapping(gammas, vp, schedule === 'las' ? { loss } : {}) : undefined;
      runs.push({ schedule, K, gammas, klPerStep, klNats: sumOf(klPerStep), lossSum: lossRiemannSum(gammas, loss), ...(ddpm ? { ddpm } : {}) });
      hooks.onProgress?.({ phase: 'schedules', done: runs.length, total: units });
    }
  }
  const quality = target && config.measure ? measureQuality(target, runs, config, hooks) : [];
  const exact = target?.kind === 'line' ? target.curve : null;
  return {
    config, runs, quality, mmseTable: curve.table,
    lossCurve: lossCurve ? { gammas: lossCurve.gammas, raw: lossCurve.raw, weights: lossCurve.weights, isotonic: lossCurve.isotonic } : null,
    deltaInformationNats: exact ? informationGainNats(exact, config.endpoints) : null,
    initialisationNats: exact && exact.informationNats
      ? initialisationKlNats({ T: ouTimeFromSnr(config.endpoints.gammaMin), secondMoment: exact.secondMoment, informationAtMin: exact.informationNats(config.endpoints.gammaMin), dimension: 1 })
      : null,
    rateConstant: optimalRateConstant(curve.slope, config.endpoints),
  };
}
