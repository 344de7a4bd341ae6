import { assertNever, InvalidArgumentError } from '../errors';
import { checkImage } from './checks';
import type { Partition } from './partition';
import { scaleClipWithScale } from './scaleClip';
import { checkBounds } from './tolerance';

/**
 * How an image x ∈ R^N is read as a distribution p on its pixels (spec coarse-kl.md §8 Q4):
 * 'clip' (default) p ∝ x⁺; 'shift' p ∝ x − min x; 'unit-range' p ∝ ((x + 1)/2)⁺ for data in
 * [−1, 1]; 'softmax' p ∝ eˣ. The fast sampler path (`measureImage`, `projectImageInPlace`) is clip.
 */
export type MassMode = 'clip' | 'shift' | 'unit-range' | 'softmax';

/** Per-block bounds as plain arrays or typed arrays; a `ToleranceBand` is one. */
export interface BoundsLike {
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
}

/** Every MassMode, the default first. */
export const MASS_MODES: readonly MassMode[] = ['clip', 'shift', 'unit-range', 'softmax'];

/** Per-pixel weights u ≥ 0 of `mode` (p = u / Σu) and its offset: min x (shift), max x (softmax), else 0. */
interface ModeReading {
  readonly mode: MassMode;
  readonly u: Float64Array;
  readonly offset: number;
}

function extreme(x: ArrayLike<number>, sign: 1 | -1): number {
  let best = sign * x[0]!;
  for (let i = 1; i < x.length; i++) best = Math.max(best, sign * x[i]!);
  return sign * best;
}

function readMode(x: ArrayLike<number>, mode: MassMode): ModeReading {
  const u = new Float64Array(x.length);
  let offset = 0;
  switch (mode) {
    case 'clip':
      for (let i = 0; i < x.length; i++) u[i] = Math.max(x[i]!, 0);
      break;
    case 'shift':
      offset = extreme(x, -1);
      for (let i = 0; i < x.length; i++) u[i] = x[i]! - offset;
      break;
    case 'unit-range':
      for (let i = 0; i < x.length; i++) u[i] = Math.max((x[i]! + 1) / 2, 0);
      break;
    case 'softmax':
      // Subtracting max x keeps e^(x − max) in (0, 1]: no overflow.
      offset = extreme(x, 1);
      for (let i = 0; i < x.length; i++) u[i] = Math.exp(x[i]! - offset);
      break;
    default:
      return assertNever(mode, 'mass mode');
  }
  return { mode, u, offset };
}

/**
 * Unnormalised weights u ≥ 0 of an image under `mode` (p = u/Σu): x⁺, x − min x, ((x + 1)/2)⁺ or
 * e^(x − max x). No validation (hot path of the sampler's metrics).
 *
 * @example
 * modeWeights([1, -2, 3, 0], 'shift') // → [3, 0, 5, 2]
 */
export function modeWeights(x: ArrayLike<number>, mode: MassMode): Float64Array {
  return readMode(x, mode).u;
}

/** Block sums W_k = Σ_{i ∈ B_k} u_i and their total Σ_k W_k (summed per block first, as `projectImage` does). */
function blockSums(u: Float64Array, partition: Partition): { sums: Float64Array; total: number } {
  const sums = new Float64Array(partition.K);
  for (let i = 0; i < u.length; i++) sums[partition.labels[i]!] = sums[partition.labels[i]!]! + u[i]!;
  let total = 0;
  for (let k = 0; k < sums.length; k++) total += sums[k]!;
  return { sums, total };
}

function checkShape(x: ArrayLike<number>, partition: Partition): void {
  if (x.length !== partition.labels.length) {
    throw new InvalidArgumentError('x', `expected ${partition.labels.length} pixels (the partition's), got ${x.length}`);
  }
  checkImage(x);
}

/**
 * Block masses w_k = Σ_{i ∈ B_k} u_i / Σ_i u_i of an image read as a distribution under `mode`
 * (weights u of `MassMode`; spec coarse-kl.md §1, §8 Q4). When the total weight is 0 (clip:
 * no positive pixel; shift: a constant image; unit-range: every x ≤ −1) p is undefined and every
 * w_k is NaN. Validates x (finite, one value per pixel of the partition).
 *
 * @example
 * readBlockMasses([1, -2, 3, 0], makePartition(1, 4, [0, 0, 1, 1]), 'clip')  // → [0.25, 0.75]
 * readBlockMasses([1, -2, 3, 0], makePartition(1, 4, [0, 0, 1, 1]), 'shift') // → [0.3, 0.7]
 */
export function readBlockMasses(x: ArrayLike<number>, partition: Partition, mode: MassMode): Float64Array {
  checkShape(x, partition);
  const { sums, total } = blockSums(readMode(x, mode).u, partition);
  return sums.map((v) => v / total);
}

/** x with the weights of block k multiplied by factors[k], in the mode and offset of `reading` (see `writeBlockFactors`). */
function writeScaled(x: ArrayLike<number>, labels: Int32Array, factors: ArrayLike<number>, reading: ModeReading): Float64Array {
  const out = new Float64Array(x.length);
  const offset = reading.offset;
  switch (reading.mode) {
    case 'clip':
      for (let i = 0; i < x.length; i++) out[i] = x[i]! * factors[labels[i]!]!;
      break;
    case 'shift':
      for (let i = 0; i < x.length; i++) out[i] = offset + (x[i]! - offset) * factors[labels[i]!]!;
      break;
    case 'unit-range':
      // Only pixels with weight (x > −1) are rescaled; the others keep their value and zero weight.
      for (let i = 0; i < x.length; i++) out[i] = x[i]! > -1 ? 2 * (((x[i]! + 1) / 2) * factors[labels[i]!]!) - 1 : x[i]!;
      break;
    case 'softmax':
      for (let i = 0; i < x.length; i++) out[i] = x[i]! + Math.log(factors[labels[i]!]!);
      break;
    default:
      return assertNever(reading.mode, 'mass mode');
  }
  return out;
}

/**
 * Writes a blockwise rescaling p ↦ p·f_{b(i)} back into the image under `mode`, so that the new
 * image read in the same mode has p'_i ∝ f_{b(i)} p_i (exactly p' = p·f when Σ_k f_k w_k = 1):
 *   clip: x·f_k (negative pixels too; they stay at zero mass);  shift: min + (x − min)·f_k (min kept);
 *   unit-range: 2((x + 1)/2 · f_k) − 1 on the pixels that carry mass (x > −1), others unchanged;
 *   softmax: x + log f_k (f_k = 0 gives −∞).
 * Source: spec coarse-kl.md §3 "On the image" (clip), §8 Q4 (the others). Validates x (finite, one
 * per pixel) and the factors (K of them, finite, ≥ 0).
 *
 * @example
 * writeBlockFactors([1, -2, 3, 0], makePartition(1, 4, [0, 0, 1, 1]), [2, 0.5], 'clip')  // → [2, -4, 1.5, 0]
 * writeBlockFactors([1, -2, 3, 0], makePartition(1, 4, [0, 0, 1, 1]), [2, 0.5], 'shift') // → [4, -2, 0.5, -1]
 */
export function writeBlockFactors(x: ArrayLike<number>, partition: Partition, factors: ArrayLike<number>, mode: MassMode): Float64Array {
  checkShape(x, partition);
  if (factors.length !== partition.K) throw new InvalidArgumentError('factors', `expected ${partition.K} factors (one per block), got ${factors.length}`);
  for (let k = 0; k < factors.length; k++) {
    const f = factors[k]!;
    if (!(Number.isFinite(f) && f >= 0)) throw new InvalidArgumentError(`factors[${k}]`, `expected a finite factor ≥ 0, got ${f}`);
  }
  return writeScaled(x, partition.labels, factors, readMode(x, mode));
}

/** out_i = x_i + shifts[label_i]. */
function addToBlocks(x: ArrayLike<number>, labels: Int32Array, shifts: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + shifts[labels[i]!]!;
  return out;
}

/**
 * The softmax write-back's shifts log f_k = log(c*_k / w_k) for the blocks with weight (0 for the
 * others), finite wherever the projection is: when c*_k / w_k overflows or underflows (weights
 * near the edge of float64, as e^(x − max x) gives on a noisy state), log c*_k − log w_k; when
 * c*_k = s*·w_k itself underflowed to 0, log s* (the block is free at scale s*). A block that the
 * band leaves no mass (c*_k = 0, s* = 0) has no softmax image (every e^x > 0): that is an error
 * that says so.
 */
function softmaxShifts(w: Float64Array, c: Float64Array, scale: number): Float64Array {
  return w.map((wk, k) => {
    if (!(wk > 0)) return 0;
    const ck = c[k]!;
    const factor = ck / wk;
    if (factor > 0 && factor < Infinity) return Math.log(factor);
    if (ck > 0) return Math.log(ck) - Math.log(wk);
    if (scale > 0) return Math.log(scale);
    throw new InvalidArgumentError('massMode', `softmax gives every pixel a weight e^x > 0, so block ${k} cannot be held at mass 0 (its lower bound is 0 and the other blocks' lower bounds take all the mass): give it a lower bound above 0 or use another mass mode`);
  });
}

/** The pixel value whose weight is v ≥ 0 in the mode and offset of `reading` (the inverse of the weight map on its support). */
function valueOfWeight(v: number, reading: ModeReading): number {
  switch (reading.mode) {
    case 'clip': return v;
    case 'shift': return reading.offset + v;
    case 'unit-range': return 2 * v - 1;
    case 'softmax': return reading.offset + Math.log(v);
    default: return assertNever(reading.mode, 'mass mode');
  }
}

/**
 * The V_δ projection of an image under any mass mode: reads w under `mode`, c* = scaleClip(w, L, U),
 * writes f_k = c*_k / w_k back with `writeBlockFactors`; a block with w_k = 0 and c*_k > 0 gets the
 * constant pixel value of weight c*_k·total/n_k (c*_k π_k). Total weight 0: a copy of x, unchanged.
 * Reading the result back in the same mode gives c*, except in shift mode after such a fill: a
 * massless block there holds min x, and filling it raises the minimum that the reading subtracts
 * (shift mode cannot represent a distribution that is positive on every pixel).
 * With mode 'clip' this equals `projectImage`. Source: spec coarse-kl.md §3, §8 Q4. Validates x
 * (finite, one per pixel) and the band (`checkBounds`, length K).
 *
 * @example
 * projectImageAs([1, 4, 10, 10], makePartition(1, 4, [0, 0, 1, 1]), { lower: [0.3, 0.3], upper: [0.7, 0.7] }, 'clip')
 * // → [1.5, 6, 8.75, 8.75]
 * projectImageAs(x, partition, toleranceBand(m, 0.01, 'absolute'), 'softmax') // → x + log f_{b(i)}
 */
export function projectImageAs(x: ArrayLike<number>, partition: Partition, band: BoundsLike, mode: MassMode): Float64Array {
  checkShape(x, partition);
  const { lower, upper } = band;
  checkBounds(lower, upper, partition.K);
  const { labels, counts } = partition;
  const reading = readMode(x, mode);
  const { sums, total } = blockSums(reading.u, partition);
  if (!(total > 0)) return new Float64Array(x);
  const w = sums.map((v) => v / total);
  const { c, scale } = scaleClipWithScale(w, lower, upper);
  const out = mode === 'softmax' ? addToBlocks(x, labels, softmaxShifts(w, c, scale)) : writeScaled(x, labels, w.map((wk, k) => (wk > 0 ? c[k]! / wk : 1)), reading);
  for (let i = 0; i < out.length; i++) {
    const k = labels[i]!;
    if (w[k] === 0 && c[k]! > 0) out[i] = valueOfWeight((c[k]! * total) / counts[k]!, reading);
  }
  return out;
}
