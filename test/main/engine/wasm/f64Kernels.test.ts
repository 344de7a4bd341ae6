import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWat } from '../../../../scripts/wat';
import { createF64Kernels } from '../../../../src-main/engine/wasm/f64Kernels';
import { F64_KERNELS_WASM_BASE64 } from '../../../../src-main/engine/wasm/f64KernelsBinary';
import { measureImage } from '../../../../src-shared/coarse/masses';
import { gridPartition, makePartition } from '../../../../src-shared/coarse/partition';
import { createProjector } from '../../../../src-shared/coarse/projection';
import { affineUpdate } from '../../../../src-shared/diffusion/samplers/update';
import { parseConfig } from '../../../../src-shared/experiment/config';
import { resolvePlan } from '../../../../src-shared/experiment/plan';
import { presetConfig } from '../../../../src-shared/experiment/presets';
import { runSeed } from '../../../../src-shared/experiment/runSeed';
import { installHotKernels } from '../../../../src-shared/math/hotKernels';
import { CounterRng, fillStandardNormal } from '../../../../src-shared/math/rng';

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

  it('is what runs once installed: each of the four entry points is called by runSeed (so the comparisons above compare two implementations)', () => {
    const calls = { fillStandardNormal: 0, affineUpdate: 0, measureImage: 0, writeBack: 0 };
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
