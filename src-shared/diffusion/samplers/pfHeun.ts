import type { SamplerStep } from '../types';
import { addScaled, toD } from './update';

/**
 * Heun's step of the probability-flow ODE dx/dσ = (x − x̂₀)/σ: Algorithm 1 of Karras et al. (2022)
 * with σ(t) = t, s(t) = 1 (their Algorithm 2 with S_churn = 0).
 *
 * x_E = x + (σ' − σ)d, d = (x − D(x; σ))/σ; x' = x + (σ' − σ)(d + d')/2, d' = (x_E − D(x_E; σ'))/σ'.
 * The step into σ' = 0 is the plain Euler step, since d' is undefined there. Evaluations 0 and 1 of
 * step i; 2N − 1 denoiser evaluations for N steps; second order.
 *
 * @example
 * // env: sigmas [2, 1, 0], a denoiser that returns [1]
 * pfHeunStep(Float64Array.of(3), 0, env).x // → [2] (both slopes are 1)
 */
export const pfHeunStep: SamplerStep = (x, i, env) => {
  const sigma = env.sigmas[i]!;
  const sigmaNext = env.sigmas[i + 1]!;
  const dt = sigmaNext - sigma;

  // Euler step.
  const denoised = env.denoise(x, sigma, i, 0);
  const d = toD(x, sigma, denoised);
  const xEuler = addScaled(x, dt, d);
  if (sigmaNext === 0) return { x: xEuler, denoised };

  // Second-order correction: average the slopes at both ends (trapezoidal rule).
  const dNext = toD(xEuler, sigmaNext, env.denoise(xEuler, sigmaNext, i, 1));
  const out = new Float64Array(x.length);
  for (let k = 0; k < out.length; k++) out[k] = x[k]! + 0.5 * dt * (d[k]! + dNext[k]!);
  return { x: out, denoised };
};
