/**
 * Test support for samplers: data x₀ ~ N(0, s²I), whose exact denoiser is D(x; σ) = x·s²/(s² + σ²) and
 * whose probability-flow ODE dx/dσ = x·σ/(s² + σ²) has the solution x(σ) = x(σ_T)·√((s² + σ²)/(s² + σ_T²))
 * (style.md §6.5). Also the exact variance law of linear samplers and small environments for single steps.
 */
import type { Denoiser, Sigmas, StepEnv } from '../../../../src-shared/diffusion/types';

/** The exact denoiser of N(0, s²I); ignores the context. */
export function gaussianDenoiser(s: number): Denoiser {
  return {
    denoise(x, sigma) {
      const k = (s * s) / (s * s + sigma * sigma);
      const out = new Float64Array(x.length);
      for (let j = 0; j < x.length; j++) out[j] = k * x[j]!;
      return out;
    },
  };
}

/** The probability-flow solution at σ = 0 from x(σ_T) = xT. */
export function exactFlowAtZero(xT: Float64Array, sigmaT: number, s: number): Float64Array {
  return xT.map((v) => v * Math.sqrt((s * s) / (s * s + sigmaT * sigmaT)));
}

/** Σ x²/n: the variance estimate when the mean is known to be 0; its standard error is v·√(2/n). */
export function meanSquare(x: Float64Array): number {
  return x.reduce((acc, v) => acc + v * v, 0) / x.length;
}

/** A StepEnv whose denoiser returns fixed arrays and whose noise is given per step (for single-step checks). */
export function fixedEnv(sigmas: Sigmas, denoised: (x: Float64Array, sigma: number) => Float64Array, z: (i: number) => Float64Array): StepEnv {
  return { sigmas, denoise: (x, sigma) => denoised(x, sigma), noise: z };
}

/** Coefficients of a linear step x' = a·x + b·z taken from σ to σ' with the exact Gaussian denoiser (k = s²/(s² + σ²)). */
export type LinearStepLaw = (sigma: number, sigmaNext: number, k: number) => { a: number; b2: number };

/**
 * The variance of a sampler's output on N(0, s²) data, by pushing the prior variance v₀ through
 * v_{i+1} = a_i² v_i + b_i²: the exact law of a linear sampler, discretisation error included.
 */
export function predictedVariance(sigmas: Float64Array, v0: number, s: number, law: LinearStepLaw): number {
  let v = v0;
  for (let i = 0; i + 1 < sigmas.length; i++) {
    const sigma = sigmas[i]!;
    const { a, b2 } = law(sigma, sigmas[i + 1]!, (s * s) / (s * s + sigma * sigma));
    v = a * a * v + b2;
  }
  return v;
}
