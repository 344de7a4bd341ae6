import { CancelledError } from '../../errors';
import type { Cancellation, Denoiser, NoiseSource, SamplerStep, Sigmas } from '../types';
import { makeStepEnv } from './stepEnv';

/** What one trajectory is sampled from. */
export interface TrajectoryProblem {
  readonly sigmas: Sigmas;
  readonly denoiser: Denoiser;
  /** The noise of this trajectory's (seed, sample). */
  readonly noise: NoiseSource;
}

/** What sampleTrajectory reports after each step. */
export interface TrajectoryStepInfo {
  readonly i: number;
  readonly sigma: number;
  readonly sigmaNext: number;
  /** The state after step i (at σ_{i+1}), after projectState when that applied. */
  readonly x: Float64Array;
  /** x̂₀ of the step's first evaluation (at σ_i), after projectDenoised. */
  readonly denoised: Float64Array;
}

/** Observation, projection and cancellation of a trajectory. */
export interface TrajectoryHooks {
  /** Applied to every denoiser output before the sampler uses it. */
  readonly projectDenoised?: (denoised: Float64Array) => Float64Array;
  /** Applied to the state after each update of steps 0 … N−2, and after the last when projectFinal. */
  readonly projectState?: (x: Float64Array) => Float64Array;
  /** Whether projectState also applies to the final state (at σ_N = 0). Default true. */
  readonly projectFinal?: boolean;
  readonly onStep?: (info: TrajectoryStepInfo) => void;
  /** Checked before every step; a set flag throws CancelledError. */
  readonly cancellation?: Cancellation;
}

/**
 * Runs one reverse trajectory x̃(σ_0) → x̃(σ_N) by applying a SamplerStep for i = 0 … N−1.
 *
 * x_{i+1} = P_state(step(x_i, i, env).x), env = makeStepEnv (x̂₀ passed through projectDenoised),
 * where P_state is projectState (skipped after the last step unless projectFinal). Returns the final
 * state; xT is not modified. Throws CancelledError between steps once cancellation.aborted is set.
 *
 * @example
 * sampleTrajectory(pfHeunStep, xT, { sigmas: karrasSigmas(32, 0.002, 80), denoiser, noise }) // → x̃ at σ = 0
 */
export function sampleTrajectory(step: SamplerStep, xT: Float64Array, problem: TrajectoryProblem, hooks: TrajectoryHooks = {}): Float64Array {
  const { sigmas } = problem;
  const { projectState, projectFinal = true, onStep, cancellation } = hooks;
  const env = makeStepEnv({ ...problem, length: xT.length, projectDenoised: hooks.projectDenoised });
  const last = sigmas.length - 2;
  let x = xT;
  for (let i = 0; i <= last; i++) {
    if (cancellation?.aborted) throw new CancelledError();
    const result = step(x, i, env);
    x = projectState && (i < last || projectFinal) ? projectState(result.x) : result.x;
    onStep?.({ i, sigma: sigmas[i]!, sigmaNext: sigmas[i + 1]!, x, denoised: result.denoised });
  }
  return x;
}
