import type { SamplerStep } from '../types';

/**
 * The Euler–Maruyama step of the reverse VE SDE dx = −2σ ∇log p_σ(x) dσ + √(2σ) dW̄, with the score
 * ∇log p_σ(x) = (x̂₀ − x)/σ² (Tweedie).
 *
 * x' = x + 2(σ − σ')(x̂₀ − x)/σ + √(2σ(σ − σ'))·z, z = env.noise(i) (Song et al. 2021, reverse
 * diffusion predictor). The step into σ' = 0 returns x̂₀: the Euler–Maruyama formula there would give
 * 2x̂₀ − x + √2σ·z, which overshoots, and x̂₀ is the limit of the reverse process at σ = 0.
 * One denoiser evaluation per step; first weak order.
 *
 * @example
 * // env: sigmas [2, 1, 0], a denoiser that returns [1]
 * eulerMaruyamaStep(Float64Array.of(3), 0, env).x // → [1 + 2·z₀]; from i = 1 (into 0) → [1]
 */
export const eulerMaruyamaStep: SamplerStep = (x, i, env) => {
  const sigma = env.sigmas[i]!;
  const sigmaNext = env.sigmas[i + 1]!;
  const denoised = env.denoise(x, sigma, i, 0);
  if (sigmaNext === 0) return { x: denoised.slice(), denoised };
  const dSigma = sigma - sigmaNext;
  const drift = (2 * dSigma) / sigma;
  const scale = Math.sqrt(2 * sigma * dSigma);
  const z = env.noise(i);
  const out = new Float64Array(x.length);
  for (let k = 0; k < out.length; k++) out[k] = x[k]! + drift * (denoised[k]! - x[k]!) + scale * z[k]!;
  return { x: out, denoised };
};
