import { massErrors } from '../coarse/masses';
import { modeWeights } from '../coarse/massModes';
import { createPotentialsMeter, type PotentialsMeter } from '../coarse/potentialsMeter';
import type { RunPlan } from './plan';
import type { FinalMetrics, StepMetrics } from './records';

/** What the metrics read from a trajectory lane (a variant's state for one batch sample). */
export interface MeasuredLane {
  readonly x: Float64Array;
  readonly denoised: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly targets: Float64Array;
  readonly reference: Float64Array | null;
  /** Projection cost and displacement accumulated since the last record; reset by recordStep. */
  costNats: number;
  displacement: number;
}

function meanSquaredError(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return s / a.length;
}

/**
 * MSEs already computed during one record, by image and reference: the variants of a sample share x̂₀
 * when the denoiser ignores x (the toy oracle hands every lane the same array), so its MSE is computed
 * once per sample instead of once per variant (the same number).
 */
type MseMemo = Map<Float64Array, { readonly reference: Float64Array; readonly mse: number }>;

function memoisedMse(image: Float64Array, reference: Float64Array, memo: MseMemo | undefined): number {
  const known = memo?.get(image);
  if (known !== undefined && known.reference === reference) return known.mse;
  const mse = meanSquaredError(image, reference);
  memo?.set(image, { reference, mse });
  return mse;
}

const meters = new WeakMap<MeasuredLane, PotentialsMeter>();

/** The lane's potentials meter (targets and band validated once per lane, not per record). */
function meterOf(plan: RunPlan, lane: MeasuredLane): PotentialsMeter {
  let meter = meters.get(lane);
  if (meter === undefined) {
    meter = createPotentialsMeter(plan.partition, lane.targets, lane.lower, lane.upper);
    meters.set(lane, meter);
  }
  return meter;
}

/**
 * Block-mass errors e∞, e₁ and the potentials V, V_δ, V_δ^coarse of a lane's state read as a
 * distribution under the config's mass mode, and the MSE / PSNR of `image` against the reference.
 * The state's block masses w_k are written into `masses` (length K).
 */
export function laneMetrics(plan: RunPlan, lane: MeasuredLane, image: Float64Array, masses: Float64Array = new Float64Array(plan.partition.K), mseMemo?: MseMemo) {
  const weights = plan.config.massMode === 'clip' ? lane.x : modeWeights(lane.x, plan.config.massMode);
  const pot = meterOf(plan, lane).measure(weights, masses);
  const err = massErrors(masses, lane.targets);
  const mse = lane.reference ? memoisedMse(image, lane.reference, mseMemo) : Number.NaN;
  return { eInf: err.eInf, e1: err.e1, vNats: pot.vNats, vDeltaNats: pot.vDeltaNats, vDeltaCoarseNats: pot.vDeltaCoarseNats, mse, psnr: 10 * Math.log10((plan.peak * plan.peak) / mse) };
}

/**
 * The sampler steps whose metrics are recorded (plan.isRecorded), ascending: the rows of a seed's
 * block-mass table.
 *
 * @example
 * recordedSteps(plan) // → [9, 19, …, 999] for 1,000 steps recorded every 10
 */
export function recordedSteps(plan: RunPlan): number[] {
  const steps: number[] = [];
  for (let i = 0; i < plan.schedule.sigmas.length - 1; i++) if (plan.isRecorded(i)) steps.push(i);
  return steps;
}

/**
 * A seed's block-mass tables, one per variant: R × K zeros, R = recordedSteps(plan).length, row r
 * for the r-th recorded step (filled by recordStep).
 */
export function blockMassTables(plan: RunPlan): Float64Array[] {
  const size = recordedSteps(plan).length * plan.partition.K;
  return plan.variants.map(() => new Float64Array(size));
}

/** Sums over a variant's batch lanes of laneMetrics' fields, each 0 + f_1 + … + f_B in lane order. */
interface LaneSums {
  eInf: number;
  e1: number;
  vNats: number;
  vDeltaNats: number;
  vDeltaCoarseNats: number;
  mse: number;
  psnr: number;
}

/** The sums of laneMetrics over lanes[j][v] for every batch lane j; `each(lane)` runs after lane's metrics (scratch holds its masses). */
function sumLanes(plan: RunPlan, lanes: readonly (readonly MeasuredLane[])[], v: number, imageOf: (lane: MeasuredLane) => Float64Array, scratch?: Float64Array, each?: (lane: MeasuredLane) => void, mseMemo?: MseMemo): LaneSums {
  const sums: LaneSums = { eInf: 0, e1: 0, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0, mse: 0, psnr: 0 };
  for (const row of lanes) {
    const lane = row[v]!;
    const m = laneMetrics(plan, lane, imageOf(lane), scratch, mseMemo);
    sums.eInf += m.eInf;
    sums.e1 += m.e1;
    sums.vNats += m.vNats;
    sums.vDeltaNats += m.vDeltaNats;
    sums.vDeltaCoarseNats += m.vDeltaCoarseNats;
    sums.mse += m.mse;
    sums.psnr += m.psnr;
    each?.(lane);
  }
  return sums;
}

/**
 * The StepMetrics of every variant after step i (x̂₀'s pixel error, the state's masses and potentials,
 * the projection cost since the last record), averaged over the seed's batch lanes (lanes[j][v]):
 * each field (0 + f_1 + … + f_B) / B. With `tables` (blockMassTables), row `row` of tables[v] receives the state's block masses averaged
 * over the batch: w̄_k = (1/B) Σ_j w_k(x_j) (NaN when a lane's masses are undefined).
 */
export function recordStep(plan: RunPlan, lanes: readonly (readonly MeasuredLane[])[], seed: number, i: number, tables?: { readonly masses: readonly Float64Array[]; readonly row: number }): StepMetrics[] {
  const sigma = plan.schedule.sigmas[i + 1]!;
  const K = plan.partition.K;
  const B = lanes.length;
  const scratch = new Float64Array(K);
  const mseMemo: MseMemo = new Map();
  return plan.variants.map((_, v) => {
    const mean = tables?.masses[v]!.subarray(tables.row * K, (tables.row + 1) * K);
    let projCostNats = 0, displacement = 0;
    const sums = sumLanes(plan, lanes, v, (lane) => lane.denoised, scratch, (lane) => {
      projCostNats += lane.costNats;
      displacement += lane.displacement;
      if (mean) for (let k = 0; k < K; k++) mean[k] = mean[k]! + scratch[k]!;
      lane.costNats = 0;
      lane.displacement = 0;
    }, mseMemo);
    if (mean) for (let k = 0; k < K; k++) mean[k] = mean[k]! / B;
    return {
      seed, step: i, sigma, eInf: sums.eInf / B, e1: sums.e1 / B, vNats: sums.vNats / B, vDeltaNats: sums.vDeltaNats / B, vDeltaCoarseNats: sums.vDeltaCoarseNats / B,
      mse: sums.mse / B, psnr: sums.psnr / B, projCostNats: projCostNats / B, displacement: displacement / B,
    };
  });
}

/** The final metrics of one variant (index v) over the seed's batch lanes: each field (0 + f_1 + … + f_B) / B. */
export function finalMetrics(plan: RunPlan, lanes: readonly (readonly MeasuredLane[])[], seed: number, v: number): FinalMetrics {
  const sums = sumLanes(plan, lanes, v, (lane) => lane.x);
  const B = lanes.length;
  return { seed, eInf: sums.eInf / B, e1: sums.e1 / B, mse: sums.mse / B, psnr: sums.psnr / B, vNats: sums.vNats / B, vDeltaNats: sums.vDeltaNats / B, vDeltaCoarseNats: sums.vDeltaCoarseNats / B };
}
