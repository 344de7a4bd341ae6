import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWat } from '../../../../scripts/wat';
import { createF64Kernels, labelRuns } from '../../../../src-main/engine/wasm/f64Kernels';
import { F64_KERNELS_WASM_BASE64 } from '../../../../src-main/engine/wasm/f64KernelsBinary';
import { measureImage } from '../../../../src-shared/coarse/masses';
import { gridPartition, makePartition } from '../../../../src-shared/coarse/partition';
import { weightedPhi } from '../../../../src-shared/coarse/potentials';
import { createProjector } from '../../../../src-shared/coarse/projection';
import { ScaleClipSolver } from '../../../../src-shared/coarse/scaleClip';
import { affineUpdate } from '../../../../src-shared/diffusion/samplers/update';
import { parseConfig } from '../../../../src-shared/experiment/config';
import { resolvePlan } from '../../../../src-shared/experiment/plan';
import { presetConfig } from '../../../../src-shared/experiment/presets';
import { runSeed } from '../../../../src-shared/experiment/runSeed';
import { installHotKernels } from '../../../../src-shared/math/hotKernels';
import { CounterRng, fillStandardNormal } from '../../../../src-shared/math/rng';
import { randomSimplex } from '../../../shared/coarse/support';

const kernels = createF64Kernels()!;

/** f(), once with the JavaScript loops and once with the WebAssembly kernels installed. */
function both<T>(f: () => T): { js: T; wasm: T } {
  const js = f();
  const previous = installHotKernels(kernels);
  try {
    return { js, wasm: f() };
  } finally {
    installHotKernels(previous);
  }
}

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${what}[${i}]: ${actual[i]} ≠ ${expected[i]}`);
  }
}

/** The kernel's scaleClip gives ScaleClipSolver.solve's s* and c* bit for bit. */
function expectKernelSolves(w: Float64Array, lower: Float64Array, upper: Float64Array, what: string): void {
  const solver = new ScaleClipSolver(w.length);
  const scale = solver.solve(w, lower, upper);
  const c = new Float64Array(w.length);
  expect(Object.is(kernels.scaleClip(w, lower, upper, c), scale), `${what}: s*`).toBe(true);
  expectSameBits(c, solver.c, `${what}: c*`);
}

/** Labels in runs of random lengths 1–12 (odd starts, blocks revisited, not contiguous), every block present. */
function runLabels(rng: CounterRng, n: number, K: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; ) {
    const k = i < K ? i : rng.nextInt(K);
    const end = i < K ? i + 1 : Math.min(n, i + 1 + rng.nextInt(12));
    labels.fill(k, i, end);
    i = end;
  }
  return labels;
}

function randomImage(rng: CounterRng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.nextUniform() < 0.2 ? -rng.nextUniform() : 3 * rng.nextUniform() - 0.5));
}

afterEach(() => installHotKernels(null));

describe('F64Kernels (src-main/engine/wasm): the float64 WebAssembly hot loops', () => {
  it('ships the binary that scripts/buildWasm.mts makes of f64Kernels.wat', async () => {
    const file = path.join(import.meta.dirname, '../../../../src-main/engine/wasm/f64Kernels.wat');
    const bytes = await compileWat(readFileSync(file, 'utf8'), 'f64Kernels.wat');
    expect(Buffer.from(bytes).toString('base64')).toBe(F64_KERNELS_WASM_BASE64);
  });

  it('fillStandardNormal equals the JavaScript ziggurat bit for bit, wedge and tail draws included (400 addresses × 4,096)', () => {
    let tail = 0;
    for (let a = 0; a < 400; a++) {
      const address = { seed: 31 * a + 1, sample: a % 7, step: 3 * a, stream: a % 4 };
      const { js, wasm } = both(() => fillStandardNormal(new Float64Array(4096), address));
      expectSameBits(wasm, js, `address ${a}`);
      for (const z of js) if (Math.abs(z) > 3.442619855899) tail++;
    }
    // P(|Z| > R) = 5.76e-4: about 940 tail draws among 1.6M, so the tail branch was compared too.
    expect(tail).toBeGreaterThan(700);
  });

  it('fillStandardNormal seeds each address as AddressStream does (Philox4x32-10 in WebAssembly): 20,000 addresses with seeds up to 2^53 − 1 and counters up to 2^32 − 1; an invalid seed is refused alike', () => {
    const rng = new CounterRng(25, 0);
    const big = () => rng.nextInt(2 ** 32);
    for (let a = 0; a < 20_000; a++) {
      const seed = a % 4 === 0 ? Number.MAX_SAFE_INTEGER - rng.nextInt(1000) : big() * (a % 2 === 0 ? 2 ** 21 : 1) + big() % 2 ** 21;
      const address = { seed, sample: a % 3 === 0 ? big() : a % 5, step: a % 7 === 0 ? 2 ** 32 - 1 : big(), stream: a % 4 };
      const { js, wasm } = both(() => fillStandardNormal(new Float64Array(3), address));
      expectSameBits(wasm, js, `address ${JSON.stringify(address)}`);
    }
    for (const seed of [-1, 0.5, 2 ** 53, NaN]) {
      const address = { seed, sample: 0, step: 0, stream: 0 };
      expect(() => kernels.fillStandardNormal(new Float64Array(2), address)).toThrow(`seed: expected an integer in [0, 2^53), got ${seed}`);
      expect(() => fillStandardNormal(new Float64Array(2), address)).toThrow(`seed: expected an integer in [0, 2^53), got ${seed}`);
    }
  });

  it('log and exp equal Math.log and Math.exp bit for bit: special values and 3 × 400,000 inputs (any bit pattern, ratios in (0, 3), wedge arguments in (−12, 0])', () => {
    const specials = [0, -0, 1, -1, 2, 0.5, Math.E, Infinity, -Infinity, NaN, 5e-324, 1e-310, 2.2250738585072014e-308, Number.MAX_VALUE,
      709.78, 709.79, 710, -745.13, -745.14, -746, 1e-9, -1e-9, 2 ** -28, 0.34657359, 1 + 2 ** -52, 1 - 2 ** -53, 1.0000001, 0.9999999];
    for (const x of specials) {
      expect(kernels.log(x), `log(${x})`).toBe(Math.log(x));
      expect(kernels.exp(x), `exp(${x})`).toBe(Math.exp(x));
    }
    const rng = new CounterRng(21, 0);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let t = 0; t < 400_000; t++) {
      words[0] = rng.nextInt(2 ** 32);
      words[1] = rng.nextInt(2 ** 32);
      const any = bits[0]!;
      const ratio = 3 * rng.nextUniform();
      const wedge = -12 * rng.nextUniform();
      for (const x of [any, ratio]) if (!Object.is(kernels.log(x), Math.log(x))) throw new Error(`log(${x}): ${kernels.log(x)} ≠ ${Math.log(x)}`);
      for (const x of [any, wedge]) if (!Object.is(kernels.exp(x), Math.exp(x))) throw new Error(`exp(${x}): ${kernels.exp(x)} ≠ ${Math.exp(x)}`);
    }
  });

  it('logs (two lanes per f64x2 operation) equals Math.log bit for bit: special values in every lane and 6 × 200,000 inputs (any bit pattern, ratios in (0, 3), near 1, near powers of 2, subnormal, huge)', () => {
    const specials = Float64Array.of(0, -0, 1, -1, 2, 0.5, Math.E, Infinity, -Infinity, NaN, 5e-324, 1e-310, 2.2250738585072014e-308, Number.MAX_VALUE,
      1e-9, 2 ** -28, 1 + 2 ** -52, 1 - 2 ** -53, 1.0000001, 0.9999999, 1.5, 0.70710678118654757, 1.4142135623730951, 4 + 2 ** -48, 0.25 - 2 ** -60);
    // every special next to every other, in both lanes of a pair
    const pairs = new Float64Array(2 * specials.length * specials.length);
    specials.forEach((a, i) => specials.forEach((b, j) => { pairs[2 * (i * specials.length + j)] = a; pairs[2 * (i * specials.length + j) + 1] = b; }));
    expectSameBits(kernels.logs(pairs, new Float64Array(pairs.length)), pairs.map(Math.log), 'special pairs');
    const rng = new CounterRng(22, 0);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const kinds: (() => number)[] = [
      () => { words[0] = rng.nextInt(2 ** 32); words[1] = rng.nextInt(2 ** 32); return bits[0]!; },
      () => 3 * rng.nextUniform(),
      () => 1 + (rng.nextUniform() - 0.5) * 2 ** -(1 + rng.nextInt(30)),
      () => 2 ** (rng.nextInt(200) - 100) * (1 + (rng.nextUniform() - 0.5) * 2 ** -(10 + rng.nextInt(20))),
      () => 1e-308 * rng.nextUniform(),
      () => 1e300 * (1 + rng.nextUniform()),
    ];
    for (const [kind, draw] of kinds.entries()) {
      for (let chunk = 0; chunk < 4; chunk++) {
        const values = Float64Array.from({ length: 50_001 - chunk }, draw);
        expectSameBits(kernels.logs(values, new Float64Array(values.length)), values.map(Math.log), `kind ${kind}`);
      }
    }
  });

  it('weightedPhi equals the JavaScript sum Σ u_i log(u_i n_k / W_k) bit for bit on random partitions: negative, zero and −0 pixels skipped, odd lengths, NaN propagated', () => {
    const rng = new CounterRng(23, 0);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.nextInt(2000);
      const K = 1 + rng.nextInt(Math.min(n, 40));
      const labels = trial % 2 === 0 ? runLabels(rng, n, K) : Int32Array.from({ length: n }, (_, i) => (i < K ? i : rng.nextInt(K)));
      const u = randomImage(rng, n);
      if (trial % 5 === 0) u[rng.nextInt(n)] = -0;
      if (trial % 7 === 0) u[rng.nextInt(n)] = 0;
      if (trial % 50 === 3) u[rng.nextInt(n)] = NaN;
      const counts = new Int32Array(K);
      const blockSum = new Float64Array(K);
      labels.forEach((k, i) => { counts[k] = counts[k]! + 1; blockSum[k] = blockSum[k]! + Math.max(u[i]!, 0); });
      const { js, wasm } = both(() => weightedPhi(u, labels, counts, blockSum));
      expect(Object.is(wasm, js), `trial ${trial}: ${wasm} vs ${js}`).toBe(true);
    }
  });

  it('labelRuns lists the maximal runs of equal labels in pixel order', () => {
    const out = new Int32Array(30);
    expect(labelRuns(Int32Array.of(0, 0, 1, 1, 0), out, 3)).toBe(3);
    expect([...out.subarray(3, 12)]).toEqual([0, 2, 0, 2, 4, 1, 4, 5, 0]);
    expect(labelRuns(gridPartition(4, 6, 2, 3).labels, out, 0)).toBe(12);
    expect([...out.subarray(0, 9)]).toEqual([0, 2, 0, 2, 4, 1, 4, 6, 2]);
  });

  it('writeBack and affineMeasureInPlace over label runs equal the JavaScript write-back and update-then-measure bit for bit on partitions with runs of 1–12 pixels', () => {
    const rng = new CounterRng(24, 0);
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + rng.nextInt(1500);
      const K = 1 + rng.nextInt(Math.min(n, 20));
      const labels = runLabels(rng, n, K);
      const partition = makePartition(1, n, labels);
      const [x, denoised, z] = kernels.residentArrays(3, n) as [Float64Array, Float64Array, Float64Array];
      x.set(randomImage(rng, n));
      denoised.set(randomImage(rng, n));
      z.set(randomImage(rng, n));
      const keep = rng.nextUniform(), scale = rng.nextUniform();
      const noise = trial % 3 === 0 ? undefined : { scale, z };
      const expected = affineUpdate(x, denoised, keep, noise);
      const massesJs = new Float64Array(K);
      const zJs = measureImage(expected, partition, massesJs);
      const masses = new Float64Array(K);
      expect(Object.is(kernels.affineMeasureInPlace(x, denoised, keep, noise, labels, masses), zJs), `trial ${trial}: Z`).toBe(true);
      expectSameBits(x, expected, `trial ${trial}: updated x`);
      expectSameBits(masses, massesJs, `trial ${trial}: masses`);
      const blockScale = Float64Array.from({ length: K }, () => 2 * rng.nextUniform());
      const fill = Float64Array.from({ length: K }, () => (rng.nextUniform() < 0.2 ? rng.nextUniform() : 0));
      const y = expected.slice();
      let sumSq = 0;
      y.forEach((before, i) => { const after = before * blockScale[labels[i]!]! + fill[labels[i]!]!; y[i] = after; sumSq += (after - before) * (after - before); });
      expect(Object.is(kernels.writeBack(x, labels, blockScale, fill), sumSq), `trial ${trial}: Σ (after − before)²`).toBe(true);
      expectSameBits(x, y, `trial ${trial}: written back`);
    }
  });

  it('affineUpdate equals x̂₀ + keep·(x − x̂₀) [+ scale·z] in JavaScript bit for bit, NaN and ±∞ included, with and without noise', () => {
    const rng = new CounterRng(5, 0);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.nextInt(3000);
      const [x, d, z] = [randomImage(rng, n), randomImage(rng, n), randomImage(rng, n)];
      if (trial % 10 === 0) [x[0], d[n - 1], z[n >> 1]] = [NaN, Infinity, -Infinity];
      const keep = rng.nextUniform(), scale = rng.nextUniform();
      const noisy = both(() => affineUpdate(x, d, keep, { scale, z }));
      expectSameBits(noisy.wasm, noisy.js, `noisy trial ${trial}`);
      const plain = both(() => affineUpdate(x, d, keep));
      expectSameBits(plain.wasm, plain.js, `plain trial ${trial}`);
      expect(noisy.wasm).not.toBe(x);
    }
  });

  it('measureImage gives the same Z and clip-mode masses bit for bit on random partitions, with NaN pixels and Z = 0', () => {
    const rng = new CounterRng(6, 0);
    for (let trial = 0; trial < 300; trial++) {
      const K = 1 + rng.nextInt(40);
      const n = K + rng.nextInt(2000);
      const labels = Int32Array.from({ length: n }, (_, i) => (i < K ? i : rng.nextInt(K)));
      const partition = makePartition(1, n, labels);
      const x = trial % 25 === 0 ? new Float64Array(n).fill(-1) : randomImage(rng, n);
      if (trial % 30 === 1) x[rng.nextInt(n)] = NaN;
      const { js, wasm } = both(() => {
        const masses = new Float64Array(K);
        return { z: measureImage(x, partition, masses), masses };
      });
      expect(Object.is(wasm.z, js.z), `trial ${trial}: Z ${wasm.z} vs ${js.z}`).toBe(true);
      expectSameBits(wasm.masses, js.masses, `masses, trial ${trial}`);
    }
  });

  it('clipBlockSums equals the JavaScript block sums of x⁺ bit for bit on random partitions, negative and zero pixels included, and flags ±∞ and NaN', () => {
    const rng = new CounterRng(13, 0);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + rng.nextInt(2000);
      const K = 1 + rng.nextInt(Math.min(n, 40));
      const labels = Int32Array.from({ length: n }, (_, i) => (i < K ? i : rng.nextInt(K)));
      const u = randomImage(rng, n);
      if (trial % 5 === 0) u[rng.nextInt(n)] = -0;
      const blockSum = new Float64Array(K);
      u.forEach((ui, i) => (blockSum[labels[i]!] = blockSum[labels[i]!]! + Math.max(ui, 0)));
      const sums = new Float64Array(K);
      expect(kernels.clipBlockSums(u, labels, sums)).toBe(true);
      expectSameBits(sums, blockSum, 'block sums');
    }
    const labels = Int32Array.of(0, 1, 0, 1);
    for (const bad of [Infinity, -Infinity, NaN]) expect(kernels.clipBlockSums(Float64Array.of(1, 2, bad, 3), labels, new Float64Array(2))).toBe(false);
  });

  it('scaleClip equals ScaleClipSolver.solve bit for bit (c* and s*) on 3,000 random boxes: K up to 24 (its range), massless blocks, masses in the box, deficits, NaN', () => {
    const rng = new CounterRng(14, 0);
    for (let trial = 0; trial < 3000; trial++) {
      const K = 1 + rng.nextInt(24);
      const targets = randomSimplex(rng, K);
      const width = [0, 1e-4, 0.01, 0.2][trial % 4]!;
      const lower = targets.map((m) => Math.max(m - width * rng.nextUniform(), 0));
      const upper = targets.map((m) => Math.min(m + width * rng.nextUniform(), 1));
      const w = trial % 7 === 0 ? Float64Array.from(targets) : randomSimplex(rng, K);
      if (trial % 5 === 0) w[rng.nextInt(K)] = 0;
      if (trial % 11 === 0) w.fill(0, 0, K >> 1);
      if (trial % 97 === 0) w[rng.nextInt(K)] = NaN;
      expectKernelSolves(w, lower, upper, `trial ${trial}`);
    }
  });

  it('scaleClip equals ScaleClipSolver.solve bit for bit when the masses span 300 orders of magnitude (its sweep sums the free mass afresh), 500 boxes', () => {
    const rng = new CounterRng(15, 0);
    for (let trial = 0; trial < 500; trial++) {
      const K = 4 + rng.nextInt(21);
      const raw = Array.from({ length: K }, (_, k) => (k === 0 ? 1 : 10 ** (-300 * rng.nextUniform())));
      const total = raw.reduce((a, b) => a + b, 0);
      const w = Float64Array.from(raw, (v) => v / total);
      const upper = Float64Array.from({ length: K }, () => 0.3 + 0.4 * rng.nextUniform());
      const lower = trial % 2 === 0 ? new Float64Array(K) : Float64Array.from(upper, (u) => (u * rng.nextUniform()) / K);
      expectKernelSolves(w, lower, upper, `trial ${trial}`);
    }
  });

  it('affineProjectInPlace equals affineUpdate then projectImageInPlace bit for bit when one block is 10^30 times heavier than the others, and its masses land in the band', () => {
    const rng = new CounterRng(28, 0);
    const partition = gridPartition(16, 16, 4, 4);
    const { labels, K } = partition;
    for (let trial = 0; trial < 20; trial++) {
      const [x, denoised] = kernels.residentArrays(2, labels.length) as [Float64Array, Float64Array];
      x.set(randomImage(rng, labels.length));
      // x̂₀ positive everywhere, block 0 around 1e30, the others spread over 10^-1 … 10^-250
      const level = Array.from({ length: K }, (_, k) => (k === 0 ? 1e30 : 10 ** (-1 - 250 * rng.nextUniform())));
      labels.forEach((k, i) => { denoised[i] = level[k]! * (0.5 + rng.nextUniform()); });
      const upper = Float64Array.from({ length: K }, () => 0.2 + 0.4 * rng.nextUniform());
      const lower = new Float64Array(K);
      const expected = affineUpdate(x, denoised, 0, undefined);
      const costJs = { ...createProjector(partition, lower, upper).projectInPlace(expected) };
      const cost = { costNats: -1, displacement: -1 };
      kernels.affineProjectInPlace(x, denoised, 0, undefined, partition, lower, upper, cost);
      expectSameBits(x, expected, `trial ${trial}: image`);
      expect(cost).toEqual(costJs);
      const masses = new Float64Array(K);
      measureImage(x, partition, masses);
      masses.forEach((m, k) => expect(m >= lower[k]! * (1 - 1e-12) && m <= upper[k]! * (1 + 1e-12), `trial ${trial}: block ${k} mass ${m} outside [${lower[k]}, ${upper[k]}]`).toBe(true));
    }
  });

  it('projectImageInPlace (measure, solve, write-back) gives the same image, cost and displacement bit for bit, massless blocks filled included', () => {
    const rng = new CounterRng(7, 0);
    const partition = gridPartition(32, 32, 4, 4);
    for (let trial = 0; trial < 200; trial++) {
      const x = randomImage(rng, 1024);
      // Every tenth image has block 0 (rows 0–7, columns 0–7) without positive intensity.
      if (trial % 10 === 0) for (let i = 0; i < 64; i++) x[32 * Math.floor(i / 8) + (i % 8)] = -1;
      const w = new Float64Array(16);
      measureImage(x, partition, w);
      const delta = 0.002 + 0.05 * rng.nextUniform();
      const lower = Float64Array.from(w, (v) => Math.max(0, 1 / 16 - delta));
      const upper = Float64Array.from(w, () => Math.min(1, 1 / 16 + delta));
      const { js, wasm } = both(() => {
        const y = x.slice();
        const cost = { ...createProjector(partition, lower, upper).projectInPlace(y) };
        return { y, cost };
      });
      expectSameBits(wasm.y, js.y, `image, trial ${trial}`);
      expect(wasm.cost).toEqual(js.cost);
    }
  });

  it('affineProjectInPlace equals affineUpdate then projectImageInPlace bit for bit (image, cost, displacement): grids and run partitions, massless blocks filled, boxes that leave x as it is, Z = 0, an infinite pixel', () => {
    const rng = new CounterRng(27, 0);
    const kinds = { filled: 0, identity: 0, zero: 0, infinite: 0, moved: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const partition = trial % 2 === 0
        ? gridPartition(8 + rng.nextInt(30), 8 + rng.nextInt(30), 1 + rng.nextInt(5), 1 + rng.nextInt(6))
        : ((n) => makePartition(1, n, runLabels(rng, n, 1 + rng.nextInt(Math.min(n, 20)))))(20 + rng.nextInt(1000));
      const { labels, K } = partition;
      const n = labels.length;
      const [x, denoised, z] = kernels.residentArrays(3, n) as [Float64Array, Float64Array, Float64Array];
      x.set(randomImage(rng, n));
      denoised.set(randomImage(rng, n));
      z.set(randomImage(rng, n));
      // every 7th trial block 0 ends without positive intensity (filled when its lower bound is > 0)
      if (trial % 7 === 3) labels.forEach((k, i) => { if (k === 0) { x[i] = -1; denoised[i] = -1; z[i] = 0; } });
      if (trial % 29 === 5) { x.fill(-1); denoised.fill(-1); z.fill(0); }
      if (trial % 31 === 7) z[rng.nextInt(n)] = Infinity;
      const keep = rng.nextUniform();
      const noise = trial % 5 === 0 ? undefined : { scale: rng.nextUniform(), z };
      const width = trial % 11 === 0 ? 1 : 0.002 + 0.05 * rng.nextUniform();
      const targets = randomSimplex(rng, K);
      const lower = targets.map((m) => Math.max(0, m - width));
      const upper = targets.map((m) => Math.min(1, m + width));
      const expected = affineUpdate(x, denoised, keep, noise);
      const costJs = { ...createProjector(partition, lower, upper).projectInPlace(expected) };
      const cost = { costNats: -1, displacement: -1 };
      kernels.affineProjectInPlace(x, denoised, keep, noise, partition, lower, upper, cost);
      expectSameBits(x, expected, `trial ${trial}: image`);
      expect(Object.is(cost.costNats, costJs.costNats) && Object.is(cost.displacement, costJs.displacement), `trial ${trial}: ${JSON.stringify(cost)} vs ${JSON.stringify(costJs)}`).toBe(true);
      if (costJs.costNats === Infinity) kinds.filled++;
      else if (Number.isNaN(costJs.costNats)) kinds.infinite++;
      else if (costJs.displacement === 0 && trial % 29 === 5) kinds.zero++;
      else if (costJs.displacement === 0) kinds.identity++;
      else kinds.moved++;
    }
    for (const [kind, count] of Object.entries(kinds)) expect(count, kind).toBeGreaterThan(3);
  });

  it('runs a whole seed of the paper toy, GMM-2d and an EDM toy run with the same steps, finals, images and frames bit for bit', () => {
    const paperToy = presetConfig('paper-toy');
    const configs = [
      parseConfig({ ...paperToy, seeds: { start: 0, count: 2 }, schedule: { ...paperToy.schedule, steps: 120 }, recordEvery: 7, frames: { count: 3, seeds: 1 } }),
      parseConfig({ ...presetConfig('gmm-2d'), seeds: { start: 0, count: 2 } }),
      parseConfig({ ...paperToy, sampler: { name: 'ddim', eta: 0.5 }, schedule: { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 40 }, seeds: { start: 3, count: 1 } }),
    ];
    for (const config of configs) {
      const plan = resolvePlan(config);
      const { js, wasm } = both(() => runSeed(plan, config.seeds.start));
      expect(wasm.steps).toEqual(js.steps);
      expect(wasm.finals).toEqual(js.finals);
      wasm.finalImages.forEach((image, v) => expectSameBits(image, js.finalImages[v]!, `${config.name} final image ${v}`));
      wasm.frames.forEach((frame, f) => expectSameBits(frame.x, js.frames[f]!.x, `${config.name} frame ${f}`));
    }
  });

  it('is what runs once installed: each of the eight entry points is called by runSeed (so the comparisons above compare two implementations)', () => {
    const calls = { fillStandardNormal: 0, affineUpdate: 0, measureImage: 0, writeBack: 0, clipBlockSums: 0, scaleClip: 0, weightedPhi: 0, logs: 0 };
    const counting = Object.fromEntries(Object.keys(calls).map((name) => [name, (...args: never[]) => {
      calls[name as keyof typeof calls]++;
      return (kernels[name as keyof typeof calls] as (...a: never[]) => unknown).apply(kernels, args);
    }])) as unknown as typeof kernels;
    const paperToy = presetConfig('paper-toy');
    const plan = resolvePlan(parseConfig({ ...paperToy, seeds: { start: 0, count: 1 }, schedule: { ...paperToy.schedule, steps: 20 } }));
    installHotKernels(counting);
    runSeed(plan, 0);
    installHotKernels(null);
    // 20 steps: sampler and oracle noise per step (the last step draws no sampler noise), 4 variants' updates, 3 projected variants' masses.
    expect(calls.fillStandardNormal).toBe(20 + 19 + 1);
    expect(calls.affineUpdate).toBe(4 * 20);
    expect(calls.measureImage).toBeGreaterThanOrEqual(3 * 20);
    expect(calls.writeBack).toBeGreaterThan(0);
    // the projection cost's log scale_k, once per projection that moves the state
    expect(calls.logs).toBe(calls.writeBack);
    // Metrics after steps 9 and 19 (recordEvery 10) and the finals: the block sums behind Φ of every variant's state.
    expect(calls.clipBlockSums).toBe(4 * 3);
    expect(calls.weightedPhi).toBe(4 * 3);
    expect(calls.scaleClip).toBeGreaterThanOrEqual(3 * 20);
  });

  it('works in place on resident arrays (no copy) with the same numbers, and their generation changes when the memory grows', () => {
    const rng = new CounterRng(12, 0);
    const partition = gridPartition(20, 24, 4, 3);
    const n = 20 * 24;
    const [x, denoised, z] = kernels.residentArrays(3, n) as [Float64Array, Float64Array, Float64Array];
    expect(x.buffer).toBe(denoised.buffer);
    const image = randomImage(rng, n);
    x.set(image);
    denoised.set(randomImage(rng, n));
    const address = { seed: 3, sample: 1, step: 7, stream: 1 };
    expectSameBits(kernels.fillStandardNormal(z, address), fillStandardNormal(new Float64Array(n), address), 'resident normals');
    const expected = affineUpdate(x, denoised, 0.75, { scale: 0.3, z });
    installHotKernels(kernels);
    const projector = createProjector(partition, new Float64Array(12).fill(0.08), new Float64Array(12).fill(0.09));
    installHotKernels(null);
    const projectedJs = expected.slice();
    const costJs = { ...projector.projectInPlace(projectedJs) };
    kernels.affineInPlace(x, denoised, 0.75, { scale: 0.3, z });
    expectSameBits(x, expected, 'affine in place');
    installHotKernels(kernels);
    const costWasm = { ...projector.projectInPlace(x) };
    const masses = new Float64Array(12);
    const zWasm = measureImage(x, partition, masses);
    installHotKernels(null);
    expect(costWasm).toEqual(costJs);
    expectSameBits(x, projectedJs, 'projected in place');
    const massesJs = new Float64Array(12);
    expect(zWasm).toBe(measureImage(projectedJs, partition, massesJs));
    expectSameBits(masses, massesJs, 'resident masses');
    const generation = kernels.residentGeneration;
    kernels.fillStandardNormal(new Float64Array(300 * 300), address);
    expect(kernels.residentGeneration).not.toBe(generation);
  });

  it('grows its memory for images beyond the first page (256 × 256) and stays exact', () => {
    const rng = new CounterRng(8, 0);
    const partition = gridPartition(256, 256, 8, 8);
    const x = randomImage(rng, 256 * 256);
    const { js, wasm } = both(() => {
      const masses = new Float64Array(64);
      return { z: measureImage(x, partition, masses), masses, normals: fillStandardNormal(new Float64Array(256 * 256), { seed: 1, sample: 0, step: 0, stream: 0 }) };
    });
    expect(wasm.z).toBe(js.z);
    expectSameBits(wasm.masses, js.masses, 'masses');
    expectSameBits(wasm.normals, js.normals, 'normals');
  });
});
