import { afterEach, describe, expect, it } from 'vitest';
import { engineBackend, startEngine, type EngineProgress } from '../../../src-main/engine/host';
import { wasmFusedMultiplyAdd } from '../../../src-main/engine/wasm/sparseKernels';
import type { PruningStep, SeedResult } from '../../../src-main/engine/protocol';
import { parseConfig, type ExperimentConfigInput } from '../../../src-shared/experiment/config';
import type { RunInputs } from '../../../src-shared/experiment/inputs';
import { resolvePlan } from '../../../src-shared/experiment/plan';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { runSeed } from '../../../src-shared/experiment/runSeed';
import { CounterRng } from '../../../src-shared/math/rng';

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const toy = (overrides: Partial<ExperimentConfigInput>) => parseConfig({ ...PRESETS['paper-toy'], frames: { count: 2, seeds: 1 }, ...overrides });

/** 80 synthetic 6 × 6 "digits" in [0, 1] and a digits config over the first 70 of them. */
function digitsCase(overrides: Partial<ExperimentConfigInput> = {}) {
  const rng = new CounterRng(77, 0);
  const pixels = Float64Array.from({ length: 80 * 36 }, () => rng.nextUniform() ** 2);
  const inputs: RunInputs = { digits: { count: 80, height: 6, width: 6, pixels } };
  const config = parseConfig({
    ...PRESETS.digits, data: { kind: 'digits', trainCount: 70, heldOutIndex: 75 }, partition: { kind: 'grid', rows: 2, cols: 2 },
    seeds: { start: 0, count: 4 }, batch: 2, schedule: { kind: 'edm', steps: 20 }, frames: { count: 0, seeds: 0 }, ...overrides,
  });
  return { config, inputs };
}

async function collect(config: ReturnType<typeof parseConfig>, inputs: RunInputs, options: Parameters<typeof startEngine>[2] = {}) {
  const results: SeedResult[] = [];
  const pruning: PruningStep[] = [];
  const run = startEngine(config, inputs, { ...options, callbacks: { ...options.callbacks, onSeed: (r) => results.push(r), onPruning: (s) => pruning.push(...s) } });
  const outcome = await run.done;
  results.sort((a, b) => a.seed - b.seed);
  return { run, outcome, results, pruning };
}

afterEach(() => {
  delete process.env.INFODIFF_BACKEND;
});

describe('startEngine(config, inputs, options): the worker host', () => {
  it('runs every seed on the reference backend and returns runSeed\'s numbers bit for bit across the worker boundary', async () => {
    const config = toy({ seeds: { start: 2, count: 3 }, schedule: { kind: 'linear-beta', steps: 30 } });
    const { run, outcome, results } = await collect(config, {}, { threads: 2 });
    expect(outcome.status).toBe('completed');
    expect(outcome.seedsDone).toEqual([2, 3, 4]);
    expect(run.backend).toBe('cpu-f64 reference (2 threads)');
    const plan = resolvePlan(config);
    for (const result of results) {
      const expected = runSeed(plan, result.seed);
      result.finalImages.forEach((image, v) => expect(bits(image)).toBe(bits(expected.finalImages[v]!)));
      expect(result.steps).toEqual(expected.steps);
    }
  });

  it('the workers\' float64 WebAssembly kernels (the default) and their JavaScript loops (f64Kernels: js) give the same numbers bit for bit', async () => {
    const config = toy({ seeds: { start: 0, count: 2 }, schedule: { kind: 'linear-beta', steps: 40 } });
    const wasm = await collect(config, {}, { threads: 1 });
    const js = await collect(config, {}, { threads: 1, f64Kernels: 'js' });
    expect(wasm.results.map((r) => r.seed)).toEqual([0, 1]);
    wasm.results.forEach((result, s) => {
      result.finalImages.forEach((image, v) => expect(bits(image)).toBe(bits(js.results[s]!.finalImages[v]!)));
      expect(result.steps).toEqual(js.results[s]!.steps);
    });
  });

  it('cancellation keeps the finished seeds, stops between steps and marks the run cancelled', async () => {
    // 400 seeds (~6 s of work): the worker cannot finish them all before main has seen two and cancelled, however busy main is (12 could: ~15 ms a seed).
    const config = toy({ seeds: { start: 0, count: 400 }, schedule: { kind: 'linear-beta', steps: 600 } });
    const finished: number[] = [];
    const run = startEngine(config, {}, { threads: 1, callbacks: { onSeed: (r) => { finished.push(r.seed); if (finished.length === 2) run.cancel(); } } });
    const outcome = await run.done;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.seedsDone.length).toBeGreaterThanOrEqual(2);
    expect(outcome.seedsDone.length).toBeLessThan(400);
    expect([...finished].sort((a, b) => a - b)).toEqual(outcome.seedsDone);
  });

  it('a config that fails in the worker ends the run as failed with the message', async () => {
    const { config } = digitsCase();
    const { outcome } = await collect(config, {}, { backend: 'reference' });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ code: 'invalid-argument', message: 'inputs.digits: the digits dataset was not loaded' });
    expect(outcome.seedsDone).toEqual([]);
  });

  it('emits progress at most 10 times per second: successive events ≥ 100 ms apart, and a last one at the end', async () => {
    const config = toy({ seeds: { start: 0, count: 6 }, schedule: { kind: 'linear-beta', steps: 400 } });
    const times: number[] = [];
    const events: EngineProgress[] = [];
    const started = performance.now();
    const { outcome } = await collect(config, {}, { threads: 2, callbacks: { onProgress: (p) => { times.push(performance.now()); events.push(p); } } });
    const elapsed = performance.now() - started;
    expect(outcome.status).toBe('completed');
    // The final flush may follow the previous event sooner; every rate-limited event is ≥ 100 ms after the one before.
    for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(99.5);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(events.at(-1)).toEqual({ seedsDone: 6, seedsTotal: 6, stepsDone: 2400, stepsTotal: 2400 });
  });

  it('pruned backend (digits): completes, reports ε and the skipped fraction per step, and stays within 1e-9 of the reference', async () => {
    const { config, inputs } = digitsCase();
    const pruned = await collect(config, inputs, { backend: 'pruned', threads: 2 });
    const reference = await collect(config, inputs, { backend: 'reference', threads: 2 });
    expect(pruned.outcome.status).toBe('completed');
    // FMA where the sparse kernels fuse their multiply-adds (relaxed SIMD: the vitest runner enables it on Node 20).
    expect(pruned.run.backend).toBe(`cpu-f64 pruned ε=1e-12${wasmFusedMultiplyAdd() ? ' FMA' : ''} (2 threads)`);
    expect(pruned.pruning.length).toBeGreaterThan(0);
    for (const s of pruned.pruning) {
      expect(s.epsilon).toBe(1e-12);
      expect(s.neglectedWeight).toBeLessThanOrEqual(1e-12);
    }
    // The skipped fraction rises as σ falls (last steps near σ_min prune hardest).
    expect(Math.max(...pruned.pruning.filter((s) => s.step >= 15).map((s) => s.skippedFraction))).toBeGreaterThan(0);
    // ‖D̃ − D‖ ≤ 2ε·max‖y − μ‖ ≈ 1e-11 per evaluation, through 20 contracting Euler steps: 1e-9 is a wide margin.
    pruned.results.forEach((r, s) => r.finalImages.forEach((image, v) => image.forEach((value, k) => expect(Math.abs(value - reference.results[s]!.finalImages[v]![k]!)).toBeLessThan(1e-9))));
  });

  it('webasm-threaded backend (digits, forced): completes in float32 within 1e-4 of the float64 reference', async () => {
    const { config, inputs } = digitsCase();
    const gpu = await collect(config, inputs, { backend: 'webasm-threaded' });
    const reference = await collect(config, inputs, { backend: 'reference' });
    expect(gpu.outcome.status).toBe('completed');
    expect(gpu.run.backend).toBe('webasm-threaded f32 (empirical denoiser; rest cpu-f64)');
    expect(gpu.outcome.backend.kind).toBe('webasm-threaded');
    // Float32 denoiser errors (≤ ~1e-6 of the data scale per evaluation, gpu/empirical.test.ts) carried through 20 Euler steps.
    gpu.results.forEach((r, s) => r.finalImages.forEach((image, v) => image.forEach((value, k) => expect(Math.abs(value - reference.results[s]!.finalImages[v]![k]!)).toBeLessThan(1e-4))));
  });

  it('pruned backend on user images (data kind images): trains on all but the held-out image, within 1e-9 of the reference', async () => {
    const rng = new CounterRng(78, 0);
    const images = Array.from({ length: 30 }, () => Array.from({ length: 36 }, () => rng.nextUniform() ** 2));
    const config = parseConfig({
      ...PRESETS.digits, data: { kind: 'images', height: 6, width: 6, images, heldOutIndex: 4 }, partition: { kind: 'grid', rows: 2, cols: 2 },
      seeds: { start: 0, count: 3 }, schedule: { kind: 'edm', steps: 12 }, frames: { count: 0, seeds: 0 },
    });
    const pruned = await collect(config, {}, { backend: 'auto', threads: 1 });
    const reference = await collect(config, {}, { backend: 'reference', threads: 1 });
    expect(pruned.outcome.status).toBe('completed');
    expect(pruned.outcome.backend.kind).toBe('pruned');
    pruned.results.forEach((r, s) => r.finalImages.forEach((image, v) => image.forEach((value, k) => expect(Math.abs(value - reference.results[s]!.finalImages[v]![k]!)).toBeLessThan(1e-9))));
  });

  it('stores the backend that runs: engineBackend(config) equals the started run\'s backend, and INFODIFF_BACKEND is honoured and validated', async () => {
    const { config, inputs } = digitsCase({ seeds: { start: 0, count: 1 }, schedule: { kind: 'edm', steps: 3 } });
    process.env.INFODIFF_BACKEND = 'reference';
    expect(engineBackend(config, { threads: 1 }).kind).toBe('reference');
    const { run, outcome } = await collect(config, inputs, { threads: 1 });
    expect(run.backend).toBe(engineBackend(config, { threads: 1 }).label);
    expect(outcome.backend.kind).toBe('reference');
    process.env.INFODIFF_BACKEND = 'cuda';
    expect(() => engineBackend(config)).toThrow(/backend: expected one of auto, reference, pruned, webgpu, headlessgl, webasm-threaded, webasm-simd, gpujs-cpu, got "cuda"/);
  });

  it('refuses a forced backend this machine lacks, naming why, and a worker nice outside [0, 19]', () => {
    const { config } = digitsCase();
    expect(() => startEngine(config, {}, { backend: 'webgpu' })).toThrow(/backend: webgpu is not available on this machine: /);
    expect(() => startEngine(config, {}, { backend: 'reference', workerNice: 20 })).toThrow('workerNice: expected an integer in [0, 19], got 20');
  });
});
