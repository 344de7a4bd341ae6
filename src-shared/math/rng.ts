import { InvalidArgumentError } from '../errors';
import { hotKernels } from './hotKernels';

/**
 * Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011; the generator behind JAX, cuRAND and PyTorch's CUDA RNG).
 *
 * A draw is a pure function of (key, counter). The lab's key is the run seed; each noise address
 * (step, sample, stream) seeds its own stream from the Philox block at that counter, so the noise a
 * sample sees at a step depends only on (seed, sample, step, stream): never on batch size, thread
 * count or backend order. Projected and unprojected variants that share (seed, sample) share their
 * whole noise path.
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
 * The generator of one noise address: xoshiro128** (Blackman & Vigna 2018) whose 128-bit state is
 * the Philox4x32-10 block at counter (0, step, sample, stream) under the seed's key. Element e of an
 * address's stream is its e-th output, so a shorter draw is a prefix of a longer one and nothing
 * depends on batch size or order. (Philox per address, a fast sequential generator within it:
 * ~10× cheaper per draw in JavaScript than Philox per element.)
 */
export class AddressStream {
  /** xoshiro128** state words (int32); read and written back by the fused loop of fillStandardNormal. */
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(address: NoiseAddress) {
    const [k0, k1] = seedKey(address.seed);
    const block = philox4x32(0, address.step, address.sample, address.stream, k0, k1, new Uint32Array(4));
    this.s0 = block[0]! | 0;
    this.s1 = block[1]! | 0;
    this.s2 = block[2]! | 0;
    this.s3 = block[3]! | 0;
    // xoshiro's only forbidden state; Philox maps exactly one counter to it, with probability 2^-128.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit output as a signed int32 (callers take `>>> 0` when they need uint32). */
  nextInt32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** U(0, 1) with 53 random bits from two outputs: (k + ½)·2^-53, never 0 or 1; the 11 unused low bits are returned in `spare`. */
  nextUniform53(): number {
    const a = this.nextInt32(), b = this.nextInt32();
    this.spare = (a & 0x1f) | ((b & 0x3f) << 5);
    return ((a >>> 5) * 67108864 + (b >>> 6) + 0.5) * TWO_POW_NEG_53;
  }

  /** 11 bits left over by the last nextUniform53, independent of its value (the ziggurat's layer). */
  spare = 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const TWO_POW_NEG_53 = 1.1102230246251565e-16;

/**
 * Fills `out` with independent U(0, 1) draws: element e is the e-th 53-bit uniform of the address's
 * stream, so any prefix is batch-independent.
 */
export function fillUniform(out: Float64Array, address: NoiseAddress): Float64Array {
  const stream = new AddressStream(address);
  for (let e = 0; e < out.length; e++) out[e] = stream.nextUniform53();
  return out;
}

/**
 * Fills `out` with independent N(0, 1) draws by the ziggurat method (ZIGNOR: Doornik 2005, "An
 * improved ziggurat method to generate normal random samples", 128 layers): a 53-bit uniform u ∈
 * (−1, 1) and a layer i from separate bits; |u| < r_i accepts u·x_i (98.8% of draws); else the
 * wedge test or the tail beyond R = 3.4426 (Marsaglia's tail algorithm). Exact in distribution.
 */
export function fillStandardNormal(out: Float64Array, address: NoiseAddress): Float64Array {
  if (hotKernels.current !== null) return hotKernels.current.fillStandardNormal(out, address);
  const stream = new AddressStream(address);
  // xoshiro128** inlined on local state: the same outputs as stream.nextUniform53, about 3× faster.
  let s0 = stream.s0, s1 = stream.s1, s2 = stream.s2, s3 = stream.s3;
  for (let e = 0; e < out.length; e++) {
    let m = Math.imul(s1, 5);
    const a = Math.imul((m << 7) | (m >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    const b = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const u = 2 * (((a >>> 5) * 67108864 + (b >>> 6) + 0.5) * TWO_POW_NEG_53) - 1;
    const i = (a & 0x1f) | ((b & 0x3) << 5);
    if (Math.abs(u) < ZIG_RATIO[i]!) {
      out[e] = u * ZIG_X[i]!;
      continue;
    }
    stream.s0 = s0; stream.s1 = s1; stream.s2 = s2; stream.s3 = s3;
    out[e] = zigguratRejected(stream, u, i);
    s0 = stream.s0; s1 = stream.s1; s2 = stream.s2; s3 = stream.s3;
  }
  return out;
}

const ZIG_LAYERS = 128;
/** The ziggurat's tables for ports of its fast path: layer edges x_0 … x_128 and ratios x_{i+1}/x_i. */
export function zigguratTables(): { readonly x: Float64Array; readonly ratio: Float64Array } {
  return { x: ZIG_X.slice(), ratio: ZIG_RATIO.slice() };
}
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
{
  // Layer edges x_i of equal-area strips under f(x) = exp(−x²/2) (Doornik 2005, zigNorInit).
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    f = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  ZIG_X[ZIG_LAYERS] = 0;
  for (let i = 0; i < ZIG_LAYERS; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

/** One standard normal draw from a stream by the ziggurat (see fillStandardNormal). */
export function zigguratNormal(stream: AddressStream): number {
  const u = 2 * stream.nextUniform53() - 1;
  const i = stream.spare & (ZIG_LAYERS - 1);
  return Math.abs(u) < ZIG_RATIO[i]! ? u * ZIG_X[i]! : zigguratRejected(stream, u, i);
}

/** The ziggurat after a first draw (u, layer i) outside layer i's rectangle: the tail, the wedge test, then fresh draws. */
function zigguratRejected(stream: AddressStream, u: number, i: number): number {
  for (;;) {
    if (i === 0) return normalTail(stream, u < 0);
    const x = u * ZIG_X[i]!;
    const f0 = Math.exp(-0.5 * (ZIG_X[i]! * ZIG_X[i]! - x * x));
    const f1 = Math.exp(-0.5 * (ZIG_X[i + 1]! * ZIG_X[i + 1]! - x * x));
    if (f1 + stream.nextUniform53() * (f0 - f1) < 1) return x;
    u = 2 * stream.nextUniform53() - 1;
    i = stream.spare & (ZIG_LAYERS - 1);
    if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
  }
}

/** The normal tail beyond R (Marsaglia 1964): x = −ln(U₁)/R, y = −ln(U₂), accept when 2y > x². */
function normalTail(stream: AddressStream, negative: boolean): number {
  for (;;) {
    const x = Math.log(stream.nextUniform53()) / ZIG_R;
    const y = Math.log(stream.nextUniform53());
    if (-2 * y >= x * x) return negative ? x - ZIG_R : ZIG_R - x;
  }
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
