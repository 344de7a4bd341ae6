import {
  paddedRows,
  transposeRows,
  untransposeRows,
  type SparseStage,
  type SparseStageFactory,
} from '../../../src-shared/diffusion/denoisers/prunedSparse';
import { columnChunks, type SparseData } from '../../../src-shared/diffusion/denoisers/sparseData';
import { BugIndicatingError } from '../../../src-shared/errors';
import { SPARSE_KERNELS_WASM_BASE64 } from './sparseKernelsBinary';
import { SPARSE_KERNELS_FUSED_WASM_BASE64 } from './sparseKernelsFusedBinary';
import { type WasmApi, type WasmMemory, type WasmModule, wasmApi } from './wasmApi';

/** The kernels whose multiply-adds sparseKernelsFusedBinary.ts fuses (scripts/buildWasm.mts). */
export const FUSED_SPARSE_FUNCTIONS = ['scores', 'scatter', 'gather'] as const;

interface SparseExports {
  readonly memory: WasmMemory;
  scores(count: number, rowStart: number, cols: number, vals: number, norms: number, xt: number, stride: number, out: number): void;
  scatter(count: number, rowStart: number, cols: number, vals: number, w: number, stride: number, dt: number): void;
  gather(chunks: number, columns: number, chunkStart: number, points: number, vals: number, w: number, stride: number, dt: number): void;
  weights(count: number, scores: number, stride: number, logPrior: number, scale: number, state: number): void;
  fusesMultiplyAdd?(a: number, b: number, c: number): number;
}

const PAGE_BYTES = 65536;
/** Byte size rounded up to 64, so that every array starts on a cache line (an 8-row pass loads one line). */
const aligned = (bytes: number) => Math.ceil(bytes / 64) * 64;
/** Points per chunk of `gather`: an 8-row pass reads 512 · 64 bytes of weights per chunk, held in L1/L2 (512 measured ~5 % faster than 2,048). */
const GATHER_CHUNK_POINTS = 512;

/** One build of the kernels: the plain module (IEEE mul then add) or the fused one (relaxed SIMD). */
interface KernelVariant {
  readonly base64: string;
  /** Time per non-zero entry per row, in units of exactOver's time per point and coordinate (SparseStage.relativeCost). */
  readonly relativeCost: number;
  /** Gather's time per entry relative to scatter's over non-zero weights: gather runs when more than this fraction of the (point, 8-row) weight blocks is non-zero. */
  readonly gatherBreakEven: number;
}

/**
 * Plain: 84 ms for 32 rows against the 1.5M non-zeros of 9,999 digits, 1.7 ns per entry and row; gather
 * and scatter cost the same per entry. Fused (FMA): scores −25 %, gather −29 % against scatter
 * (docs/performance-engine.md, 2026-11-23; min of 40 interleaved calls).
 */
const PLAIN: KernelVariant = { base64: SPARSE_KERNELS_WASM_BASE64, relativeCost: 0.27, gatherBreakEven: 0.95 };
const FUSED: KernelVariant = { base64: SPARSE_KERNELS_FUSED_WASM_BASE64, relativeCost: 0.21, gatherBreakEven: 0.78 };

/**
 * The dense regime of the pruned denoiser on sparse data in float64 WebAssembly SIMD
 * (sparseKernels.wat: scores, weights, then scatter or gather): with the plain kernels, the same
 * numbers bit for bit as createSparseStage (prunedSparse.ts), whose transpositions it shares (run in
 * JavaScript on the module's memory); with the fused ones, each multiply-add of the scores and of the
 * weighted sum rounded once (within the same rounding bounds). The points' CSR arrays, their
 * column chunks and ln π are copied into the module's memory once; per call, the rows' transposed
 * columns, 1/(2σ²), scratch and the n × stride scores (turned into weights in place) follow.
 */
export class WasmSparseStage implements SparseStage {
  readonly relativeCost: number;
  private readonly wasm: SparseExports;
  private readonly at: { rowStart: number; cols: number; vals: number; norms: number; logPrior: number; chunkStart: number; points: number; chunkVals: number; work: number };
  private readonly chunks: number;
  private stride = 0;
  /** Calls that summed D by gather and by scatter. */
  readonly sums = { gather: 0, scatter: 0 };

  constructor(
    api: WasmApi,
    module: WasmModule,
    private readonly variant: KernelVariant,
    private readonly sum: WeightedSum,
    private readonly sparse: SparseData,
    logPrior: Float64Array,
  ) {
    this.relativeCost = variant.relativeCost;
    this.wasm = new api.Instance(module).exports as SparseExports;
    const { rowStart, entryColumns, values, squaredNorms } = sparse;
    const byColumn = columnChunks(sparse, GATHER_CHUNK_POINTS);
    this.chunks = byColumn.chunks;
    const cols = aligned(rowStart.byteLength);
    const vals = cols + aligned(entryColumns.byteLength);
    const norms = vals + aligned(values.byteLength);
    const prior = norms + aligned(squaredNorms.byteLength);
    const chunkStart = prior + aligned(logPrior.byteLength);
    const points = chunkStart + aligned(byColumn.chunkStart.byteLength);
    const chunkVals = points + aligned(byColumn.points.byteLength);
    this.at = { rowStart: 0, cols, vals, norms, logPrior: prior, chunkStart, points, chunkVals, work: chunkVals + aligned(byColumn.values.byteLength) };
    this.grow(this.at.work);
    const buffer = this.wasm.memory.buffer;
    new Int32Array(buffer, 0, rowStart.length).set(rowStart);
    new Int32Array(buffer, cols, entryColumns.length).set(entryColumns);
    new Float64Array(buffer, vals, values.length).set(values);
    new Float64Array(buffer, norms, squaredNorms.length).set(squaredNorms);
    new Float64Array(buffer, prior, logPrior.length).set(logPrior);
    new Int32Array(buffer, chunkStart, byColumn.chunkStart.length).set(byColumn.chunkStart);
    new Int32Array(buffer, points, byColumn.points.length).set(byColumn.points);
    new Float64Array(buffer, chunkVals, byColumn.values.length).set(byColumn.values);
    this.warmUp();
  }

  /**
   * Runs the kernels a few times on the first 512 points and 8 zero rows (~1 ms), so that V8 has tiered
   * them up (Liftoff → TurboFan) before the first real call, which otherwise runs 2× slower.
   */
  private warmUp(): void {
    const { sparse, at, wasm } = this;
    const count = Math.min(sparse.count, GATHER_CHUNK_POINTS);
    const columnsBytes = aligned(sparse.columns.length * 64);
    const scaleAt = at.work + columnsBytes, stateAt = scaleAt + 64, scoresAt = stateAt + 192;
    this.grow(scoresAt + count * 64);
    new Uint8Array(wasm.memory.buffer, at.work, scoresAt - at.work).fill(0);
    for (let i = 0; i < 3; i++) {
      wasm.scores(count, at.rowStart, at.cols, at.vals, at.norms, at.work, 8, scoresAt);
      wasm.weights(count, scoresAt, 8, at.logPrior, scaleAt, stateAt);
      wasm.scatter(count, at.rowStart, at.cols, at.vals, scoresAt, 8, at.work);
      wasm.gather(Math.min(this.chunks, 1), sparse.columns.length, at.chunkStart, at.points, at.chunkVals, scoresAt, 8, at.work);
    }
  }

  denoiseRows(xs: Float64Array, sigmas: Float64Array, out: Float64Array, refine?: (scores: Float64Array, stride: number) => void): void {
    const { sparse, at, wasm } = this;
    const rows = sigmas.length;
    const stride = paddedRows(rows);
    // Work area: transposed rows (then means), 1/(2σ²) per row, the weights' scratch, the scores.
    const scaleAt = at.work + aligned(sparse.columns.length * stride * 8);
    const stateAt = scaleAt + aligned(stride * 8);
    const scoresAt = stateAt + aligned(3 * stride * 8);
    if (stride > this.stride) {
      this.grow(scoresAt + sparse.count * stride * 8);
      this.stride = stride;
    }
    const buffer = wasm.memory.buffer;
    const columns = new Float64Array(buffer, at.work, sparse.columns.length * stride);
    const scores = new Float64Array(buffer, scoresAt, sparse.count * stride);
    const scale = new Float64Array(buffer, scaleAt, stride).fill(1);
    sigmas.forEach((sigma, r) => (scale[r] = 1 / (2 * sigma * sigma)));
    transposeRows(sparse, xs, rows, columns);
    wasm.scores(sparse.count, at.rowStart, at.cols, at.vals, at.norms, at.work, stride, scoresAt);
    refine?.(scores, stride);
    wasm.weights(sparse.count, scoresAt, stride, at.logPrior, scaleAt, stateAt);
    if (stride > rows) for (let o = rows; o < scores.length; o += stride) scores[o] = 0;
    columns.fill(0);
    const gather = this.sum === 'auto' ? nonZeroBlockFraction(scores, stride) > this.variant.gatherBreakEven : this.sum === 'gather';
    this.sums[gather ? 'gather' : 'scatter']++;
    if (gather) {
      wasm.gather(this.chunks, sparse.columns.length, at.chunkStart, at.points, at.chunkVals, scoresAt, stride, at.work);
    } else {
      wasm.scatter(sparse.count, at.rowStart, at.cols, at.vals, scoresAt, stride, at.work);
    }
    untransposeRows(sparse, columns, rows, out);
  }

  private grow(bytes: number): void {
    const memory = this.wasm.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  }
}

/**
 * The fraction of (point, 8-row block) pairs of an n × stride weight matrix with a non-zero weight:
 * the share of scatter's passes that are not skipped (blocks of 2 rows after the 8-row ones, as there).
 */
function nonZeroBlockFraction(weights: Float64Array, stride: number): number {
  let nonZero = 0, blocks = 0;
  for (let o = 0; o < weights.length; o += stride) {
    for (let b = 0; b < stride; ) {
      const width = b + 8 <= stride ? 8 : 2;
      blocks++;
      for (let r = o + b, end = r + width; r < end; r++) {
        if (weights[r] !== 0) {
          nonZero++;
          break;
        }
      }
      b += width;
    }
  }
  return blocks === 0 ? 0 : nonZero / blocks;
}

const compiled = new Map<KernelVariant, WasmModule>();

function compiledVariant(api: WasmApi, variant: KernelVariant): WasmModule {
  let module = compiled.get(variant);
  if (module === undefined) {
    module = new api.Module(Buffer.from(variant.base64, 'base64'));
    compiled.set(variant, module);
  }
  return module;
}

let fusionProbe: boolean | undefined;

/**
 * Whether this runtime runs the fused kernels with one rounding per multiply-add: WebAssembly relaxed
 * SIMD is there (Node ≥ 22, Electron; Node 20 with `--experimental-wasm-relaxed-simd`) and
 * f64x2.relaxed_madd computes a·b + c exactly rounded on this CPU (x86-64 with FMA3, ARM64), as probed
 * on (1 + 2⁻⁵²)(1 − 2⁻⁵²) − 1. Where it does not, the engine keeps the plain kernels, so that a
 * run's numbers are a function of the label it stores (`FMA` or not). Probed once per thread.
 *
 * @example
 * wasmFusedMultiplyAdd() // → true on Node 22 on any x86-64 with FMA3; false on Node 20 without the flag
 */
export function wasmFusedMultiplyAdd(): boolean {
  if (fusionProbe !== undefined) return fusionProbe;
  const bytes = Buffer.from(FUSED.base64, 'base64');
  fusionProbe = false;
  if (wasmApi !== undefined && wasmApi.validate(bytes)) {
    const exports = new wasmApi.Instance(compiledVariant(wasmApi, FUSED)).exports as SparseExports;
    fusionProbe = exports.fusesMultiplyAdd?.(1 + 2 ** -52, 1 - 2 ** -52, -1) === 1;
  }
  return fusionProbe;
}

/**
 * How the stage sums D = Σ_j w_j y_j: `scatter` (over the points, skipping 8-row blocks of zero
 * weights), `gather` (over the column chunks) or `auto` (gather where the non-zero share of the weight
 * blocks exceeds the variant's break-even). Both give the same bits: the same operations per sum in the
 * same order.
 */
export type WeightedSum = 'auto' | 'gather' | 'scatter';

/**
 * A SparseStageFactory for createPrunedEmpiricalDenoiser's `sparseStage` option: the float64
 * WebAssembly SparseStage of a sparse point set, with the fused kernels when `fused` (only where
 * wasmFusedMultiplyAdd() holds; otherwise throws) or the plain ones; null where WebAssembly is
 * unavailable. `sum` picks D's summation (for tests; the same bits either way). Compiled once per
 * thread. Memory: 24 bytes per non-zero, plus (c + n)·8 bytes per row of a call.
 *
 * @example
 * const D = createPrunedEmpiricalDenoiser(digits, 9999, 784, { sparseStage: wasmSparseStage(wasmFusedMultiplyAdd()) });
 * D.denoiseRows(xs, sigmas) // → at σ > 1: every point, through the SIMD kernels, ~5× fewer flops than dense
 */
export function wasmSparseStage(fused: boolean, sum: WeightedSum = 'auto'): (sparse: SparseData, logPrior: Float64Array) => WasmSparseStage | null {
  if (fused && !wasmFusedMultiplyAdd()) throw new BugIndicatingError('the fused sparse kernels were asked for where relaxed SIMD does not fuse (check wasmFusedMultiplyAdd() first)');
  const variant = fused ? FUSED : PLAIN;
  return (sparse, logPrior) => (wasmApi === undefined ? null : new WasmSparseStage(wasmApi, compiledVariant(wasmApi, variant), variant, sum, sparse, logPrior));
}

/** The plain kernels' factory (wasmSparseStage(false)): results bit for bit those of the JavaScript stage. */
export const createWasmSparseStage: SparseStageFactory = wasmSparseStage(false);
