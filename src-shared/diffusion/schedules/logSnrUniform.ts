import type { Sigmas } from '../types';
import { checkDistinctLevels, checkSigmaRange, checkSteps } from './arguments';

/**
 * Computes N noise levels equally spaced in log-SNR from σ_max to σ_min, then σ_N = 0.
 *
 * σ_i = exp(ln σ_max + i/(N−1)·(ln σ_min − ln σ_max)), i = 0 … N−1, σ_N = 0; equivalently
 * λ_i = −2 ln σ_i is linear in i (k-diffusion `get_sigmas_exponential`; DPM-Solver "logSNR";
 * spec schedules-las.md Appendix A). VE noise levels. N = 1 gives [σ_max, 0]. σ_0 = σ_max and
 * σ_{N−1} = σ_min exactly. Needs 0 < σ_min < σ_max < ∞.
 *
 * @example
 * logSnrUniformSigmas(3, 0.01, 100) // → [100, 1, 0.01, 0]
 */
export function logSnrUniformSigmas(steps: number, sigmaMin: number, sigmaMax: number): Sigmas {
  checkSteps(steps);
  checkSigmaRange(sigmaMin, sigmaMax);
  const logMax = Math.log(sigmaMax);
  const logMin = Math.log(sigmaMin);
  const sigmas = new Float64Array(steps + 1); // sigmas[steps] stays 0: σ_N = 0
  for (let i = 0; i < steps; i++) {
    const ramp = steps > 1 ? i / (steps - 1) : 0;
    sigmas[i] = Math.exp(logMax + ramp * (logMin - logMax));
  }
  // The ends exactly as given (the formula rounds them by an ulp or so).
  sigmas[0] = sigmaMax;
  if (steps > 1) sigmas[steps - 1] = sigmaMin;
  checkDistinctLevels(sigmas, steps);
  return sigmas as Sigmas;
}
