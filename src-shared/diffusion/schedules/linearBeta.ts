import { InvalidArgumentError } from '../../errors';

/** Defaults of Ho et al. (2020): T = 1000 timesteps, β linear from 1e-4 to 0.02. */
export const LINEAR_BETA_DEFAULTS = { T: 1000, betaStart: 1e-4, betaEnd: 0.02 } as const;

/**
 * Computes the linear noise rates of DDPM, β_t = linspace(β_start, β_end, T), at index t − 1.
 *
 * β_t = β_start + (t − 1)(β_end − β_start)/(T − 1), t = 1 … T, the last entry set to β_end exactly
 * (numpy.linspace). Source: Ho et al. (2020) §4; spec coarse-kl.md §5 and schedules-las.md
 * Appendix A. Dimensionless; needs 0 < β_start, β_end < 1. T = 1 gives [β_start].
 *
 * @example
 * linearBetas(3, 0.1, 0.3) // → [0.1, 0.2, 0.3]
 */
export function linearBetas(T: number, betaStart: number, betaEnd: number): Float64Array {
  if (!Number.isInteger(T) || T < 1) throw new InvalidArgumentError('T', `expected an integer ≥ 1, got ${T}`);
  for (const [name, value] of [['betaStart', betaStart], ['betaEnd', betaEnd]] as const) {
    if (!(value > 0 && value < 1)) throw new InvalidArgumentError(name, `expected a number in (0, 1), got ${value}`);
  }
  const betas = new Float64Array(T);
  const step = T > 1 ? (betaEnd - betaStart) / (T - 1) : 0;
  for (let k = 0; k < T; k++) betas[k] = betaStart + k * step;
  if (T > 1) betas[T - 1] = betaEnd;
  return betas;
}
