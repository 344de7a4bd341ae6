import { InvalidArgumentError } from '../../errors';
import type { Schedule, Sigmas } from '../types';

/**
 * A discrete-time variance-preserving process (DDPM, Ho et al. 2020) given by its β_1 … β_T, and
 * the schedules that sample it on a subset of its trained timesteps. Everything is kept in the log
 * domain, ln ᾱ_t = Σ_{s≤t} ln(1 − β_s), so that 1 − ᾱ_t = −expm1(ln ᾱ_t) and σ_t keep full relative
 * precision at small t, where 1 − ᾱ_t ≈ β_1 = 1e-4 would lose 4 digits to cancellation.
 */
export interface DiscreteVp {
  /** T, the number of trained timesteps. */
  readonly T: number;
  /** β_t at index t = 0 … T; β_0 := 0 (so ᾱ_0 = 1). */
  readonly betas: Float64Array;
  /** ln ᾱ_t = Σ_{s=1}^{t} ln(1 − β_s) at index t = 0 … T; ln ᾱ_0 = 0. */
  readonly logAlphaBars: Float64Array;
}

/**
 * Builds the discrete VP process of the noise rates β_1 … β_T (given at index t − 1, as numpy's
 * `betas`), with ln ᾱ_t = Σ_{s≤t} ln(1 − β_s) accumulated by log1p.
 *
 * Source: Ho et al. (2020) eq. 4, ᾱ_t = Π_{s≤t}(1 − β_s). Each β_t must be finite in (0, 1), so σ_t
 * strictly increases with t.
 *
 * @example
 * discreteVp([0.1, 0.2]).logAlphaBars // → [0, ln 0.9, ln 0.72]
 */
export function discreteVp(betas: ArrayLike<number>): DiscreteVp {
  const T = betas.length;
  if (T < 1) throw new InvalidArgumentError('betas', 'expected at least one β_t, got none');
  const padded = new Float64Array(T + 1);
  const logAlphaBars = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    const beta = betas[t - 1]!;
    if (!(beta > 0 && beta < 1)) throw new InvalidArgumentError(`betas[${t - 1}]`, `expected β_${t} in (0, 1), got ${beta}`);
    padded[t] = beta;
    logAlphaBars[t] = logAlphaBars[t - 1]! + Math.log1p(-beta);
  }
  // σ_T² = 1/ᾱ_T − 1 = expm1(−ln ᾱ_T) must stay a float64 (ln ᾱ_T ≥ about −709.78).
  if (!(Math.expm1(-logAlphaBars[T]!) < Infinity)) {
    throw new InvalidArgumentError('betas', `ᾱ_T = Π(1 − β_t) = e^${logAlphaBars[T]!.toFixed(1)} is below float64's range, so σ_T = √(1/ᾱ_T − 1) would be infinite: expected smaller β_t or fewer timesteps T`);
  }
  return { T, betas: padded, logAlphaBars };
}

/**
 * Computes ᾱ_t = Π_{s≤t}(1 − β_s) of a discrete VP process, t = 0 … T (ᾱ_0 = 1).
 *
 * @example
 * alphaBarAt(discreteVp([0.1, 0.2]), 2) // → 0.72
 */
export function alphaBarAt(vp: DiscreteVp, t: number): number {
  return Math.exp(vp.logAlphaBars[t]!);
}

/**
 * Computes the VE noise level σ_t = √((1 − ᾱ_t)/ᾱ_t) of timestep t of a discrete VP process.
 *
 * σ_t² = 1/ᾱ_t − 1 = expm1(−ln ᾱ_t), exact to rounding even where ᾱ_t ≈ 1. σ_0 = 0. Dimensionless.
 * A t outside 0 … T gives NaN.
 *
 * @example
 * sigmaAt(discreteVp([0.5]), 1) // → 1
 */
export function sigmaAt(vp: DiscreteVp, t: number): number {
  return Math.sqrt(Math.expm1(0 - vp.logAlphaBars[t]!));
}

/**
 * Chooses `steps` of the trained timesteps T … 1 for an N-step sampler: the "trailing" rule
 * t_k = round(T − k·T/N), k = 0 … N−1, rounding half to even.
 *
 * Source: Lin et al. 2023 ("Common diffusion noise schedules and sample steps are flawed", Table 2)
 * and diffusers' `timestep_spacing="trailing"`. It always starts at t = T, where the N(0, I) prior
 * is closest to the forward marginal, ends at t = T/N ≥ 1, and for N = T gives T, T − 1, …, 1.
 * (DDIM's "uniform" skip, range(0, T, T//N), starts at 1 + (N − 1)·⌊T/N⌋ < T instead.)
 *
 * @example
 * trailingTimesteps(1000, 4) // → [1000, 750, 500, 250]
 * trailingTimesteps(10, 3) // → [10, 7, 3]
 */
export function trailingTimesteps(T: number, steps: number): number[] {
  if (!Number.isInteger(T) || T < 1) throw new InvalidArgumentError('T', `expected an integer ≥ 1, got ${T}`);
  if (!Number.isInteger(steps) || steps < 1 || steps > T) {
    throw new InvalidArgumentError('steps', `expected an integer in [1, T = ${T}], got ${steps}`);
  }
  const stride = T / steps;
  return Array.from({ length: steps }, (_, k) => roundHalfEven(T - k * stride));
}

/** Rounds to the nearest integer, ties to even (numpy's `round`). */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Builds the VP schedule that visits the given trained timesteps and then σ = 0 (ᾱ_0 = 1):
 * σ_i = σ_{t_i} for i = 0 … N−1, σ_N = 0.
 *
 * The timesteps must be integers, strictly decreasing, in [1, T]. Marked variancePreserving: the
 * prior is x_T ~ N(0, I) in VP space, x̃ ~ N(0, (1 + σ_0²) I).
 *
 * @example
 * vpScheduleAt(discreteVp([0.5, 0.5]), [2, 1]).sigmas // → [√3, 1, 0]
 */
export function vpScheduleAt(vp: DiscreteVp, timesteps: readonly number[]): Schedule {
  if (timesteps.length < 1) throw new InvalidArgumentError('timesteps', 'expected at least one timestep, got none');
  const sigmas = new Float64Array(timesteps.length + 1);
  timesteps.forEach((t, i) => {
    const upper = i === 0 ? vp.T : timesteps[i - 1]! - 1;
    if (!Number.isInteger(t) || t < 1 || t > upper) {
      throw new InvalidArgumentError(`timesteps[${i}]`, `expected an integer in [1, ${upper}] (strictly decreasing, at most T = ${vp.T}), got ${t}`);
    }
    sigmas[i] = sigmaAt(vp, t);
  });
  return { sigmas: sigmas as Sigmas, variancePreserving: true };
}

/**
 * Builds the N-step VP schedule of a discrete process on its trailing timesteps (see
 * trailingTimesteps), then σ_N = 0.
 *
 * @example
 * vpSchedule(discreteVp([0.5, 0.5]), 2).sigmas // → [√3, 1, 0]
 */
export function vpSchedule(vp: DiscreteVp, steps: number): Schedule {
  return vpScheduleAt(vp, trailingTimesteps(vp.T, steps));
}
