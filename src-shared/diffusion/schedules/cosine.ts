import { InvalidArgumentError } from '../../errors';

/** Defaults of Nichol & Dhariwal (2021): T = 1000, offset s = 0.008, β clipped at 0.999. */
export const COSINE_DEFAULTS = { T: 1000, s: 0.008, maxBeta: 0.999 } as const;

/** Shape of the cosine schedule. */
export interface CosineOptions {
  readonly T: number;
  /** Offset s that keeps β_1 from being vanishingly small; ≥ 0. */
  readonly s: number;
  /** Upper clip of β_t, in (0, 1); keeps ᾱ_T > 0. */
  readonly maxBeta: number;
}

/**
 * Computes the noise rates of the cosine schedule, β_t = min(1 − ᾱ(t)/ᾱ(t−1), maxBeta), t = 1 … T,
 * at index t − 1.
 *
 * ᾱ(t) = f(t)/f(0), f(t) = cos²(θ_t), θ_t = (t/T + s)/(1 + s)·π/2 (Nichol & Dhariwal 2021, eq. 17;
 * improved-diffusion `betas_for_alpha_bar`; spec schedules-las.md Appendix A). Computed as
 * 1 − cos²θ_t/cos²θ_{t−1} = sin(θ_t − θ_{t−1})·sin(θ_t + θ_{t−1})/cos²θ_{t−1}, which has no
 * cancellation for small β. Below the clip, Π_{s≤t}(1 − β_s) = f(t)/f(0). Dimensionless.
 *
 * @example
 * cosineBetas({ T: 1000, s: 0.008, maxBeta: 0.999 })[999] // → 0.999 (clipped: f(T) = 0)
 */
export function cosineBetas({ T, s, maxBeta }: CosineOptions): Float64Array {
  if (!Number.isInteger(T) || T < 1) throw new InvalidArgumentError('T', `expected an integer ≥ 1, got ${T}`);
  if (!(s >= 0 && Number.isFinite(s))) throw new InvalidArgumentError('s', `expected a finite number ≥ 0, got ${s}`);
  if (!(maxBeta > 0 && maxBeta < 1)) throw new InvalidArgumentError('maxBeta', `expected a number in (0, 1), got ${maxBeta}`);
  const theta = (t: number) => ((t / T + s) / (1 + s)) * (Math.PI / 2);
  const betas = new Float64Array(T);
  for (let t = 1; t <= T; t++) {
    const previous = theta(t - 1);
    const current = theta(t);
    const cosPrevious = Math.cos(previous);
    const beta = (Math.sin(current - previous) * Math.sin(current + previous)) / (cosPrevious * cosPrevious);
    betas[t - 1] = Math.min(beta, maxBeta);
  }
  return betas;
}
