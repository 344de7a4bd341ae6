import type { Partition } from '../../../src-shared/coarse/partition';
import { ScaleClipSolver } from '../../../src-shared/coarse/scaleClip';
import { InvalidArgumentError } from '../../../src-shared/errors';
import { packRows, toF32, type GpuContext, type KernelThis } from './context';

interface BlockConstants {
  readonly k: number;
  readonly p: number;
  /** CSR of the partition: the pixels of block k are pixels[start[k] … start[k+1]). */
  readonly start: Float32Array;
  readonly pixels: Float32Array;
  readonly labels: Float32Array;
  readonly maxBlock: number;
}

type This = KernelThis<BlockConstants>;

/** s_rk = Σ_{i ∈ B_k} max(x_ri, 0) at cell (k, r). */
function blockSums(this: This, xs: number[]): number {
  const r = this.thread.y;
  const k = this.thread.x;
  const from = this.constants.start[k]!;
  const to = this.constants.start[k + 1]!;
  let s = 0;
  for (let a = 0; a < this.constants.maxBlock; a++) {
    if (from + a < to) s += Math.max(xs[r * this.constants.p + this.constants.pixels[from + a]!]!, 0);
  }
  return s;
}

/** x'_ri = f_{r,b(i)}·x_ri + g_{r,b(i)} at cell (i, r): the projection's per-block write-back. */
function rescale(this: This, xs: number[], scale: number[], fill: number[]): number {
  const r = this.thread.y;
  const i = this.thread.x;
  const k = this.constants.labels[i]!;
  return scale[r * this.constants.k + k]! * xs[r * this.constants.p + i]! + fill[r * this.constants.k + k]!;
}

/** The clip-mode block masses of R images and their projection's write-back, as gpu.js kernels. */
export interface GpuBlockKernels {
  /** Z_r = Σ_i x⁺_ri and w_rk = s_rk / Z_r for each row (R × K), like measureImage. */
  measure(xs: Float64Array, rows: number): Promise<{ masses: Float64Array; totals: Float64Array }>;
  /**
   * Π_δ of each row onto its band [lower_r, upper_r] (R × K each), like projectImageInPlace: masses on
   * the device, c* = scaleClip on the host (K values per row), the write-back on the device.
   */
  project(xs: Float64Array, rows: number, lower: Float64Array, upper: Float64Array): Promise<Float64Array>;
}

/**
 * Creates the block-mass and projection kernels for a partition and at most `capacity` rows of
 * P = height·width pixels.
 *
 * measure: s_rk = Σ_{i∈B_k} max(x_ri, 0) (CSR of the partition as constants), Z_r = Σ_k s_rk,
 * w_rk = s_rk/Z_r (spec coarse-kl.md §1, clip mode). project: c*_r = scaleClip(w_r, L_r, U_r) on the
 * host, then x_ri ↦ (c*_{r,k}/w_{r,k})·x_ri (blocks with w = 0 and c* > 0 filled with c*·Z/n_k)
 * (spec §3 "On the image"). Float32 on the device: masses carry sumTol(n_k) relative error, the
 * write-back one rounding. Rows with Z = 0 or non-finite pixels are returned unchanged.
 *
 * @example
 * const blocks = createGpuBlockKernels(ctx, gridPartition(32, 32, 4, 4), 256);
 * await blocks.project(xs, 256, lower, upper) // → xs with block masses c* in each row's band
 */
export function createGpuBlockKernels(ctx: GpuContext, partition: Partition, capacity: number): GpuBlockKernels {
  const { K, labels, counts } = partition;
  const P = labels.length;
  const start = new Float32Array(K + 1);
  for (let k = 0; k < K; k++) start[k + 1] = start[k]! + counts[k]!;
  const fillAt = Array.from(start.subarray(0, K));
  const pixels = new Float32Array(P);
  for (let i = 0; i < P; i++) pixels[fillAt[labels[i]!]!++] = i;
  const constants: BlockConstants = { k: K, p: P, start, pixels, labels: toF32(labels), maxBlock: Math.max(...counts) };
  const sumsK = ctx.gpu.createKernel(blockSums as never, ctx.settings([K, capacity], constants as never));
  const rescaleK = ctx.gpu.createKernel(rescale as never, ctx.settings([P, capacity], constants as never));
  const solver = new ScaleClipSolver(K);

  const check = (xs: Float64Array, rows: number) => {
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= capacity)) throw new InvalidArgumentError('rows', `expected an integer in [1, ${capacity}], got ${rows}`);
    if (xs.length !== rows * P) throw new InvalidArgumentError('xs', `expected ${rows} rows × ${P} pixels = ${rows * P} values, got ${xs.length}`);
  };

  async function measure(xs: Float64Array, rows: number) {
    check(xs, rows);
    const sums = packRows(await sumsK(toF32(xs, capacity * P)), capacity, K);
    const masses = new Float64Array(rows * K);
    const totals = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let z = 0;
      for (let k = 0; k < K; k++) z += sums[r * K + k]!;
      totals[r] = z;
      for (let k = 0; k < K; k++) masses[r * K + k] = sums[r * K + k]! / z;
    }
    return { masses, totals };
  }

  return {
    measure,
    async project(xs, rows, lower, upper) {
      if (lower.length !== rows * K || upper.length !== rows * K) throw new InvalidArgumentError('lower, upper', `expected ${rows} rows × K = ${rows * K} bounds, got ${lower.length}, ${upper.length}`);
      const { masses, totals } = await measure(xs, rows);
      const scale = new Float32Array(capacity * K).fill(1);
      const fill = new Float32Array(capacity * K);
      for (let r = 0; r < rows; r++) {
        const z = totals[r]!;
        if (!(z > 0 && z < Infinity)) continue;
        const w = masses.subarray(r * K, (r + 1) * K);
        solver.solve(w, lower.subarray(r * K, (r + 1) * K), upper.subarray(r * K, (r + 1) * K));
        for (let k = 0; k < K; k++) {
          const c = solver.c[k]!;
          if (w[k]! > 0) scale[r * K + k] = c / w[k]!;
          else if (c > 0) [scale[r * K + k], fill[r * K + k]] = [0, (c * z) / counts[k]!];
        }
      }
      return packRows(await rescaleK(toF32(xs, capacity * P), scale, fill), capacity, P).slice(0, rows * P);
    },
  };
}
