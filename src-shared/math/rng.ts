import { InvalidArgumentError } from '../errors';

/**
 * Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011; the generator behind JAX, cuRAND and PyTorch's CUDA RNG).
 *
 * A draw is a pure function of (key, counter). The lab's key is the run seed; the counter is
 * (block, step, sample, stream), so the noise a sample sees at a step depends only on
 * (seed, sample, step, stream): never on batch size, thread count or backend order. Projected and
 * unprojected variants that share (seed, sample) share their whole noise path.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_POW_NEG_32 = 2.3283064365386963e-10;
const TWO_PI = 2 * Math.PI;

/**
 * High 32 bits of the 64-bit product a·b of two uint32 values.
 * fl(a·b) is within 2^11 of a·b and lo = (a·b mod 2^32) is exact (Math.imul), so
 * (fl(a·b) − lo)·2^-32 is within 2^-20 of the integer hi; rounding recovers it exactly.
 */
function mulHi(a: number, b: number, lo: number): number {
  return Math.round((a * b - lo) * TWO_POW_NEG_32);
}

/** Output block of one Philox4x32-10 evaluation, reused to avoid allocation. */
export type PhiloxBlock = Uint32Array;

/**
 * Philox4x32-10 bijection of the 128-bit counter (c0..c3) under the 64-bit key (k0, k1).
 *
 * @example
 * philox4x32(0, 0, 0, 0, 0, 0, new Uint32Array(4)) // → [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] (Random123 KAT)
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: PhiloxBlock): PhiloxBlock {
  let x0 = c0 >>> 0, x1 = c1 >>> 0, x2 = c2 >>> 0, x3 = c3 >>> 0;
  let key0 = k0 >>> 0, key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi0 = mulHi(M0, x0, lo0);
    const lo1 = Math.imul(M1, x2) >>> 0;
    const hi1 = mulHi(M1, x2, lo1);
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/** Splits a seed (integer in [0, 2^53)) into the two 32-bit Philox key words. */
export function seedKey(seed: number): readonly [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError('seed', `expected an integer in [0, 2^53), got ${seed}`);
  }
  return [seed % 0x1_0000_0000, Math.floor(seed / 0x1_0000_0000)];
}

/** Where in the noise space a draw lives: everything but the element index. */
export interface NoiseAddress {
  readonly seed: number;
  readonly sample: number;
  readonly step: number;
  readonly stream: number;
}

/** Maps a uint32 to the open interval (0, 1): u = (k + ½)·2^-32, never 0 or 1. */
export function uint32ToOpenUnit(k: number): number {
  return (k + 0.5) * TWO_POW_NEG_32;
}

/**
 * Fills `out` with independent U(0, 1) draws; element e comes from block ⌊e/4⌋, lane e mod 4 of
 * Philox at counter (⌊e/4⌋, step, sample, stream), so any prefix or slice is batch-independent.
 */
export function fillUniform(out: Float64Array, address: NoiseAddress): Float64Array {
  const [k0, k1] = seedKey(address.seed);
  const block = new Uint32Array(4);
  for (let e = 0; e < out.length; e += 4) {
    philox4x32(e >>> 2, address.step, address.sample, address.stream, k0, k1, block);
    const lanes = Math.min(4, out.length - e);
    for (let lane = 0; lane < lanes; lane++) out[e + lane] = uint32ToOpenUnit(block[lane]!);
  }
  return out;
}

/**
 * Fills `out` with independent N(0, 1) draws by the Box–Muller transform of Philox uniforms:
 * lanes (0, 1) of block ⌊e/4⌋ give elements 4j, 4j+1 and lanes (2, 3) give 4j+2, 4j+3 as
 * r·cos θ and r·sin θ with r = √(−2 ln u₁), θ = 2π u₂. 32-bit uniforms bound |z| by 6.66.
 */
export function fillStandardNormal(out: Float64Array, address: NoiseAddress): Float64Array {
  const [k0, k1] = seedKey(address.seed);
  const block = new Uint32Array(4);
  const n = out.length;
  for (let e = 0; e < n; e += 4) {
    philox4x32(e >>> 2, address.step, address.sample, address.stream, k0, k1, block);
    const r0 = Math.sqrt(-2 * Math.log(uint32ToOpenUnit(block[0]!)));
    const t0 = TWO_PI * uint32ToOpenUnit(block[1]!);
    out[e] = r0 * Math.cos(t0);
    if (e + 1 < n) out[e + 1] = r0 * Math.sin(t0);
    if (e + 2 < n) {
      const r1 = Math.sqrt(-2 * Math.log(uint32ToOpenUnit(block[2]!)));
      const t1 = TWO_PI * uint32ToOpenUnit(block[3]!);
      out[e + 2] = r1 * Math.cos(t1);
      if (e + 3 < n) out[e + 3] = r1 * Math.sin(t1);
    }
  }
  return out;
}

/**
 * A sequential stream over one (seed, stream) pair for work that is not indexed by sample and step
 * (bootstrap resampling, dataset synthesis). Draw i is block ⌊i/4⌋ at counter (⌊i/4⌋, lo, hi, stream).
 */
export class CounterRng {
  private readonly k0: number;
  private readonly k1: number;
  private readonly block = new Uint32Array(4);
  private position = 0;
  private blockIndex = -1;
  private spareNormal: number | undefined;

  constructor(
    seed: number,
    private readonly stream: number,
  ) {
    [this.k0, this.k1] = seedKey(seed);
  }

  /** The next uint32 of the stream. */
  nextUint32(): number {
    const blockIndex = Math.floor(this.position / 4);
    if (blockIndex !== this.blockIndex) {
      philox4x32(blockIndex % 0x1_0000_0000, Math.floor(blockIndex / 0x1_0000_0000), 0, this.stream, this.k0, this.k1, this.block);
      this.blockIndex = blockIndex;
    }
    return this.block[this.position++ % 4]!;
  }

  /** The next U(0, 1) draw (open interval). */
  nextUniform(): number {
    return uint32ToOpenUnit(this.nextUint32());
  }

  /** The next N(0, 1) draw (Box–Muller, pairs cached). */
  nextNormal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.nextUniform()));
    const theta = TWO_PI * this.nextUniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** A uniform integer in [0, n) by rejection (no modulo bias). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x1_0000_0000) throw new InvalidArgumentError('n', `expected an integer in [1, 2^32], got ${n}`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
    for (;;) {
      const k = this.nextUint32();
      if (k < limit) return k % n;
    }
  }
}
