import type { StepResult } from '../diffusion/types';
import type { Lane } from './lanes';
import type { RunPlan } from './plan';

/** Advances every lane of a seed by one sampler step, the state projections included. */
export interface LaneStepper {
  /** Sampler step i (σ_i → σ_{i+1}) for every lane; lane.x and lane.denoised then hold the new state and x̂₀. */
  advance(i: number): void;
}

/** Builds an accelerated stepper for a seed's lanes, or returns null when it does not apply to the plan. */
export type LaneStepperFactory = (plan: RunPlan, lanes: Lane[][]) => LaneStepper | null;

/** The installed accelerated stepper factory; empty: runSeed uses genericLaneStepper. */
export const laneSteppers: { current: LaneStepperFactory | null } = { current: null };

/**
 * Installs `factory` for every later runSeed in this realm and returns the one installed before; an
 * installed stepper must give the numbers of genericLaneStepper bit for bit.
 *
 * @example
 * const previous = installLaneStepper(createToyLaneStepper(kernels)); // … later: installLaneStepper(previous)
 */
export function installLaneStepper(factory: LaneStepperFactory | null): LaneStepperFactory | null {
  const previous = laneSteppers.current;
  laneSteppers.current = factory;
  return previous;
}

/** The reference stepper: each lane takes plan.step (x_{i+1}, x̂₀ from the sampler and the denoiser), then commitStep. */
export function genericLaneStepper(plan: RunPlan, lanes: Lane[][]): LaneStepper {
  const nSteps = plan.schedule.sigmas.length - 1;
  return {
    advance(i) {
      for (const row of lanes) for (const lane of row) commitStep(plan, lane, plan.step(lane.x, i, lane.env), i === nSteps - 1);
    },
  };
}

/**
 * Takes a lane to its sampler step's result (x_{i+1}, x̂₀): a projected lane's state is then projected
 * when x_t is projected (config.projection.on ≠ 'denoised'), and at the last step iff projectFinal,
 * adding the projection's cost and displacement to the lane's running sums.
 */
export function commitStep(plan: RunPlan, lane: Pick<Lane, 'x' | 'denoised' | 'projector' | 'costNats' | 'displacement'>, result: StepResult, last: boolean): void {
  const { on, projectFinal } = plan.config.projection;
  lane.x = result.x === lane.x ? result.x.slice() : result.x;
  lane.denoised = result.denoised;
  if (lane.projector && (last ? projectFinal : on !== 'denoised')) {
    const p = lane.projector.projectInPlace(lane.x);
    lane.costNats += p.costNats;
    lane.displacement += p.displacement;
  }
}
