import type { SamplerStep } from '../types';
import { affineUpdate } from './update';

/**
 * The DDPM ancestral step in VE space: one draw from the Gaussian forward posterior
 * q(x̃_{σ'} | x̃_σ, x₀ = x̂₀), the exponential integrator with the denoiser frozen.
 *
 * x' = x̂₀ + (σ'²/σ²)(x − x̂₀) + σ'√(1 − σ'²/σ²)·z, z = env.noise(i) (spec schedules-las.md §1.3 (U);
 * with x = x̃√ᾱ it is Ho et al.'s x_{t−1} = c1 x̂₀ + c2 x_t + σ̃ z). The noise scale is computed as
 * σ'√((σ − σ')(σ + σ'))/σ, free of cancellation for close levels. Into σ' = 0 it returns x̂₀ exactly
 * (no noise is drawn). One denoiser evaluation per step.
 *
 * @example
 * // env: sigmas [2, 1, 0], a denoiser that returns [1]
 * ddpmStep(Float64Array.of(3), 0, env).x // → [1.5 + (√3/2)·z₀]
 */
export const ddpmStep: SamplerStep = (x, i, env) => {
  const sigma = env.sigmas[i]!;
  const denoised = env.denoise(x, sigma, i, 0);
  const { keep, scale } = ddpmCoefficients(sigma, env.sigmas[i + 1]!);
  const noise = scale > 0 ? { scale, z: env.noise(i) } : undefined;
  return { x: affineUpdate(x, denoised, keep, noise), denoised };
};

/**
 * The coefficients of the DDPM step from σ to σ' (ddpmStep): keep = σ'²/σ² and the noise scale
 * σ'√((σ − σ')(σ + σ'))/σ; the noise term is left out when scale = 0 (σ' = 0).
 *
 * @example
 * ddpmCoefficients(2, 1) // → { keep: 0.25, scale: 0.8660… }
 */
export function ddpmCoefficients(sigma: number, sigmaNext: number): { keep: number; scale: number } {
  return {
    keep: (sigmaNext * sigmaNext) / (sigma * sigma),
    scale: (sigmaNext * Math.sqrt((sigma - sigmaNext) * (sigma + sigmaNext))) / sigma,
  };
}
