import { createRequire } from 'node:module';
import type { GPU, IGPUKernelSettings, KernelOutput } from 'gpu.js';
import { assertNever, InvalidArgumentError } from '../../../src-shared/errors';

/**
 * The gpu.js backends the engine can run kernels on. `webasm-threaded` is webasm under the async
 * contract (worker pool, SIMD); `webasm-simd` is the same module single-threaded; `gpujs-cpu` is
 * gpu.js's JavaScript backend (f64 arithmetic on f32-rounded inputs), kept for parity tests only.
 */
export type GpuBackend = 'webgpu' | 'headlessgl' | 'webasm-threaded' | 'webasm-simd' | 'gpujs-cpu';

export const GPU_BACKENDS: readonly GpuBackend[] = ['webgpu', 'headlessgl', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu'];

/** The `this` of a kernel function as gpu.js provides it. */
export interface KernelThis<C> {
  readonly thread: { readonly x: number; readonly y: number; readonly z: number };
  readonly constants: C;
}

/** A gpu.js instance bound to one backend, with the settings every kernel of the engine uses. */
export interface GpuContext {
  readonly backend: GpuBackend;
  readonly gpu: GPU;
  /** Settings for a kernel with this output shape: async contract, fixed output, the given constants. */
  settings(output: number[], constants?: Record<string, unknown>): IGPUKernelSettings;
  destroy(): Promise<void>;
}

/** gpu.js mode of a backend. */
function modeOf(backend: GpuBackend): 'webgpu' | 'headlessgl' | 'webasm' | 'cpu' {
  switch (backend) {
    case 'webgpu':
      return 'webgpu';
    case 'headlessgl':
      return 'headlessgl';
    case 'webasm-threaded':
    case 'webasm-simd':
      return 'webasm';
    case 'gpujs-cpu':
      return 'cpu';
    default:
      return assertNever(backend, 'gpu backend');
  }
}

let gpuJs: typeof import('gpu.js') | undefined;

/** gpu.js, loaded on first use: it takes about 0.2 s to load, which a worker on the reference backend never needs. */
function loadGpuJs(): typeof import('gpu.js') {
  gpuJs ??= createRequire(__filename)('gpu.js') as typeof import('gpu.js');
  return gpuJs;
}

/**
 * Creates a gpu.js instance pinned to one backend (never gpu.js's auto-selection, which picks
 * software renderers; stack-notes §7.5). Every kernel is created under the async contract
 * (`asyncMode: true`, what gpu.js v3 makes the only one) except on `webasm-simd`, whose point is
 * the single-threaded path; callers always `await` kernel results, which is harmless on sync ones.
 *
 * @example
 * const ctx = createGpuContext('webasm-threaded');
 * const kernel = ctx.gpu.createKernel(fn, ctx.settings([64])); // await kernel(...) → Float32Array(64)
 */
export function createGpuContext(backend: GpuBackend): GpuContext {
  if (!GPU_BACKENDS.includes(backend)) throw new InvalidArgumentError('backend', `expected one of ${GPU_BACKENDS.join(', ')}, got ${String(backend)}`);
  const gpu = new (loadGpuJs().GPU)({ mode: modeOf(backend) });
  const asyncMode = backend !== 'webasm-simd';
  return {
    backend,
    gpu,
    settings: (output, constants) => ({ output, asyncMode, dynamicOutput: false, ...(constants ? { constants } : {}) }),
    destroy: () => gpu.destroy(),
  };
}

/** Whether a pipeline may use the worker pool on this backend (`createPipeline(fn, { threads })`). */
export function pipelineThreads(backend: GpuBackend): boolean {
  return backend !== 'webasm-simd';
}

/** Copies a 1-D or 2-D gpu.js result (Float32Array or rows of them) into one packed Float64Array. */
export function packRows(result: KernelOutput | unknown, rows: number, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  if (ArrayBuffer.isView(result)) {
    out.set(result as Float32Array);
    return out;
  }
  const list = result as ArrayLike<ArrayLike<number>>;
  for (let r = 0; r < rows; r++) {
    const row = list[r]!;
    for (let k = 0; k < width; k++) out[r * width + k] = row[k]!;
  }
  return out;
}

/** A Float32Array copy of the first `length` values, zero-padded to `capacity` (f32 kernel inputs). */
export function toF32(values: ArrayLike<number>, capacity: number = values.length): Float32Array {
  const out = new Float32Array(capacity);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}
