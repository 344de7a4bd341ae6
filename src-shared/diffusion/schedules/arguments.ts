/** Argument checks shared by the schedule constructors (not re-exported from the index). */
import { InvalidArgumentError } from '../../errors';

/**
 * Throws InvalidArgumentError unless `steps` is an integer ≥ 1.
 *
 * @example
 * checkSteps(0) // throws "steps: expected an integer ≥ 1, got 0"
 */
export function checkSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new InvalidArgumentError('steps', `expected an integer ≥ 1, got ${steps}`);
}

/**
 * Throws InvalidArgumentError unless 0 < sigmaMin < sigmaMax < ∞.
 *
 * @example
 * checkSigmaRange(80, 0.002) // throws "sigmaMin, sigmaMax: expected 0 < sigmaMin < sigmaMax < ∞, got 80, 0.002"
 */
export function checkSigmaRange(sigmaMin: number, sigmaMax: number): void {
  if (!(sigmaMin > 0 && sigmaMin < sigmaMax && Number.isFinite(sigmaMax))) {
    throw new InvalidArgumentError('sigmaMin, sigmaMax', `expected 0 < sigmaMin < sigmaMax < ∞, got ${sigmaMin}, ${sigmaMax}`);
  }
}

/**
 * Throws InvalidArgumentError unless the first `count` levels strictly decrease (rounding can merge
 * the levels of a huge N on a narrow range).
 *
 * @example
 * checkDistinctLevels(Float64Array.of(2, 2, 0), 2) // throws "steps: too many steps for the range: σ_1 = 2 is not below σ_0 = 2 in float64"
 */
export function checkDistinctLevels(sigmas: Float64Array, count: number): void {
  for (let i = 1; i < count; i++) {
    if (!(sigmas[i]! < sigmas[i - 1]!)) {
      throw new InvalidArgumentError('steps', `too many steps for the range: σ_${i} = ${sigmas[i]} is not below σ_${i - 1} = ${sigmas[i - 1]} in float64`);
    }
  }
}
