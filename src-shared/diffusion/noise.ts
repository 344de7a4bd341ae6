import { fillStandardNormal } from '../math/rng';
import type { NoiseSource } from './types';

/**
 * The noise of one (seed, sample), cached per stream for the latest step, so variants of a
 * comparison that advance in lockstep draw each step's noise once and share it exactly
 * (common random numbers).
 */
export class SampleNoise implements NoiseSource {
  private readonly cache = new Map<number, { step: number; values: Float64Array }>();

  constructor(
    readonly seed: number,
    readonly sample: number,
  ) {}

  normal(step: number, stream: number, length: number): Float64Array {
    const hit = this.cache.get(stream);
    if (hit && hit.step === step && hit.values.length === length) return hit.values;
    const values = fillStandardNormal(new Float64Array(length), { seed: this.seed, sample: this.sample, step, stream });
    this.cache.set(stream, { step, values });
    return values;
  }
}
