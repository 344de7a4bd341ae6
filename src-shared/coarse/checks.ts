import { InvalidArgumentError } from '../errors';
import { countLabels, requireNonEmptyBlocks } from './partition';

/**
 * Validates a label map for a projection (integers in [0, K), one per pixel, every block
 * non-empty) and returns the block sizes n_k.
 *
 * @example
 * blockSizes([0, 1, 1], 2, 3) // → Int32Array [1, 2]
 */
export function blockSizes(labels: ArrayLike<number>, K: number, length: number): Int32Array {
  const counts = countLabels(labels, K, length);
  requireNonEmptyBlocks(counts);
  return counts;
}

/**
 * Validates an image: every intensity finite. Throws InvalidArgumentError naming the first bad pixel.
 *
 * @example
 * checkImage([0.5, -1]) // → undefined
 * checkImage([0.5, NaN]) // throws "x[1]: expected a finite intensity, got NaN"
 */
export function checkImage(x: ArrayLike<number>, argument = 'x'): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new InvalidArgumentError(`${argument}[${i}]`, `expected a finite intensity, got ${x[i]!}`);
  }
}

/**
 * Validates a distribution on the pixels: entries finite and ≥ 0, Σ p = 1 within 1e-9 (the message
 * states the sum).
 *
 * @example
 * checkDistribution([0.25, 0.75]) // → undefined
 * checkDistribution([0.5, 0.6])   // throws "p: expected entries summing to 1 (within 1e-9), got Σ = 1.1"
 */
export function checkDistribution(p: ArrayLike<number>, argument = 'p'): void {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(Number.isFinite(v) && v >= 0)) throw new InvalidArgumentError(`${argument}[${i}]`, `expected a finite probability ≥ 0, got ${v}`);
    sum += v;
  }
  if (!(Math.abs(sum - 1) <= 1e-9)) throw new InvalidArgumentError(argument, `expected entries summing to 1 (within 1e-9), got Σ = ${sum}`);
}
