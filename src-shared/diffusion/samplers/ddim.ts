import { InvalidArgumentError } from '../../errors';
import type { SamplerStep } from '../types';
import { ancestralSplit } from './ancestral';
import { affineUpdate } from './update';

/**
 * Creates the DDIM step with stochasticity η in VE space (Song et al. 2021; k-diffusion
 * `sample_euler_ancestral` with eta).
 *
 * x' = x̂₀ + σ_down·(x − x̂₀)/σ + σ_up·z, (σ_down, σ_up) = ancestralSplit(σ, σ', η), z = env.noise(i).
 * η = 0: deterministic (no noise drawn), the probability-flow Euler step written around x̂₀;
 * η = 1: the DDPM ancestral step. η ≥ 0 (σ_up is capped at σ'). One denoiser evaluation per step.
 *
 * @example
 * // env: sigmas [2, 1, 0], a denoiser that returns [1]
 * ddimStep(0)(Float64Array.of(3), 0, env).x // → [2]
 * ddimStep(1)(Float64Array.of(3), 0, env).x // → [1.5 + (√3/2)·z₀] (= ddpmStep)
 */
export function ddimStep(eta: number): SamplerStep {
  if (!(eta >= 0 && Number.isFinite(eta))) throw new InvalidArgumentError('eta', `expected a finite number ≥ 0, got ${eta}`);
  return (x, i, env) => {
    const sigma = env.sigmas[i]!;
    const sigmaNext = env.sigmas[i + 1]!;
    const denoised = env.denoise(x, sigma, i, 0);
    const { sigmaDown, sigmaUp } = ancestralSplit(sigma, sigmaNext, eta);
    const noise = sigmaUp > 0 ? { scale: sigmaUp, z: env.noise(i) } : undefined;
    return { x: affineUpdate(x, denoised, sigmaDown / sigma, noise), denoised };
  };
}
