import type { Cancellation } from '../diffusion/types';
import { CancelledError } from '../errors';
import type { FinalMetrics, StepMetrics } from './records';
import { blockMassTables, finalMetrics, recordStep } from './laneMetrics';
import type { RunPlan } from './plan';
import { makeLanes } from './lanes';
import { genericLaneStepper, laneSteppers } from './laneStepper';

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
  /**
   * Block masses per variant at every recorded step, averaged over the batch: R × K row-major, row r
   * for the r-th step of recordedSteps(plan) (laneMetrics.ts).
   */
  readonly blockMasses: Float64Array[];
  /** The reference image of the seed's first batch sample (null when the data have none). */
  readonly reference: Float64Array | null;
}

/** Progress callbacks; called synchronously from the sampling loop, so keep them cheap. */
export interface SeedObserver {
  /** After step i; `stateOf(v)` is variant v's current state of batch sample 0 (live, do not keep or mutate it). */
  onStep?(seed: number, i: number, stateOf: (variant: number) => Float64Array): void;
  onRecord?(variant: number, metrics: StepMetrics): void;
}

/**
 * Runs every variant of one seed in lockstep from the same x_T and the same noise path (common
 * random numbers): after each sampler step, projected variants are projected on x_t (and/or x̂₀
 * inside the denoiser); metrics are averaged over the seed's batch and recorded per plan.isRecorded.
 */
export function runSeed(plan: RunPlan, seed: number, observer: SeedObserver = {}, cancellation?: Cancellation): SeedResult {
  const lanes = makeLanes(plan, seed);
  const nSteps = plan.schedule.sigmas.length - 1;
  const stepper = laneSteppers.current?.(plan, lanes) ?? genericLaneStepper(plan, lanes);
  const frameSteps = new Set(plan.frameSteps);
  const steps: StepMetrics[][] = plan.variants.map(() => []);
  const frames: Frame[] = [];
  const blockMasses = blockMassTables(plan);
  const stateOf = (v: number) => lanes[0]![v]!.x;
  let recorded = 0;
  for (let i = 0; i < nSteps; i++) {
    if (cancellation?.aborted) throw new CancelledError();
    stepper.advance(i);
    if (plan.isRecorded(i)) {
      recordStep(plan, lanes, seed, i, { masses: blockMasses, row: recorded++ }).forEach((metrics, v) => {
        steps[v]!.push(metrics);
        observer.onRecord?.(v, metrics);
      });
    }
    if (frameSteps.has(i)) lanes.forEach((row, j) => row.forEach((lane, v) => frames.push({ variant: v, sample: j, step: i, x: lane.x.slice() })));
    observer.onStep?.(seed, i, stateOf);
  }
  const finals = plan.variants.map((_, v) => finalMetrics(plan, lanes, seed, v));
  const finalImages = plan.variants.map((_, v) => {
    const out = new Float64Array(lanes.length * lanes[0]![0]!.x.length);
    lanes.forEach((row, j) => out.set(row[v]!.x, j * row[v]!.x.length));
    return out;
  });
  return { seed, steps, finals, finalImages, frames, blockMasses, reference: lanes[0]![0]!.reference };
}
