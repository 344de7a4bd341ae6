import { InvalidArgumentError } from '../../errors';
import type { Sigmas } from '../types';

/**
 * Checks a user-given list of noise levels and returns it, unaltered, as Sigmas: finite, positive
 * and strictly decreasing, then exactly 0 as the last entry.
 *
 * σ_0 > σ_1 > … > σ_{N−1} > 0 = σ_N (the Sigmas contract, types.ts). Nothing is appended, sorted or
 * rounded: schedules are stored exactly as used (a list whose last entry is not 0 is an error that
 * says so). Errors name the first offending index, e.g. "sigmas[3]: expected < sigmas[2] = 1.5
 * (strictly decreasing), got 2".
 *
 * @example
 * validateSigmas([14.6, 1.2, 0.03, 0]) // → Float64Array [14.6, 1.2, 0.03, 0]
 * validateSigmas([14.6, 0.03]) // throws "sigmas[1]: expected exactly 0 as the last entry …"
 */
export function validateSigmas(values: ArrayLike<number>, argument = 'sigmas'): Sigmas {
  const n = values.length;
  if (n < 2) throw new InvalidArgumentError(argument, `expected at least 2 entries (σ_0 > 0, then the final 0), got ${n}`);
  for (let i = 0; i < n; i++) {
    const sigma = values[i]!;
    const at = `${argument}[${i}]`;
    if (!Number.isFinite(sigma)) throw new InvalidArgumentError(at, `expected a finite number, got ${sigma}`);
    if (i === n - 1) {
      if (sigma !== 0) {
        throw new InvalidArgumentError(at, `expected exactly 0 as the last entry (σ_N = 0; the list is stored as given, so append the 0), got ${sigma}`);
      }
    } else if (!(sigma > 0)) {
      throw new InvalidArgumentError(at, `expected a noise level > 0 (only the last entry is 0), got ${sigma}`);
    } else if (i > 0 && !(sigma < values[i - 1]!)) {
      throw new InvalidArgumentError(at, `expected < ${argument}[${i - 1}] = ${values[i - 1]} (strictly decreasing), got ${sigma}`);
    }
  }
  return Float64Array.from(values) as Sigmas;
}
