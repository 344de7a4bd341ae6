import { InvalidArgumentError } from '../../errors';
import type { DiscreteVp } from './discreteVp';

/** Coefficients of the DDPM posterior step x_{t−1} = c1·x̂₀ + c2·x_t + σ̃·z in VP space. */
export interface DdpmPosteriorCoefficients {
  readonly c1: number;
  readonly c2: number;
  readonly sigmaTilde: number;
}

/**
 * Computes the coefficients of the DDPM reverse update x_{t−1} = c1_t x̂₀ + c2_t x_t + σ̃_t z of
 * timestep t, the mean and standard deviation of the forward posterior q(x_{t−1} | x_t, x₀ = x̂₀).
 *
 * c1_t = √ᾱ_{t−1} β_t/(1 − ᾱ_t), c2_t = √α_t (1 − ᾱ_{t−1})/(1 − ᾱ_t),
 * σ̃_t² = β_t (1 − ᾱ_{t−1})/(1 − ᾱ_t), α_t = 1 − β_t (Ho et al. 2020 eq. 7; spec coarse-kl.md §5).
 * 1 − ᾱ is taken as −expm1(ln ᾱ), so the coefficients keep full precision at small t. At t = 1:
 * c1 = 1, c2 = 0, σ̃ = 0 (the step returns x̂₀). VP space: x_t = √ᾱ_t x̃ with x̃ the VE state.
 *
 * @example
 * ddpmPosteriorCoefficients(discreteVp(linearBetas(1000, 1e-4, 0.02)), 1) // → { c1: 1, c2: 0, sigmaTilde: 0 }
 */
export function ddpmPosteriorCoefficients(vp: DiscreteVp, t: number): DdpmPosteriorCoefficients {
  if (!Number.isInteger(t) || t < 1 || t > vp.T) throw new InvalidArgumentError('t', `expected an integer in [1, ${vp.T}], got ${t}`);
  const beta = vp.betas[t]!;
  const logAlphaBarPrev = vp.logAlphaBars[t - 1]!;
  const oneMinusAlphaBar = 0 - Math.expm1(vp.logAlphaBars[t]!);
  const oneMinusAlphaBarPrev = 0 - Math.expm1(logAlphaBarPrev); // 0 − expm1(0) = +0, not −0
  return {
    c1: (Math.exp(0.5 * logAlphaBarPrev) * beta) / oneMinusAlphaBar,
    c2: (Math.sqrt(1 - beta) * oneMinusAlphaBarPrev) / oneMinusAlphaBar,
    sigmaTilde: Math.sqrt((beta * oneMinusAlphaBarPrev) / oneMinusAlphaBar),
  };
}
