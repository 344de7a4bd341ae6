import type { IPipelineRunShortcut } from 'gpu.js';
import { InvalidArgumentError } from '../../../src-shared/errors';
import { packRows, pipelineThreads, toF32, type GpuContext, type KernelThis } from './context';

interface Sizes {
  readonly n: number;
  readonly d: number;
  readonly y: Float32Array;
  readonly yy: Float32Array;
}

type This = KernelThis<Sizes>;

// Kernel bodies: plain functions that gpu.js transpiles (no closures, no TypeScript-only syntax left after erasure).

/** ‖x_b − y_j‖² at cell (j, b). */
function squaredDistances(this: This, xs: number[]): number {
  const b = this.thread.y;
  const j = this.thread.x;
  let s = 0;
  for (let k = 0; k < this.constants.d; k++) {
    const t = xs[b * this.constants.d + k]! - this.constants.y[j * this.constants.d + k]!;
    s += t * t;
  }
  return s;
}

/** m_b = min_j ‖x_b − y_j‖² (the shift of the log-sum-exp). */
function rowMin(this: This, dist: number[][]): number {
  const b = this.thread.x;
  let m = dist[b]![0]!;
  for (let j = 1; j < this.constants.n; j++) m = Math.min(m, dist[b]![j]!);
  return m;
}

/** ln Σ_j exp(−(‖x_b − y_j‖² − m_b)/(2σ_b²)) ∈ [0, ln n]: the max-shifted log-sum-exp. */
function rowLogSum(this: This, dist: number[][], shift: number[], sigmas: number[]): number {
  const b = this.thread.x;
  const c = 1 / (2 * sigmas[b]! * sigmas[b]!);
  let s = 0;
  for (let j = 0; j < this.constants.n; j++) s += Math.exp(-(dist[b]![j]! - shift[b]!) * c);
  return Math.log(s);
}

/** w_bj = exp(−(‖x_b − y_j‖² − m_b)/(2σ_b²) − ln S_b). */
function weights(this: This, dist: number[][], shift: number[], logSum: number[], sigmas: number[]): number {
  const b = this.thread.y;
  const j = this.thread.x;
  const c = 1 / (2 * sigmas[b]! * sigmas[b]!);
  return Math.exp(-(dist[b]![j]! - shift[b]!) * c - logSum[b]!);
}

/** D_bk = Σ_j w_bj y_jk. */
function weightedSum(this: This, w: number[][]): number {
  const b = this.thread.y;
  const k = this.thread.x;
  let s = 0;
  for (let j = 0; j < this.constants.n; j++) s += w[b]![j]! * this.constants.y[j * this.constants.d + k]!;
  return s;
}

/** tr C_b = Σ_j w_bj ‖y_j‖² − ‖D_b‖² (second moment minus squared mean). */
function traceCov(this: This, w: number[][], denoised: number[][]): number {
  const b = this.thread.x;
  let second = 0;
  for (let j = 0; j < this.constants.n; j++) second += w[b]![j]! * this.constants.yy[j]!;
  let mean2 = 0;
  for (let k = 0; k < this.constants.d; k++) mean2 += denoised[b]![k]! * denoised[b]![k]!;
  return second - mean2;
}

/** D(x_b; σ_b) and tr C_b for a batch, in float64 arrays (computed in float32). */
export interface GpuDenoised {
  readonly denoised: Float64Array;
  readonly traceCov: Float64Array;
}

/** The empirical denoiser as one fused gpu.js pipeline over a fixed row capacity. */
export interface GpuEmpiricalDenoiser {
  readonly capacity: number;
  /** Which executor ran the last call ('fused-threaded', 'fused-sync', 'fused-encoder', 'generic'). */
  readonly executorKind: string;
  denoiseRows(xs: Float64Array, sigmas: Float64Array): Promise<GpuDenoised>;
  destroy(): Promise<void>;
}

/**
 * Creates the exact empirical denoiser of n points y_j ∈ ℝ^d as a gpu.js pipeline of six kernels:
 * squared distances (n × B) → row minimum → max-shifted log-sum-exp → weights → weighted sum
 * (d × B) and tr C (B), fused by `createPipeline` so intermediates stay on the device and one call
 * is one dispatch and one readback.
 *
 * w_bj = exp(−(‖x_b − y_j‖² − m_b)/(2σ_b²) − ln S_b), D_b = Σ_j w_bj y_j,
 * tr C_b = Σ_j w_bj ‖y_j‖² − ‖D_b‖² (spec info-dynamics-likelihood.md §1.2; uniform prior). All in
 * float32: distances keep ~√d·2⁻²⁴ relative accuracy, so logits lose ~√d·2⁻²⁴·‖x − y‖²/(2σ²); the
 * tr C form cancels when tr C ≪ Σw‖y‖² (absolute error ~√n·2⁻²⁴·Σw‖y‖²). Parity against the float64
 * reference, with these tolerances derived, is in test/main/engine/gpu/empirical.test.ts. The data
 * travel once, as kernel constants. Rows beyond a call's B (up to `capacity`) are padded with x = 0,
 * σ = 1 and dropped. Units: data units (tr C squared).
 *
 * @example
 * const D = createGpuEmpiricalDenoiser(createGpuContext('webasm-threaded'), data, 10000, 784, 64);
 * (await D.denoiseRows(xs, sigmas)).denoised // → B × 784 posterior means
 */
export function createGpuEmpiricalDenoiser(ctx: GpuContext, data: Float64Array, count: number, dimension: number, capacity: number): GpuEmpiricalDenoiser {
  if (data.length !== count * dimension) throw new InvalidArgumentError('data', `expected count × dimension = ${count * dimension} values, got ${data.length}`);
  if (!Number.isInteger(capacity) || capacity < 1) throw new InvalidArgumentError('capacity', `expected an integer ≥ 1, got ${capacity}`);
  const n = count, d = dimension;
  const y = toF32(data);
  const yy = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += y[j * d + k]! * y[j * d + k]!;
    yy[j] = s;
  }
  const sizes: Sizes = { n, d, y, yy };
  const { gpu } = ctx;
  const kernel = (fn: (this: This, ...args: never[]) => number, output: number[]) => gpu.createKernel(fn as never, ctx.settings(output, sizes as never));
  const distK = kernel(squaredDistances, [n, capacity]);
  const minK = kernel(rowMin, [capacity]);
  const lseK = kernel(rowLogSum, [capacity]);
  const weightK = kernel(weights, [n, capacity]);
  const sumK = kernel(weightedSum, [d, capacity]);
  const traceK = kernel(traceCov, [capacity]);
  const pipeline: IPipelineRunShortcut = gpu.createPipeline(
    function (xs, sigmas) {
      const dist = distK(xs);
      const shift = minK(dist);
      const logSum = lseK(dist, shift, sigmas);
      const w = weightK(dist, shift, logSum, sigmas);
      const denoised = sumK(w);
      return { denoised, trace: traceK(w, denoised) };
    },
    { threads: pipelineThreads(ctx.backend) },
  );

  return {
    capacity,
    get executorKind() {
      return pipeline.executorKind;
    },
    async denoiseRows(xs, sigmas) {
      const rows = sigmas.length;
      if (rows > capacity) throw new InvalidArgumentError('sigmas', `expected at most ${capacity} rows (the capacity), got ${rows}`);
      if (xs.length !== rows * d) throw new InvalidArgumentError('xs', `expected ${rows} rows × ${d} = ${rows * d} values, got ${xs.length}`);
      const paddedSigmas = toF32(sigmas, capacity);
      paddedSigmas.fill(1, rows);
      const result = (await pipeline(toF32(xs, capacity * d), paddedSigmas)) as { denoised: unknown; trace: unknown };
      return { denoised: packRows(result.denoised, capacity, d).subarray(0, rows * d), traceCov: packRows(result.trace, 1, capacity).slice(0, rows) };
    },
    destroy: () => pipeline.destroy(),
  };
}
