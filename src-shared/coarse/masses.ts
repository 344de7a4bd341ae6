import { InvalidArgumentError } from '../errors';
import { countLabels, type Partition } from './partition';
import { hotKernels } from '../math/hotKernels';

/**
 * Block masses of a distribution on the pixels: w_k = Σ_{x ∈ B_k} p(x), k = 0, …, K−1
 * (spec coarse-kl.md §1, §7(a): bincount of p by label).
 *
 * The caller passes a distribution; p is not checked (NaN propagates). Labels are checked: same
 * length as p, integers in [0, K); blocks without pixels get mass 0.
 *
 * @example
 * blockMasses([0.1, 0.2, 0.3, 0.4], [1, 0, 0, 1], 2) // → Float64Array [0.5, 0.5]
 * blockMasses([0.5, 0.5], [0, 0], 2)                 // → Float64Array [1, 0]
 */
export function blockMasses(p: ArrayLike<number>, labels: ArrayLike<number>, K: number): Float64Array {
  countLabels(labels, K, p.length);
  const w = new Float64Array(K);
  for (let i = 0; i < p.length; i++) {
    const k = labels[i]!;
    w[k] = w[k]! + p[i]!;
  }
  return w;
}

/**
 * Positive part x⁺ = max(x, 0) of an image as a new array: the clip-mode weights (p = x⁺/Σx⁺,
 * spec coarse-kl.md §1). NaN stays NaN.
 *
 * @example
 * positivePart([1, -2, 0.5]) // → Float64Array [1, 0, 0.5]
 */
export function positivePart(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.max(x[i]!, 0);
  return out;
}

/**
 * Hot path: total positive intensity Z = Σ_i x⁺_i of an image, returned, and its clip-mode block
 * masses w_k = Σ_{i ∈ B_k} x⁺_i / Z written into `out` (length K), in one pass over the pixels.
 *
 * Image as distribution: p = x⁺/Z (spec coarse-kl.md §1, §8 Q4 default). Z = 0 leaves `out` NaN
 * (0/0: p is undefined); NaN pixels make Z and the masses NaN. No validation and no allocation:
 * x.length must equal the partition's pixel count and out.length its K.
 *
 * @example
 * measureImage(Float64Array.of(1, -2, 3, 0), gridPartition(1, 4, 1, 2), out) // → 4, out = [0.25, 0.75]
 */
export function measureImage(x: Float64Array, partition: Partition, out: Float64Array): number {
  if (hotKernels.current !== null) return hotKernels.current.measureImage(x, partition, out);
  const labels = partition.labels;
  out.fill(0);
  for (let i = 0; i < labels.length; i++) {
    const v = x[i]!;
    // !(v <= 0) admits NaN on purpose, so that it propagates.
    if (!(v <= 0)) {
      const k = labels[i]!;
      out[k] = out[k]! + v;
    }
  }
  let z = 0;
  for (let k = 0; k < out.length; k++) z += out[k]!;
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / z;
  return z;
}

/** Block-mass errors of spec coarse-kl.md §5: e∞ (primary, matches the per-block band) and e1. */
export interface MassErrors {
  eInf: number;
  e1: number;
}

/**
 * Block-mass errors against the targets: e∞ = max_k |w_k − m_k| and e₁ = Σ_k |w_k − m_k|
 * (spec coarse-kl.md §5 metrics; e₁ is twice the total-variation distance).
 *
 * Hot path: pass `out` to reuse one result object (it is filled and returned); without it a new
 * object is allocated. NaN propagates. Throws InvalidArgumentError only when the lengths differ.
 *
 * @example
 * massErrors([0.2, 0.3, 0.5], [0.25, 0.25, 0.5]) // → { eInf: 0.05, e1: 0.1 }  (to rounding)
 */
export function massErrors(w: ArrayLike<number>, m: ArrayLike<number>, out: MassErrors = { eInf: 0, e1: 0 }): MassErrors {
  if (w.length !== m.length) {
    throw new InvalidArgumentError('w, m', `expected mass vectors of equal length, got ${w.length} and ${m.length}`);
  }
  let eInf = 0;
  let e1 = 0;
  for (let k = 0; k < w.length; k++) {
    const d = Math.abs(w[k]! - m[k]!);
    if (d > eInf) eInf = d;
    e1 += d;
  }
  // A NaN difference is skipped by the max but carried by the sum.
  out.eInf = Number.isNaN(e1) ? NaN : eInf;
  out.e1 = e1;
  return out;
}
