import { InvalidArgumentError } from '../../errors';
import type { Sigmas } from '../types';
import { checkDistinctLevels, checkSigmaRange, checkSteps } from './arguments';

/** Defaults of Karras et al. (2022): σ_min = 0.002, σ_max = 80, ρ = 7. */
export const EDM_DEFAULTS = { sigmaMin: 0.002, sigmaMax: 80, rho: 7 } as const;

/**
 * Computes the EDM noise levels of Karras et al. (2022): N levels from σ_max to σ_min, equally spaced
 * in σ^{1/ρ}, then σ_N = 0.
 *
 * σ_i = (σ_max^{1/ρ} + i/(N−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, i = 0 … N−1, σ_N = 0 (eq. 5;
 * k-diffusion `get_sigmas_karras`; spec schedules-las.md Appendix A). VE noise levels. N = 1 gives
 * [σ_max, 0] (numpy.linspace(0, 1, 1) = [0]). σ_0 = σ_max and σ_{N−1} = σ_min exactly. Needs
 * 0 < σ_min < σ_max < ∞ and ρ > 0.
 *
 * @example
 * karrasSigmas(3, 0.002, 80) // → [80, 2.5152189761…, 0.002, 0]
 */
export function karrasSigmas(steps: number, sigmaMin: number, sigmaMax: number, rho: number = EDM_DEFAULTS.rho): Sigmas {
  checkSteps(steps);
  checkSigmaRange(sigmaMin, sigmaMax);
  if (!(rho > 0 && Number.isFinite(rho))) throw new InvalidArgumentError('rho', `expected a finite number > 0, got ${rho}`);
  const maxInvRho = sigmaMax ** (1 / rho);
  const minInvRho = sigmaMin ** (1 / rho);
  // A small ρ raises the ends to a huge power 1/ρ: beyond float64 the ramp between them is lost.
  if (!(maxInvRho < Infinity && minInvRho > 0)) {
    throw new InvalidArgumentError('rho', `σ^(1/ρ) leaves float64 at the ends (σ_max^(1/ρ) = ${maxInvRho}, σ_min^(1/ρ) = ${minInvRho} for ρ = ${rho}): expected a larger ρ or a narrower σ range`);
  }
  const sigmas = new Float64Array(steps + 1); // sigmas[steps] stays 0: σ_N = 0
  for (let i = 0; i < steps; i++) {
    const ramp = steps > 1 ? i / (steps - 1) : 0;
    sigmas[i] = (maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho;
  }
  // The ends exactly as given (the formula rounds them by an ulp or so).
  sigmas[0] = sigmaMax;
  if (steps > 1) sigmas[steps - 1] = sigmaMin;
  checkDistinctLevels(sigmas, steps);
  return sigmas as Sigmas;
}
