import { massErrors, measureImage } from '../coarse/masses';
import { modeWeights } from '../coarse/massModes';
import { potentials } from '../coarse/potentials';
import { SampleNoise } from '../diffusion/noise';
import { makeStepEnv, priorSample } from '../diffusion/samplers';
import type { Cancellation, StepEnv } from '../diffusion/types';
import { CancelledError } from '../errors';
import type { FinalMetrics, StepMetrics } from './records';
import type { RunPlan } from './plan';
import { createStateProjector, type StateProjector } from './modeProjector';
import { bandOf } from './variants';

/** A kept sample frame: the state of variant v, batch sample j, after step i. */
export interface Frame {
  readonly variant: number;
  readonly sample: number;
  readonly step: number;
  readonly x: Float64Array;
}

/** Everything one seed produced, per variant (index into plan.variants). */
export interface SeedResult {
  readonly seed: number;
  readonly steps: StepMetrics[][];
  readonly finals: FinalMetrics[];
  /** Final images per variant, batch samples concatenated (batch × height × width). */
  readonly finalImages: Float64Array[];
  readonly frames: Frame[];
  /** The reference image of the seed's first batch sample (null when the data have none). */
  readonly reference: Float64Array | null;
}

/** Progress callbacks; called synchronously from the sampling loop, so keep them cheap. */
export interface SeedObserver {
  onStep?(seed: number, i: number): void;
  onRecord?(variant: number, metrics: StepMetrics): void;
}

/** One trajectory: a variant's state for one batch sample, with what it needs to advance. */
interface Lane {
  x: Float64Array;
  denoised: Float64Array;
  readonly env: StepEnv;
  readonly projector: StateProjector | null;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly targets: Float64Array;
  readonly reference: Float64Array | null;
  /** Projection cost and displacement accumulated since the last record. */
  costNats: number;
  displacement: number;
}

function makeLanes(plan: RunPlan, seed: number): Lane[][] {
  const { config, schedule, partition } = plan;
  const size = plan.height * plan.width;
  const on = config.projection.on;
  return Array.from({ length: config.batch }, (_, j) => {
    const setup = plan.sampleSetup(seed, j);
    const noise = new SampleNoise(seed, j);
    const xT = priorSample(schedule, noise, size);
    return plan.variants.map((variant) => {
      const band = bandOf(config, variant, setup.targets);
      const projector = variant.projected ? createStateProjector(partition, band, config.massMode) : null;
      const lane: Lane = { x: xT.slice(), denoised: xT, env: undefined as unknown as StepEnv, projector, ...band, targets: setup.targets, reference: setup.reference, costNats: 0, displacement: 0 };
      const projectDenoised = projector && on !== 'state'
        ? (d: Float64Array) => {
            const out = d.slice();
            const r = projector.projectInPlace(out);
            lane.costNats += r.costNats;
            lane.displacement += r.displacement;
            return out;
          }
        : undefined;
      (lane as { env: StepEnv }).env = makeStepEnv({ sigmas: schedule.sigmas, denoiser: setup.denoiser, noise, length: size, projectDenoised });
      return lane;
    });
  });
}

function meanSquaredError(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return s / a.length;
}

/** Block-mass errors, potentials and pixel error of one lane's state (x) and estimate (image for MSE). */
function laneMetrics(plan: RunPlan, lane: Lane, image: Float64Array) {
  const { labels, K } = plan.partition;
  // The image read as a distribution under the config's mass mode (clip: x itself, x⁺/Σx⁺).
  const weights = plan.config.massMode === 'clip' ? lane.x : modeWeights(lane.x, plan.config.massMode);
  const pot = potentials(weights, labels, K, lane.targets, lane.lower, lane.upper);
  const masses = new Float64Array(K);
  measureImage(weights, plan.partition, masses);
  const err = massErrors(masses, lane.targets);
  const mse = lane.reference ? meanSquaredError(image, lane.reference) : Number.NaN;
  return { eInf: err.eInf, e1: err.e1, vNats: pot.vNats, vDeltaNats: pot.vDeltaNats, vDeltaCoarseNats: pot.vDeltaCoarseNats, mse, psnr: 10 * Math.log10((plan.peak * plan.peak) / mse) };
}

/** Averages numeric fields over the batch lanes of one variant. */
function averaged<T extends Record<string, number>>(rows: T[]): T {
  const out = {} as Record<string, number>;
  for (const key of Object.keys(rows[0]!)) out[key] = rows.reduce((s, r) => s + r[key]!, 0) / rows.length;
  return out as T;
}

/**
 * Runs every variant of one seed in lockstep from the same x_T and the same noise path (common
 * random numbers): after each sampler step, projected variants are projected on x_t (and/or x̂₀
 * inside the denoiser); metrics are averaged over the seed's batch and recorded per plan.isRecorded.
 */
export function runSeed(plan: RunPlan, seed: number, observer: SeedObserver = {}, cancellation?: Cancellation): SeedResult {
  const lanes = makeLanes(plan, seed);
  const nSteps = plan.schedule.sigmas.length - 1;
  const { on, projectFinal } = plan.config.projection;
  const frameSteps = new Set(plan.frameSteps);
  const steps: StepMetrics[][] = plan.variants.map(() => []);
  const frames: Frame[] = [];
  for (let i = 0; i < nSteps; i++) {
    if (cancellation?.aborted) throw new CancelledError();
    const last = i === nSteps - 1;
    for (const row of lanes) {
      for (const lane of row) {
        const r = plan.step(lane.x, i, lane.env);
        lane.x = r.x === lane.x ? r.x.slice() : r.x;
        lane.denoised = r.denoised;
        // The state is projected after every update when x_t is projected; the last state iff projectFinal.
        if (lane.projector && (last ? projectFinal : on !== 'denoised')) {
          const p = lane.projector.projectInPlace(lane.x);
          lane.costNats += p.costNats;
          lane.displacement += p.displacement;
        }
      }
    }
    if (plan.isRecorded(i)) recordStep(plan, lanes, seed, i, steps, observer);
    if (frameSteps.has(i)) lanes.forEach((row, j) => row.forEach((lane, v) => frames.push({ variant: v, sample: j, step: i, x: lane.x.slice() })));
    observer.onStep?.(seed, i);
  }
  const finals = plan.variants.map((_, v) => ({ seed, ...averaged(lanes.map((row) => finalOf(plan, row[v]!))) }));
  const finalImages = plan.variants.map((_, v) => {
    const out = new Float64Array(lanes.length * lanes[0]![0]!.x.length);
    lanes.forEach((row, j) => out.set(row[v]!.x, j * row[v]!.x.length));
    return out;
  });
  return { seed, steps, finals, finalImages, frames, reference: lanes[0]![0]!.reference };
}

function recordStep(plan: RunPlan, lanes: Lane[][], seed: number, i: number, steps: StepMetrics[][], observer: SeedObserver): void {
  const sigma = plan.schedule.sigmas[i + 1]!;
  plan.variants.forEach((_, v) => {
    const rows = lanes.map((row) => {
      const lane = row[v]!;
      const m = { ...laneMetrics(plan, lane, lane.denoised), projCostNats: lane.costNats, displacement: lane.displacement };
      lane.costNats = 0;
      lane.displacement = 0;
      return m;
    });
    const metrics: StepMetrics = { seed, step: i, sigma, ...averaged(rows) };
    steps[v]!.push(metrics);
    observer.onRecord?.(v, metrics);
  });
}

function finalOf(plan: RunPlan, lane: Lane): Omit<FinalMetrics, 'seed'> {
  const m = laneMetrics(plan, lane, lane.x);
  return { eInf: m.eInf, e1: m.e1, mse: m.mse, psnr: m.psnr, vNats: m.vNats, vDeltaNats: m.vDeltaNats, vDeltaCoarseNats: m.vDeltaCoarseNats };
}
