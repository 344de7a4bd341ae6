import { SampleNoise } from '../diffusion/noise';
import { makeStepEnv, priorSample } from '../diffusion/samplers';
import type { Cancellation, DenoiseContext, Denoiser, StepEnv, StepResult } from '../diffusion/types';
import { CancelledError, InvalidArgumentError } from '../errors';
import { blockMassTables, finalMetrics, recordStep } from './laneMetrics';
import { createStateProjector, type StateProjector } from './modeProjector';
import { commitStep } from './laneStepper';
import type { RunPlan, SampleSetup } from './plan';
import type { StepMetrics } from './records';
import type { Frame, SeedResult } from './runSeed';
import { bandOf } from './variants';

/** One row of a batched evaluation: the reference denoiser of the row's sample and its context. */
export interface BatchRow {
  readonly denoiser: Denoiser;
  readonly ctx: DenoiseContext;
}

/** What a batch denoiser is told about the rows besides x and σ. */
export interface BatchContext {
  /** Dimension d of every row. */
  readonly dimension: number;
  /** One entry per row, in row order. */
  readonly rows: readonly BatchRow[];
}

/**
 * A batched, asynchronous denoiser: D(x_r; σ_r) for every row r of a B × d packed array, in one call
 * (one accelerator dispatch per sampler evaluation). Must not mutate `xs`; resolves to a new B × d
 * array. Rows may come from different samples (the toy oracle's reference differs per sample), so
 * `ctx.rows[r]` names each row's reference denoiser and context.
 */
export interface BatchDenoiser {
  denoiseBatch(xs: Float64Array, sigmas: Float64Array, ctx: BatchContext): Promise<Float64Array>;
}

/**
 * The default batch denoiser: D(x_r; σ_r) = rows[r].denoiser.denoise(x_r, σ_r, rows[r].ctx) for every
 * row, a loop over the reference Denoisers, so runBatch reproduces runSeed bit for bit.
 *
 * @example
 * await referenceBatchDenoiser.denoiseBatch(Float64Array.of(3, 5), Float64Array.of(1, 2), { dimension: 1, rows })
 * // → [D₀(3; 1), D₁(5; 2)]
 */
export const referenceBatchDenoiser: BatchDenoiser = {
  denoiseBatch(xs, sigmas, ctx) {
    const d = ctx.dimension;
    const out = new Float64Array(xs.length);
    ctx.rows.forEach((row, r) => out.set(row.denoiser.denoise(xs.subarray(r * d, (r + 1) * d), sigmas[r]!, row.ctx), r * d));
    return Promise.resolve(out);
  },
};

/** Progress callbacks of runBatch, called between steps; keep them cheap. */
export interface BatchObserver {
  /**
   * After step i of every seed of the batch; `stateOf(s, v)` is variant v's current state of batch
   * sample 0 of seeds[s] (live, do not keep or mutate it).
   */
  onStep?(seeds: readonly number[], i: number, stateOf: (seedIndex: number, variant: number) => Float64Array): void;
  onRecord?(seed: number, variant: number, metrics: StepMetrics): void;
  /** After every batched evaluation: step i, evaluation e, and how many rows it carried. */
  onEvaluation?(i: number, evaluation: number, rows: number): void;
}

export interface RunBatchOptions {
  /** Default: referenceBatchDenoiser (bit-identical to runSeed). */
  readonly batchDenoiser?: BatchDenoiser;
  readonly observer?: BatchObserver;
  /** Checked before every step; once set, runBatch rejects with CancelledError. */
  readonly cancellation?: Cancellation;
}

/** Thrown by a lane's denoiser when the evaluation a step asks for is not computed yet; never escapes. */
class EvaluationNeeded {
  constructor(
    readonly x: Float64Array,
    readonly sigma: number,
    readonly ctx: DenoiseContext,
  ) {}
}

/** One trajectory (seed, sample, variant) of the lockstep batch. */
interface Lane {
  x: Float64Array;
  denoised: Float64Array;
  readonly env: StepEnv;
  readonly denoiser: Denoiser;
  readonly projector: StateProjector | null;
  readonly projectsDenoised: boolean;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly targets: Float64Array;
  readonly reference: Float64Array | null;
  /** This step's evaluations (x̂₀ projected when it is), by evaluation index. */
  cache: Float64Array[];
  result: StepResult | null;
  /** Projection cost and displacement accumulated since the last record. */
  costNats: number;
  displacement: number;
}

function makeLane(plan: RunPlan, setup: SampleSetup, noise: SampleNoise, xT: Float64Array, v: number): Lane {
  const { config, schedule, partition } = plan;
  const variant = plan.variants[v]!;
  const band = bandOf(config, variant, setup.targets);
  const projector = variant.projected ? createStateProjector(partition, band, plan.config.massMode) : null;
  const cache: Float64Array[] = [];
  // A step is replayed until every evaluation it asks for is in the cache.
  const replay: Denoiser = {
    denoise(x, sigma, ctx) {
      const hit = lane.cache[ctx.evaluation];
      if (hit) return hit;
      throw new EvaluationNeeded(x, sigma, ctx);
    },
  };
  const env = makeStepEnv({ sigmas: schedule.sigmas, denoiser: replay, noise, length: xT.length });
  const lane: Lane = {
    x: xT.slice(), denoised: xT, env, denoiser: setup.denoiser, projector, projectsDenoised: projector !== null && config.projection.on !== 'state',
    ...band, targets: setup.targets, reference: setup.reference, cache, result: null, costNats: 0, displacement: 0,
  };
  return lane;
}

/** Lanes of one seed, [sample j][variant v]: the variants of a sample share x_T and every noise draw. */
function makeSeedLanes(plan: RunPlan, seed: number): Lane[][] {
  const size = plan.height * plan.width;
  return Array.from({ length: plan.config.batch }, (_, j) => {
    const setup = plan.sampleSetup(seed, j);
    const noise = new SampleNoise(seed, j);
    const xT = priorSample(plan.schedule, noise, size);
    return plan.variants.map((_, v) => makeLane(plan, setup, noise, xT, v));
  });
}

/** One batched evaluation for the lanes that asked; each x̂₀ is projected once, as makeStepEnv would. */
async function evaluate(asks: readonly { lane: Lane; need: EvaluationNeeded }[], batch: BatchDenoiser): Promise<void> {
  const d = asks[0]!.need.x.length;
  const xs = new Float64Array(asks.length * d);
  const sigmas = new Float64Array(asks.length);
  asks.forEach(({ need }, r) => {
    xs.set(need.x, r * d);
    sigmas[r] = need.sigma;
  });
  const rows = asks.map(({ lane, need }) => ({ denoiser: lane.denoiser, ctx: need.ctx }));
  const out = await batch.denoiseBatch(xs, sigmas, { dimension: d, rows });
  asks.forEach(({ lane, need }, r) => {
    const denoised = out.slice(r * d, (r + 1) * d);
    if (lane.projectsDenoised) {
      const p = lane.projector!.projectInPlace(denoised);
      lane.costNats += p.costNats;
      lane.displacement += p.displacement;
    }
    lane.cache[need.ctx.evaluation] = denoised;
  });
}

/** Step i of every lane: run the sampler step, batch what it asks for, replay until all are done. */
async function advance(plan: RunPlan, lanes: readonly Lane[], i: number, batch: BatchDenoiser, observer: BatchObserver): Promise<void> {
  for (const lane of lanes) {
    lane.cache.length = 0;
    lane.result = null;
  }
  let pending = lanes;
  while (pending.length > 0) {
    const asks: { lane: Lane; need: EvaluationNeeded }[] = [];
    for (const lane of pending) {
      try {
        lane.result = plan.step(lane.x, i, lane.env);
      } catch (error) {
        if (!(error instanceof EvaluationNeeded)) throw error;
        asks.push({ lane, need: error });
      }
    }
    if (asks.length === 0) return;
    await evaluate(asks, batch);
    observer.onEvaluation?.(i, asks[0]!.need.ctx.evaluation, asks.length);
    pending = asks.map((a) => a.lane);
  }
}

/**
 * Runs every variant of several seeds in lockstep, the batched counterpart of runSeed: at each step
 * all lanes (seeds × batch samples × variants) advance together and each sampler evaluation is one
 * call of the batch denoiser over every lane that needs it. Noise stays addressed per (seed, sample),
 * so the variants of a sample share x_T and every draw (common random numbers).
 *
 * Steps are SamplerStep functions, which call the denoiser synchronously: a step whose evaluation is
 * not yet computed is abandoned and replayed once the batch has it (pf-heun: three passes per step,
 * two batched evaluations). Metrics, records, frames and finals are computed exactly as runSeed does;
 * with the default referenceBatchDenoiser every number is bit-identical to runSeed's.
 *
 * @example
 * const [result] = await runBatch(resolvePlan(config), [7]) // → deep-equal to runSeed(plan, 7)
 */
export async function runBatch(plan: RunPlan, seeds: readonly number[], options: RunBatchOptions = {}): Promise<SeedResult[]> {
  if (seeds.length === 0) throw new InvalidArgumentError('seeds', 'expected at least one seed, got none');
  const batch = options.batchDenoiser ?? referenceBatchDenoiser;
  const observer = options.observer ?? {};
  const perSeed = seeds.map((seed) => makeSeedLanes(plan, seed));
  const allLanes = perSeed.flat(2);
  const nSteps = plan.schedule.sigmas.length - 1;
  const frameSteps = new Set(plan.frameSteps);
  const steps: StepMetrics[][][] = seeds.map(() => plan.variants.map(() => []));
  const frames: Frame[][] = seeds.map(() => []);
  const blockMasses = seeds.map(() => blockMassTables(plan));
  const stateOf = (s: number, v: number) => perSeed[s]![0]![v]!.x;
  let recorded = 0;
  for (let i = 0; i < nSteps; i++) {
    if (options.cancellation?.aborted) throw new CancelledError();
    await advance(plan, allLanes, i, batch, observer);
    for (const lane of allLanes) commitStep(plan, lane, lane.result!, i === nSteps - 1);
    seeds.forEach((seed, s) => {
      const lanes = perSeed[s]!;
      if (plan.isRecorded(i)) {
        recordStep(plan, lanes, seed, i, { masses: blockMasses[s]!, row: recorded }).forEach((metrics, v) => {
          steps[s]![v]!.push(metrics);
          observer.onRecord?.(seed, v, metrics);
        });
      }
      if (frameSteps.has(i)) lanes.forEach((row, j) => row.forEach((lane, v) => frames[s]!.push({ variant: v, sample: j, step: i, x: lane.x.slice() })));
    });
    if (plan.isRecorded(i)) recorded++;
    observer.onStep?.(seeds, i, stateOf);
  }
  return seeds.map((seed, s) => seedResult(plan, seed, perSeed[s]!, steps[s]!, frames[s]!, blockMasses[s]!));
}

function seedResult(plan: RunPlan, seed: number, lanes: Lane[][], steps: StepMetrics[][], frames: Frame[], blockMasses: Float64Array[]): SeedResult {
  const finals = plan.variants.map((_, v) => finalMetrics(plan, lanes, seed, v));
  const finalImages = plan.variants.map((_, v) => {
    const out = new Float64Array(lanes.length * lanes[0]![0]!.x.length);
    lanes.forEach((row, j) => out.set(row[v]!.x, j * row[v]!.x.length));
    return out;
  });
  return { seed, steps, finals, finalImages, frames, blockMasses, reference: lanes[0]![0]!.reference };
}
