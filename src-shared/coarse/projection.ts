import { InvalidArgumentError } from '../errors';
import { blockSizes, checkDistribution, checkImage } from './checks';
import { blockMasses, measureImage, positivePart } from './masses';
import type { Partition } from './partition';
import { ScaleClipSolver, scaleClip } from './scaleClip';
import { checkBounds } from './tolerance';
import { hotKernels } from '../math/hotKernels';

/**
 * KL projection of a pixel distribution onto C_δ = { q ∈ Δ_N : w(q) ∈ Box }:
 *   Π_δ(p)(x) = p(x) · c*_{b(x)} / w_{b(x)}(p),   c* = scaleClip(w(p), L, U);
 *   a block with w_k = 0 gets c*_k · π_k(x), π_k uniform = 1/n_k.
 *
 * Source: spec coarse-kl.md §3. It is both the I- and the M-projection (minimises D(q‖p) and
 * D(p‖q) over C_δ), keeps within-block conditionals, is idempotent, and is the identity when w(p)
 * is already in the box. Validates p (finite, ≥ 0, Σ = 1 within 1e-9), the labels (integers in
 * [0, K), one per pixel, every block non-empty) and the bounds (`checkBounds`).
 *
 * @example
 * projectDistribution([0.01, 0.04, 0.1, 0.1, 0.05, 0.25, 0.2, 0.25], [0, 0, 1, 1, 2, 2, 3, 3], 4,
 *   [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35])
 * // → [0.02, 0.08, 0.11, 0.11, 0.055, 0.275, 0.155556, 0.194444]  (spec §7 worked example)
 */
export function projectDistribution(
  p: ArrayLike<number>,
  labels: ArrayLike<number>,
  K: number,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Float64Array {
  const counts = blockSizes(labels, K, p.length);
  checkDistribution(p);
  checkBounds(lower, upper, K);
  const w = blockMasses(p, labels, K);
  const c = scaleClip(w, lower, upper);
  const q = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const k = labels[i]!;
    // f_k = c*_k / w_k first: f = 1 exactly when w is in the box, so p is then returned bit for bit.
    q[i] = w[k]! > 0 ? p[i]! * (c[k]! / w[k]!) : c[k]! / counts[k]!;
  }
  return q;
}

/**
 * The projection Π_δ written back into an image: with p = x⁺/Z (Z = Σ x⁺) and f_k = c*_k / w_k(p),
 *   (Π_δ x)_i = f_{b(i)} · x_i   for every pixel, negative ones included,
 * so the positive-part block masses become c* and Z is kept (Σ_k f_k w_k Z = Z).
 *
 * Source: spec coarse-kl.md §3 "On the image" (clip mode, §8 Q4). Domain: a block with no positive
 * intensity (w_k = 0) and c*_k > 0 is overwritten with the constant c*_k·Z/n_k (the limit η → 0 of
 * spec §8 Q12, i.e. c*_k π_k); with c*_k = 0 it is left as is. Z = 0: p is undefined and a copy of x is
 * returned unchanged. Validates x (finite), labels (one per pixel, in [0, K), no empty block) and
 * bounds (`checkBounds`). Allocates; the sampler uses `projectImageInPlace`.
 *
 * @example
 * projectImage([1, 4, 10, 10], [0, 0, 1, 1], 2, [0.3, 0.3], [0.7, 0.7]) // → [1.5, 6, 8.75, 8.75]  (w = (0.2, 0.8) → c* = (0.3, 0.7))
 * projectImage([-1, -2], [0, 0], 1, [1], [1])                           // → [-1, -2]  (Z = 0)
 */
export function projectImage(
  x: ArrayLike<number>,
  labels: ArrayLike<number>,
  K: number,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Float64Array {
  const counts = blockSizes(labels, K, x.length);
  checkImage(x);
  checkBounds(lower, upper, K);
  const mass = blockMasses(positivePart(x), labels, K);
  let z = 0;
  for (let k = 0; k < K; k++) z += mass[k]!;
  if (z === 0) return new Float64Array(x);
  const w = mass.map((v) => v / z);
  const c = scaleClip(w, lower, upper);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const k = labels[i]!;
    if (w[k]! > 0) out[i] = x[i]! * (c[k]! / w[k]!);
    else out[i] = c[k]! > 0 ? (c[k]! * z) / counts[k]! : x[i]!;
  }
  return out;
}

/** What one in-place projection did: D(Π_δ p‖p) in nats and the pixel displacement ‖Π_δ x − x‖₂. */
export interface ProjectionCost {
  costNats: number;
  displacement: number;
}

/** Buffers of `projectImageInPlace` for K blocks. Create once per partition, reuse every call. */
export interface ProjectionScratch {
  /** Clip-mode block masses w of the last image, before projection. */
  readonly masses: Float64Array;
  /** Solves for c*; `solver.c` holds c* of the last call: the block masses after projection. */
  readonly solver: ScaleClipSolver;
  /** Per-block write-back x ↦ scale_k·x + fill_k of the last call. */
  readonly scale: Float64Array;
  readonly fill: Float64Array;
  /** log scale_k of the last call (where the write-back scales a block with mass). */
  readonly logScale: Float64Array;
  readonly result: ProjectionCost;
}

/**
 * Allocates the buffers `projectImageInPlace` needs for K blocks: masses, the c* solver, the per-block
 * write-back and the reused result object (O(K) memory, once per partition).
 *
 * @example
 * const scratch = createProjectionScratch(16); // then projectImageInPlace(x, partition, lower, upper, scratch) every step
 */
export function createProjectionScratch(K: number): ProjectionScratch {
  return {
    masses: new Float64Array(K),
    solver: new ScaleClipSolver(K),
    scale: new Float64Array(K),
    fill: new Float64Array(K),
    logScale: new Float64Array(K),
    result: { costNats: 0, displacement: 0 },
  };
}

/** Sets the per-block write-back x ↦ scale_k·x + fill_k from c* and the masses. */
function planBlocks(scratch: ProjectionScratch, counts: Int32Array, z: number): void {
  const { masses, scale, fill } = scratch;
  const c = scratch.solver.c;
  for (let k = 0; k < masses.length; k++) {
    const w = masses[k]!;
    const ck = c[k]!;
    if (w > 0) {
      scale[k] = ck / w;
      fill[k] = 0;
    } else if (ck > 0) {
      // Massless block given mass: filled with c*_k·Z/n_k (c*_k π_k); D(c*‖w) = +∞.
      scale[k] = 0;
      fill[k] = (ck * z) / counts[k]!;
    } else {
      scale[k] = 1;
      fill[k] = 0;
    }
  }
}

/** D(c*‖w) = Σ_k c*_k log scale_k in nats over the blocks with mass, +∞ when a massless block was given mass. */
function projectionCostNats(scratch: ProjectionScratch): number {
  const { masses, scale, logScale } = scratch;
  const c = scratch.solver.c;
  // Math.log of every scale_k (the installed kernels take all K in one call, bit for bit)
  if (hotKernels.current !== null) hotKernels.current.logs(scale, logScale);
  else for (let k = 0; k < scale.length; k++) logScale[k] = Math.log(scale[k]!);
  let costNats = 0;
  for (let k = 0; k < masses.length; k++) {
    const ck = c[k]!;
    if (masses[k]! > 0) {
      if (ck > 0) costNats += ck * logScale[k]!;
    } else if (ck > 0) {
      costNats = Infinity;
    }
  }
  return costNats;
}

/** Whether the write-back leaves every pixel as it is (scale 1, fill 0 in every block). */
function isIdentity(scale: Float64Array, fill: Float64Array): boolean {
  for (let k = 0; k < scale.length; k++) if (scale[k] !== 1 || fill[k] !== 0) return false;
  return true;
}

/**
 * Hot path of `projectImage`: replaces x by Π_δ x in place (every pixel of block k, negative ones too,
 * times f_k = c*_k / w_k; massless blocks with c*_k > 0 filled with c*_k·Z/n_k) and returns
 *   costNats = D(Π_δ p‖p) = Σ_k c*_k log(c*_k / w_k),   displacement = ‖Π_δ x − x‖₂.
 *
 * Source: spec coarse-kl.md §3 (cost as in §8 Q3). Two passes over the pixels, no allocation: the
 * returned object is `scratch.result`, overwritten by the next call (copy the numbers to keep them).
 * When w is already in the box, x is untouched bit for bit and both numbers are 0. Z = 0: x is left
 * as is, both 0. NaN or infinite pixels: x is left as is, both NaN. Only O(1) shape checks; the
 * bounds must have passed `checkBounds` (or use `createProjector`, which validates once).
 *
 * @example
 * const x = Float64Array.of(1, 4, 10, 10);
 * projectImageInPlace(x, makePartition(1, 4, [0, 0, 1, 1]), [0.3, 0.3], [0.7, 0.7], createProjectionScratch(2))
 * // → { costNats: 0.02817…, displacement: 2.7157… }, x = [1.5, 6, 8.75, 8.75]
 */
export function projectImageInPlace(
  x: Float64Array,
  partition: Partition,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  scratch: ProjectionScratch,
): ProjectionCost {
  const { labels, counts, K } = partition;
  if (x.length !== labels.length) throw new InvalidArgumentError('x', `expected ${labels.length} pixels (the partition's), got ${x.length}`);
  if (scratch.masses.length !== K || lower.length !== K || upper.length !== K) {
    throw new InvalidArgumentError('lower, upper, scratch', `expected K = ${K} blocks, got ${lower.length}, ${upper.length}, ${scratch.masses.length}`);
  }
  // The engine's WebAssembly kernels repeat what follows operation for operation (projectRuns in f64Kernels.wat).
  const result = scratch.result;
  const z = measureImage(x, partition, scratch.masses);
  if (!(z > 0 && z < Infinity)) {
    scratch.solver.c.fill(NaN);
    result.costNats = result.displacement = z === 0 ? 0 : NaN;
    return result;
  }
  scratch.solver.solve(scratch.masses, lower, upper);
  planBlocks(scratch, counts, z);
  const { scale, fill } = scratch;
  result.costNats = result.displacement = 0;
  if (isIdentity(scale, fill)) return result;
  result.costNats = projectionCostNats(scratch);
  const sumSq = hotKernels.current !== null ? hotKernels.current.writeBack(x, labels, scale, fill) : writeBack(x, labels, scale, fill);
  result.displacement = Math.sqrt(sumSq);
  return result;
}

/** x_i ← x_i·scale_{b(i)} + fill_{b(i)} in place; returns Σ_i (after − before)². */
function writeBack(x: Float64Array, labels: Int32Array, scale: Float64Array, fill: Float64Array): number {
  let sumSq = 0;
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    const before = x[i]!;
    const after = before * scale[k]! + fill[k]!;
    x[i] = after;
    sumSq += (after - before) * (after - before);
  }
  return sumSq;
}

/** A projector bound to one partition and one validated box; reuses its buffers on every call. */
export interface Projector {
  readonly partition: Partition;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Clip-mode block masses w of the last image, before projection (NaN when Z = 0). */
  readonly massesBefore: Float64Array;
  /** c* of the last call: the block masses after projection. */
  readonly massesAfter: Float64Array;
  /** `projectImageInPlace` with this projector's buffers; the result object is reused by the next call. */
  projectInPlace(x: Float64Array): ProjectionCost;
}

/**
 * Builds the sampler's projector for a partition and a box: validates and copies the bounds once
 * (`checkBounds`, length K), allocates the scratch once; `projectInPlace(x)` then runs
 * `projectImageInPlace` with no allocation (spec coarse-kl.md §3, §5 "projection").
 *
 * @example
 * const projector = createProjector(gridPartition(32, 32, 4, 4), band.lower, band.upper);
 * projector.projectInPlace(x).costNats // → D(Π_δ p‖p) ≥ 0; x now has clip-mode block masses c* ∈ band
 */
export function createProjector(partition: Partition, lower: ArrayLike<number>, upper: ArrayLike<number>): Projector {
  checkBounds(lower, upper, partition.K);
  const lo = Float64Array.from(lower);
  const hi = Float64Array.from(upper);
  const scratch = createProjectionScratch(partition.K);
  return {
    partition,
    lower: lo,
    upper: hi,
    massesBefore: scratch.masses,
    massesAfter: scratch.solver.c,
    projectInPlace: (x: Float64Array) => projectImageInPlace(x, partition, lo, hi, scratch),
  };
}
