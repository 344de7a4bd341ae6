import type { Partition } from '../coarse/partition';
import type { NoiseAddress } from './rng';

/**
 * The hot loops of the float64 CPU path, replaceable by an implementation that gives the same
 * numbers bit for bit (the engine installs float64 WebAssembly ones in its workers:
 * src-main/engine/wasm/f64Kernels.ts). Each entry has the contract of the function named in its
 * comment; those functions call the installed entry when there is one.
 */
export interface HotKernels {
  /** `fillStandardNormal(out, address)` of math/rng.ts. */
  fillStandardNormal(out: Float64Array, address: NoiseAddress): Float64Array;
  /** `affineUpdate(x, denoised, keep, noise)` of diffusion/samplers/update.ts: a new array. */
  affineUpdate(x: Float64Array, denoised: Float64Array, keep: number, noise?: { readonly scale: number; readonly z: Float64Array }): Float64Array;
  /** `measureImage(x, partition, out)` of coarse/masses.ts: returns Z, masses into out. */
  measureImage(x: Float64Array, partition: Partition, out: Float64Array): number;
  /** The write-back of coarse/projection.ts: x_i ← x_i·scale_{b(i)} + fill_{b(i)} in place; returns Σ (after − before)². */
  writeBack(x: Float64Array, labels: Int32Array, scale: Float64Array, fill: Float64Array): number;
  /** `ScaleClipSolver.solve(w, lower, upper)` of coarse/scaleClip.ts for K ≤ 24 (its insertion-sort range): c* into c, returns s*. */
  scaleClip(w: Float64Array, lower: Float64Array, upper: Float64Array, c: Float64Array): number;
  /**
   * The block sums of coarse/potentialsMeter.ts: sums_k = Σ_{i ∈ B_k} max(x_i, 0) in pixel order (sums
   * of length K); returns whether every x_i is finite (the sums are then meaningless otherwise).
   */
  clipBlockSums(x: Float64Array, labels: Int32Array, sums: Float64Array): boolean;
  /** out_i = Math.log(values_i) bit for bit (same length); returns out. */
  logs(values: Float64Array, out: Float64Array): Float64Array;
  /** `weightedPhi(u, labels, counts, blockSum)` of coarse/potentials.ts (labels.length = u.length). */
  weightedPhi(u: Float64Array, labels: Int32Array, counts: Int32Array, blockSum: Float64Array): number;
}

/** The installed kernels; empty: the JavaScript loops run. */
export const hotKernels: { current: HotKernels | null } = { current: null };

/**
 * Installs `kernels` for every later call of those functions in this realm (a worker thread, the
 * page, the process) and returns the ones installed before, to restore; null uninstalls.
 *
 * @example
 * const previous = installHotKernels(await createF64Kernels()); // … later: installHotKernels(previous)
 */
export function installHotKernels(kernels: HotKernels | null): HotKernels | null {
  const previous = hotKernels.current;
  hotKernels.current = kernels;
  return previous;
}
