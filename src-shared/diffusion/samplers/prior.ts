import { InvalidArgumentError } from '../../errors';
import { NOISE_STREAM, type NoiseSource, type Schedule } from '../types';

/**
 * Draws the starting state x̃_T of a reverse run in VE space from the schedule's prior.
 *
 * x̃_T = c·z, z = noise.normal(0, NOISE_STREAM.prior, length), c = √(1 + σ_0²) for a VP schedule
 * (x_T = x̃_T/√(1 + σ_0²) ~ N(0, I) in VP space) and c = σ_0 for a VE one (x̃_T ~ N(0, σ_0² I)).
 * Returns a new array (z itself may be shared between variants, common random numbers).
 *
 * @example
 * priorSample({ sigmas, variancePreserving: false }, new SampleNoise(0, 0), 3) // → σ_0·z, z the prior draw
 */
export function priorSample(schedule: Schedule, noise: NoiseSource, length: number): Float64Array {
  if (!Number.isInteger(length) || length < 1) throw new InvalidArgumentError('length', `expected an integer ≥ 1, got ${length}`);
  const sigma0 = schedule.sigmas[0]!;
  const scale = schedule.variancePreserving ? Math.hypot(1, sigma0) : sigma0;
  const z = noise.normal(0, NOISE_STREAM.prior, length);
  const x = new Float64Array(length);
  for (let k = 0; k < length; k++) x[k] = scale * z[k]!;
  return x;
}
