import { BugIndicatingError } from '../../errors';
import { NOISE_STREAM, type Denoiser, type NoiseSource, type Sigmas, type StepEnv } from '../types';

/** What a StepEnv is built from: one trajectory's schedule, denoiser, noise and optional x̂₀ projection. */
export interface StepEnvOptions {
  readonly sigmas: Sigmas;
  readonly denoiser: Denoiser;
  /** The noise of this trajectory's (seed, sample). */
  readonly noise: NoiseSource;
  /** Dimension of the state; when omitted, the length of the latest x given to denoise is used. */
  readonly length?: number | undefined;
  /** Applied to every denoiser output (both Heun evaluations included) before the sampler sees it. */
  readonly projectDenoised?: ((denoised: Float64Array) => Float64Array) | undefined;
}

/**
 * Builds the environment a SamplerStep advances one trajectory in: D(x; σ) with the context
 * {step: i, evaluation: e, noise} and the optional x̂₀ projection applied, and the sampler noise
 * z_i = noise.normal(i, NOISE_STREAM.sampler, length).
 *
 * One env per trajectory (seed, sample, variant); runners that advance several variants in
 * lockstep build one each over the same NoiseSource, so they share x_T and every z_i and ξ.
 *
 * @example
 * const env = makeStepEnv({ sigmas, denoiser, noise: new SampleNoise(7, 0), length: 1024 });
 * ddpmStep(x, 0, env) // → { x: x̃ at σ_1, denoised: x̂₀ at σ_0 }
 */
export function makeStepEnv(options: StepEnvOptions): StepEnv {
  const { sigmas, denoiser, noise, projectDenoised } = options;
  let length = options.length;
  return {
    sigmas,
    denoise(x, sigma, i, evaluation) {
      if (options.length === undefined) length = x.length;
      const denoised = denoiser.denoise(x, sigma, { step: i, evaluation, noise });
      return projectDenoised ? projectDenoised(denoised) : denoised;
    },
    noise(i) {
      if (length === undefined) throw new BugIndicatingError('StepEnv.noise: no length given and no state denoised yet');
      return noise.normal(i, NOISE_STREAM.sampler, length);
    },
  };
}
