import type { SamplerStep } from '../types';
import { addScaled, toD } from './update';

/**
 * The Euler step of the probability-flow ODE dx/dσ = (x − x̂₀)/σ (Karras et al. 2022, Algorithm 1
 * without the correction; k-diffusion `sample_euler`).
 *
 * x' = x + (σ' − σ)·(x − x̂₀)/σ. Deterministic; into σ' = 0 it gives x̂₀ up to rounding. One denoiser
 * evaluation per step; first order.
 *
 * @example
 * // env: sigmas [2, 1, 0], a denoiser that returns [1]
 * pfEulerStep(Float64Array.of(3), 0, env).x // → [2]
 */
export const pfEulerStep: SamplerStep = (x, i, env) => {
  const sigma = env.sigmas[i]!;
  const sigmaNext = env.sigmas[i + 1]!;
  const denoised = env.denoise(x, sigma, i, 0);
  return { x: addScaled(x, sigmaNext - sigma, toD(x, sigma, denoised)), denoised };
};
