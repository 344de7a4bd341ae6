import { SampleNoise } from '../diffusion/noise';
import { makeStepEnv, priorSample } from '../diffusion/samplers';
import type { Denoiser, StepEnv } from '../diffusion/types';
import type { MeasuredLane } from './laneMetrics';
import type { RunPlan } from './plan';
import { createStateProjector, type StateProjector } from './modeProjector';
import { bandOf } from './variants';

/** One trajectory: a variant's state for one batch sample, with what it needs to advance and to be measured. */
export interface Lane extends MeasuredLane {
  /** The current state x (a stepper may replace the array). */
  x: Float64Array;
  /** x̂₀ of the latest step's first denoiser evaluation. */
  denoised: Float64Array;
  readonly env: StepEnv;
  /** The (seed, sample)'s noise, shared by the variants of one batch sample. */
  readonly noise: SampleNoise;
  readonly denoiser: Denoiser;
  readonly projector: StateProjector | null;
}

/**
 * The lanes of one seed, lanes[j][v] for batch sample j and variant v: every variant of sample j
 * starts from the same x_T and draws from the same SampleNoise (common random numbers); projected
 * variants get their band's projector, also applied to x̂₀ when config.projection.on ≠ 'state'.
 */
export function makeLanes(plan: RunPlan, seed: number): Lane[][] {
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
      const lane: Lane = {
        x: xT.slice(), denoised: xT, env: undefined as unknown as StepEnv, noise, denoiser: setup.denoiser, projector,
        ...band, targets: setup.targets, reference: setup.reference, costNats: 0, displacement: 0,
      };
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
