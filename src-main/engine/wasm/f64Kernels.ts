import type { Partition } from '../../../src-shared/coarse/partition';
import type { HotKernels } from '../../../src-shared/math/hotKernels';
import { AddressStream, type NoiseAddress, zigguratRejected, zigguratTables } from '../../../src-shared/math/rng';
import { F64_KERNELS_WASM_BASE64 } from './f64KernelsBinary';
import { type WasmApi, type WasmMemory, type WasmModule, wasmApi } from './wasmApi';


interface F64Exports {
  readonly memory: WasmMemory;
  setTables(x: number, ratio: number): void;
  normals(out: number, from: number, n: number, state: number): number;
  affine(n: number, x: number, d: number, z: number, out: number, keep: number, scale: number, noisy: number): void;
  measure(n: number, x: number, labels: number, masses: number, K: number): number;
  writeBack(n: number, x: number, labels: number, scale: number, fill: number): number;
}

const PAGE_BYTES = 65536;
/** Fixed head of the memory: the xoshiro state and a rejected draw (32 bytes), then the ziggurat tables. */
const STATE = 0;
const TABLE_X = 64;
const TABLE_RATIO = TABLE_X + 129 * 8;
const ARRAYS = TABLE_RATIO + 128 * 8;

/**
 * The float64 WebAssembly implementation of the CPU path's hot loops (f64Kernels.wat): identical
 * results to the JavaScript loops bit for bit, 2–4× faster on them. Arrays are copied into the
 * module's memory, worked on there and copied out (memcpy, cheap next to the loops); the labels of
 * the latest partition stay in memory (partitions are immutable).
 */
export class F64Kernels implements HotKernels {
  private readonly wasm: F64Exports;
  private f64: Float64Array;
  private i32: Int32Array;
  /** Bytes reserved for each of the five array slots; grows with the largest image. */
  private slotBytes = 0;
  private labels: Int32Array | null = null;

  constructor(api: WasmApi, module: WasmModule) {
    this.wasm = new api.Instance(module).exports as F64Exports;
    this.f64 = new Float64Array(this.wasm.memory.buffer);
    this.i32 = new Int32Array(this.wasm.memory.buffer);
    const tables = zigguratTables();
    this.f64.set(tables.x, TABLE_X / 8);
    this.f64.set(tables.ratio, TABLE_RATIO / 8);
    this.wasm.setTables(TABLE_X, TABLE_RATIO);
  }

  fillStandardNormal(out: Float64Array, address: NoiseAddress): Float64Array {
    const n = out.length;
    const at = this.slot(0, n);
    const stream = new AddressStream(address);
    this.storeState(stream);
    for (let e = this.wasm.normals(at, 0, n, STATE); e < n; e = this.wasm.normals(at, e + 1, n, STATE)) {
      // Outside layer i's rectangle (1.2% of draws): the wedge or the tail, in JavaScript.
      const i32 = this.i32;
      [stream.s0, stream.s1, stream.s2, stream.s3] = [i32[0]!, i32[1]!, i32[2]!, i32[3]!];
      const value = zigguratRejected(stream, this.f64[2]!, i32[6]!);
      this.storeState(stream);
      this.f64[at / 8 + e] = value;
    }
    out.set(this.f64.subarray(at / 8, at / 8 + n));
    return out;
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

  measureImage(x: Float64Array, partition: Partition, out: Float64Array): number {
    const n = partition.labels.length;
    const [px, plabels, pmasses] = [this.slot(0, n), this.labelSlot(partition.labels), this.slot(2, n)];
    this.f64.set(x, px / 8);
    const z = this.wasm.measure(n, px, plabels, pmasses, out.length);
    out.set(this.f64.subarray(pmasses / 8, pmasses / 8 + out.length));
    return z;
  }

  writeBack(x: Float64Array, labels: Int32Array, scale: Float64Array, fill: Float64Array): number {
    const n = labels.length;
    const [px, plabels, pscale, pfill] = [this.slot(0, n), this.labelSlot(labels), this.slot(2, n), this.slot(3, n)];
    const f64 = this.f64;
    f64.set(x, px / 8);
    f64.set(scale, pscale / 8);
    f64.set(fill, pfill / 8);
    const sumSq = this.wasm.writeBack(n, px, plabels, pscale, pfill);
    x.set(f64.subarray(px / 8, px / 8 + n));
    return sumSq;
  }

  private storeState(stream: AddressStream): void {
    const i32 = this.i32;
    [i32[0], i32[1], i32[2], i32[3]] = [stream.s0, stream.s1, stream.s2, stream.s3];
  }

  /** Byte offset of array slot s (0–3 for float64 data, 4 for labels), each room for `n` float64s. */
  private slot(s: number, n: number): number {
    if (n * 8 > this.slotBytes) this.reserve(n * 8);
    return ARRAYS + s * this.slotBytes;
  }

  /** The labels' slot, copied in only when they are not the ones already there. */
  private labelSlot(labels: Int32Array): number {
    const at = this.slot(4, labels.length);
    if (this.labels !== labels) {
      this.i32.set(labels, at / 4);
      this.labels = labels;
    }
    return at;
  }

  private reserve(bytes: number): void {
    const slotBytes = Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;
    const needed = ARRAYS + 5 * slotBytes;
    const memory = this.wasm.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    this.slotBytes = slotBytes;
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
