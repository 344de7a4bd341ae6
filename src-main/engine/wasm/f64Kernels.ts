import type { Partition } from '../../../src-shared/coarse/partition';
import type { ProjectionCost } from '../../../src-shared/coarse/projection';
import { BugIndicatingError } from '../../../src-shared/errors';
import type { HotKernels } from '../../../src-shared/math/hotKernels';
import { seedKey, type NoiseAddress, zigguratTables } from '../../../src-shared/math/rng';
import { F64_KERNELS_WASM_BASE64 } from './f64KernelsBinary';
import { type WasmApi, type WasmMemory, type WasmModule, wasmApi } from './wasmApi';


interface F64Exports {
  readonly memory: WasmMemory;
  setTables(x: number, ratio: number): void;
  normals(out: number, n: number, state: number): void;
  philoxState(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: number): void;
  log(x: number): number;
  exp(x: number): number;
  affine(n: number, x: number, d: number, z: number, out: number, keep: number, scale: number, noisy: number): void;
  measure(n: number, x: number, labels: number, masses: number, K: number): number;
  clipSums(n: number, x: number, labels: number, sums: number, K: number): number;
  scaleClip(K: number, w: number, lower: number, upper: number, c: number, events: number, ids: number, state: number): number;
  axpy(n: number, y: number, a: number, x: number, out: number): void;
  logs(n: number, input: number, out: number): void;
  projectRuns(K: number, w: number, lower: number, upper: number, c: number, events: number, ids: number, state: number, counts: number, z: number,
    x: number, nRuns: number, runs: number, scale: number, fill: number, logScale: number, result: number): void;
  writeBackRuns(nRuns: number, runs: number, x: number, scale: number, fill: number): number;
  affineMeasureRuns(nRuns: number, runs: number, x: number, d: number, z: number, keep: number, scale: number, noisy: number, masses: number, K: number): number;
  phiSum(n: number, u: number, labels: number, counts: number, sums: number, tmp: number): number;
}

const PAGE_BYTES = 65536;
/** Fixed head of the memory: the xoshiro state (16 bytes), then the ziggurat tables. */
const STATE = 0;
/** The ziggurat tables; f64Kernels.wat's normals reads them at these fixed offsets (64 and 1096). */
const TABLE_X = 64;
const TABLE_RATIO = TABLE_X + 129 * 8;
/** Bytes [2176, 2608) hold f64Kernels.wat's constants (its data segments); the arrays start after them. */
const ARRAYS = 4096;
/** Arrays up to this length are copied element by element (copyIn, copyOut). */
const SMALL = 64;
/** Array slots before the resident arrays. */
const SLOTS = 7;
/** The labels' runs start in this slot and may fill the next: ≤ n runs of 12 bytes. */
const RUN_SLOT = 5;

/**
 * Writes the run-length form of a label map into out from index `at`: triples (start, end, k), in pixel
 * order, for each maximal range [start, end) of equal labels k (f64Kernels.wat's run loops); returns
 * the number of runs.
 *
 * @example
 * labelRuns(Int32Array.of(0, 0, 1, 1, 0), out, 0) // → 3, out = [0, 2, 0, 2, 4, 1, 4, 5, 0, …]
 */
export function labelRuns(labels: Int32Array, out: Int32Array, at: number): number {
  let count = 0;
  for (let start = 0; start < labels.length; ) {
    const k = labels[start]!;
    let end = start + 1;
    while (end < labels.length && labels[end] === k) end++;
    out[at + 3 * count] = start;
    out[at + 3 * count + 1] = end;
    out[at + 3 * count + 2] = k;
    count++;
    start = end;
  }
  return count;
}

/**
 * The float64 WebAssembly implementation of the CPU path's hot loops (f64Kernels.wat): identical
 * results to the JavaScript loops bit for bit, 2–4× faster on them. Arrays are copied into the
 * module's memory, worked on there and copied out (memcpy, cheap next to the loops); the labels of
 * the latest partition stay in memory (partitions are immutable). Arrays that already live in the
 * module's memory (`residentArrays`) are worked on where they are, with no copy. Math.exp and
 * Math.log are ported bit for bit, so the ziggurat's wedge and tail stay inside.
 */
export class F64Kernels implements HotKernels {
  private readonly wasm: F64Exports;
  private f64: Float64Array;
  /** The memory's current buffer (this.f64's). */
  private memoryBuffer: ArrayBuffer;
  /** The arrays residentArrays handed out on the current buffer (a view's .buffer is a slow getter). */
  private resident = new WeakSet<Float64Array>();
  private i32: Int32Array;
  /** Bytes reserved for each of the SLOTS array slots; grows with the largest image. */
  private slotBytes = 0;
  private labels: Int32Array | null = null;
  /** Number of runs of `labels` (labelRuns), stored in slots 5–6. */
  private runCount = 0;
  private generation = 0;

  constructor(api: WasmApi, module: WasmModule) {
    this.wasm = new api.Instance(module).exports as F64Exports;
    this.memoryBuffer = this.wasm.memory.buffer;
    this.f64 = new Float64Array(this.memoryBuffer);
    this.i32 = new Int32Array(this.wasm.memory.buffer);
    const tables = zigguratTables();
    this.f64.set(tables.x, TABLE_X / 8);
    this.f64.set(tables.ratio, TABLE_RATIO / 8);
    this.wasm.setTables(TABLE_X, TABLE_RATIO);
  }

  fillStandardNormal(out: Float64Array, address: NoiseAddress): Float64Array {
    const n = out.length;
    const resident = this.isResident(out);
    const at = resident ? out.byteOffset : this.slot(0, n);
    const { seed } = address;
    // AddressStream's state, seeded in WebAssembly (seedKey's words; seedKey refuses an invalid seed)
    if (!Number.isSafeInteger(seed) || seed < 0) seedKey(seed);
    this.wasm.philoxState(0, address.step, address.sample, address.stream, seed % 0x1_0000_0000, Math.floor(seed / 0x1_0000_0000), STATE);
    this.wasm.normals(at, n, STATE);
    if (!resident) out.set(this.f64.subarray(at / 8, at / 8 + n));
    return out;
  }

  /** Math.log's algorithm (msun e_log.c, as V8 has it) in WebAssembly: the same result bit for bit. */
  log(x: number): number {
    return this.wasm.log(x);
  }

  /** Math.exp's algorithm (msun e_exp.c, as V8 has it) in WebAssembly: the same result bit for bit. */
  exp(x: number): number {
    return this.wasm.exp(x);
  }

  affineUpdate(x: Float64Array, denoised: Float64Array, keep: number, noise?: { readonly scale: number; readonly z: Float64Array }): Float64Array {
    const n = x.length;
    const [px, pd, pz, pout] = [this.slot(0, n), this.slot(1, n), this.slot(2, n), this.slot(3, n)];
    const f64 = this.f64;
    f64.set(x, px / 8);
    f64.set(denoised, pd / 8);
    if (noise !== undefined) f64.set(noise.z, pz / 8);
    this.wasm.affine(n, px, pd, pz, pout, keep, noise?.scale ?? 0, noise === undefined ? 0 : 1);
    return f64.slice(pout / 8, pout / 8 + n);
  }

  /**
   * `affineUpdate` written over x: x ← x̂₀ + keep·(x − x̂₀) [+ scale·z], the same numbers; x, denoised
   * and z must be resident arrays (`residentArrays`) of one length.
   */
  affineInPlace(x: Float64Array, denoised: Float64Array, keep: number, noise?: { readonly scale: number; readonly z: Float64Array }): void {
    this.requireResident('affineInPlace', x, denoised, noise?.z);
    const z = noise?.z.byteOffset ?? 0;
    this.wasm.affine(x.length, x.byteOffset, denoised.byteOffset, z, x.byteOffset, keep, noise?.scale ?? 0, noise === undefined ? 0 : 1);
  }

  measureImage(x: Float64Array, partition: Partition, out: Float64Array): number {
    const n = partition.labels.length;
    const resident = this.isResident(x);
    const [px, plabels, pmasses] = [resident ? x.byteOffset : this.slot(0, n), this.labelSlot(partition.labels), this.slot(2, n)];
    if (!resident) this.f64.set(x, px / 8);
    const z = this.wasm.measure(n, px, plabels, pmasses, out.length);
    this.copyOut(pmasses, out);
    return z;
  }

  writeBack(x: Float64Array, labels: Int32Array, scale: Float64Array, fill: Float64Array): number {
    const n = labels.length;
    const resident = this.isResident(x);
    const [px, runs, pscale, pfill] = [resident ? x.byteOffset : this.slot(0, n), this.runsAt(labels), this.slot(2, n), this.slot(3, n)];
    if (!resident) this.f64.set(x, px / 8);
    this.copyIn(scale, pscale);
    this.copyIn(fill, pfill);
    const sumSq = this.wasm.writeBackRuns(this.runCount, runs, px, pscale, pfill);
    if (!resident) x.set(this.f64.subarray(px / 8, px / 8 + n));
    return sumSq;
  }

  /**
   * `affineInPlace` then `measureImage` of the new x in one pass over the pixels: the same numbers.
   * x, denoised and z resident; returns Z and the clip-mode masses into `masses` (length K).
   */
  affineMeasureInPlace(x: Float64Array, denoised: Float64Array, keep: number, noise: { readonly scale: number; readonly z: Float64Array } | undefined, labels: Int32Array, masses: Float64Array): number {
    this.requireResident('affineMeasureInPlace', x, denoised, noise?.z);
    const [runs, pmasses] = [this.runsAt(labels), this.slot(2, x.length)];
    const z = this.affineMeasureRuns(x, denoised, keep, noise, runs, pmasses, masses.length);
    this.copyOut(pmasses, masses);
    return z;
  }

  /** The update-and-measure of resident arrays over the label runs at `runs`; returns Z, the K masses at pmasses. */
  private affineMeasureRuns(x: Float64Array, denoised: Float64Array, keep: number, noise: { readonly scale: number; readonly z: Float64Array } | undefined, runs: number, pmasses: number, K: number): number {
    return this.wasm.affineMeasureRuns(this.runCount, runs, x.byteOffset, denoised.byteOffset, noise?.z.byteOffset ?? 0, keep, noise?.scale ?? 0, noise === undefined ? 0 : 1, pmasses, K);
  }

  /**
   * `affineMeasureInPlace`, then the projection of `projectImageInPlace` (coarse/projection.ts) of the new x onto the
   * box [lower, upper] of `partition`, both in WebAssembly with the masses left in its memory: the same
   * numbers (x, and the cost and displacement written into `result`). x, denoised and z resident.
   */
  affineProjectInPlace(x: Float64Array, denoised: Float64Array, keep: number, noise: { readonly scale: number; readonly z: Float64Array } | undefined, partition: Partition,
    lower: Float64Array, upper: Float64Array, result: ProjectionCost): void {
    this.requireResident('affineProjectInPlace', x, denoised, noise?.z);
    const { labels, counts, K } = partition;
    const [runs, pmasses] = [this.runsAt(labels), this.slot(2, x.length)];
    const total = this.affineMeasureRuns(x, denoised, keep, noise, runs, pmasses, K);
    // slot 0, in bytes from `at`: L, U, c* (8K each), the sweep's events (16K), ids (8K), states (4K), counts (4K), scale, fill, log scale (8K each), [cost, displacement]
    const at = this.slot(0, 16 * K + 2);
    const out = at + 80 * K;
    this.copyIn(lower, at);
    this.copyIn(upper, at + 8 * K);
    this.copyInInt32(counts, at + 52 * K);
    this.wasm.projectRuns(K, pmasses, at, at + 8 * K, at + 16 * K, at + 24 * K, at + 40 * K, at + 48 * K, at + 52 * K, total, x.byteOffset, this.runCount, runs,
      at + 56 * K, at + 64 * K, at + 72 * K, out);
    result.costNats = this.f64[out / 8]!;
    result.displacement = this.f64[out / 8 + 1]!;
  }

  clipBlockSums(x: Float64Array, labels: Int32Array, sums: Float64Array): boolean {
    const n = labels.length;
    const resident = this.isResident(x);
    const [px, plabels, psums] = [resident ? x.byteOffset : this.slot(0, n), this.labelSlot(labels), this.slot(2, n)];
    if (!resident) this.f64.set(x, px / 8);
    const finite = this.wasm.clipSums(n, px, plabels, psums, sums.length) === 1;
    this.copyOut(psums, sums);
    return finite;
  }

  weightedPhi(u: Float64Array, labels: Int32Array, counts: Int32Array, blockSum: Float64Array): number {
    const n = labels.length;
    const resident = this.isResident(u);
    const [pu, pcounts, psums, ptmp, plabels] = [resident ? u.byteOffset : this.slot(0, n), this.slot(1, n), this.slot(2, n), this.slot(3, n), this.labelSlot(labels)];
    if (!resident) this.f64.set(u, pu / 8);
    this.copyIn(blockSum, psums);
    this.copyInInt32(counts, pcounts);
    return this.wasm.phiSum(n, pu, plabels, pcounts, psums, ptmp);
  }

  /** Math.log of every element of `values` into `out` (same length), bit for bit: the $logs loop of weightedPhi. */
  logs(values: Float64Array, out: Float64Array): Float64Array {
    const n = values.length;
    const [pin, pout] = [this.slot(0, n), this.slot(1, n)];
    this.copyIn(values, pin);
    this.wasm.logs(n, pin, pout);
    this.copyOut(pout, out);
    return out;
  }

  scaleClip(w: Float64Array, lower: Float64Array, upper: Float64Array, c: Float64Array): number {
    const K = w.length;
    // w, L, U, c (K float64 each), the event values (2K float64), ids (2K i32) and states (K i32): 60K bytes of slot 0.
    const at = this.slot(0, 8 * K);
    this.copyIn(w, at);
    this.copyIn(lower, at + 8 * K);
    this.copyIn(upper, at + 16 * K);
    const scale = this.wasm.scaleClip(K, at, at + 8 * K, at + 16 * K, at + 24 * K, at + 32 * K, at + 48 * K, at + 56 * K);
    this.copyOut(at + 24 * K, c);
    return scale;
  }

  /** out ← y + a·x elementwise; out, y and x must be resident arrays of one length (out may be y or x). */
  axpyInto(out: Float64Array, y: Float64Array, a: number, x: Float64Array): void {
    this.requireResident('axpyInto', out, y, x);
    this.wasm.axpy(out.length, y.byteOffset, a, x.byteOffset, out.byteOffset);
  }

  /**
   * `count` zeroed float64 arrays of length n that live in the module's memory, so that the entry
   * points work on them with no copy. They stay valid until the next call
   * of residentArrays or until the memory grows (a larger image given to any entry point), which
   * detaches every view: `residentGeneration` changes then, and users must check it.
   */
  residentArrays(count: number, n: number): Float64Array[] {
    // Slots for every call an image of n pixels can make (scaleClip's scratch: 8K ≤ 8n), so none grows the memory.
    this.slot(0, 8 * n);
    const bytes = Math.ceil((n * 8) / 64) * 64;
    const start = ARRAYS + SLOTS * this.slotBytes;
    const needed = start + count * bytes;
    const memory = this.wasm.memory;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
      this.attach();
    }
    this.f64.fill(0, start / 8, needed / 8);
    const arrays = Array.from({ length: count }, (_, a) => new Float64Array(memory.buffer, start + a * bytes, n));
    for (const a of arrays) this.resident.add(a);
    return arrays;
  }

  /** Changes whenever the memory grows (and resident arrays are detached). */
  get residentGeneration(): number {
    return this.generation;
  }

  /** Whether `a` is one of the arrays residentArrays made on the current memory (other views of it are copied like any array). */
  private isResident(a: Float64Array): boolean {
    return this.resident.has(a);
  }

  /** Throws unless x, y and z (when given) are resident: a caller's bug. */
  private requireResident(entry: string, x: Float64Array, y: Float64Array, z: Float64Array | undefined): void {
    if (!this.isResident(x) || !this.isResident(y) || (z !== undefined && !this.isResident(z))) throw new BugIndicatingError(`F64Kernels.${entry}: every array must be resident`);
  }

  /** Byte offset of array slot s (0–3 for float64 data, 4 for labels, 5–6 for their runs), each room for `n` float64s. */
  private slot(s: number, n: number): number {
    if (n * 8 > this.slotBytes) this.reserve(n * 8);
    return ARRAYS + s * this.slotBytes;
  }

  /** The labels' slot, copied in (with their runs, `labelRuns`) only when they are not the ones already there. */
  private labelSlot(labels: Int32Array): number {
    const at = this.slot(4, labels.length);
    if (this.labels !== labels) {
      this.i32.set(labels, at / 4);
      this.runCount = labelRuns(labels, this.i32, this.slot(RUN_SLOT, labels.length) / 4);
      this.labels = labels;
    }
    return at;
  }

  /** The byte offset of the runs of `labels` (labelRuns; this.runCount of them). */
  private runsAt(labels: Int32Array): number {
    this.labelSlot(labels);
    return this.slot(RUN_SLOT, labels.length);
  }

  /** Copies `source` into the memory at byte offset `at`: element by element for the few of a block vector (no view allocated). */
  private copyIn(source: Float64Array, at: number): void {
    if (source.length > SMALL) {
      this.f64.set(source, at / 8);
      return;
    }
    const f64 = this.f64;
    for (let k = 0, i = at / 8; k < source.length; k++) f64[i + k] = source[k]!;
  }

  /** Copies a block vector of int32 (the block sizes) into the memory at byte offset `at`, element by element. */
  private copyInInt32(source: Int32Array, at: number): void {
    const i32 = this.i32;
    for (let k = 0, i = at / 4; k < source.length; k++) i32[i + k] = source[k]!;
  }

  /** Copies the memory at byte offset `at` into `target` (its length), as copyIn. */
  private copyOut(at: number, target: Float64Array): void {
    if (target.length > SMALL) {
      target.set(this.f64.subarray(at / 8, at / 8 + target.length));
      return;
    }
    const f64 = this.f64;
    for (let k = 0, i = at / 8; k < target.length; k++) target[k] = f64[i + k]!;
  }

  private reserve(bytes: number): void {
    const slotBytes = Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;
    const needed = ARRAYS + SLOTS * slotBytes;
    const memory = this.wasm.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    this.slotBytes = slotBytes;
    // The resident arrays sit after the slots: they move with them, and the old ones are no longer resident.
    this.generation++;
    this.resident = new WeakSet();
    this.attach();
  }

  private attach(): void {
    const memory = this.wasm.memory;
    if (this.memoryBuffer !== memory.buffer) {
      this.generation++;
      this.resident = new WeakSet();
    }
    this.memoryBuffer = memory.buffer;
    this.f64 = new Float64Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.labels = null;
  }
}

let compiled: WasmModule | undefined;

/**
 * The float64 WebAssembly kernels, compiled once per thread (synchronously: 1 KB), or null where
 * WebAssembly is unavailable. Install them with `installHotKernels` (src-shared/math/hotKernels.ts).
 *
 * @example
 * installHotKernels(createF64Kernels()); // runSeed now runs the same numbers 2–4× faster in its hot loops
 */
export function createF64Kernels(): F64Kernels | null {
  if (wasmApi === undefined) return null;
  compiled ??= new wasmApi.Module(Buffer.from(F64_KERNELS_WASM_BASE64, 'base64'));
  return new F64Kernels(wasmApi, compiled);
}
