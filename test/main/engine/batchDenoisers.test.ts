import { describe, expect, it } from 'vitest';
import type { EngineBackend } from '../../../src-main/engine/backend';
import { wasmFusedMultiplyAdd } from '../../../src-main/engine/wasm/sparseKernels';
import { createEngineBatchDenoiser } from '../../../src-main/engine/batchDenoisers';
import { loadDigits } from '../../../src-main/data/digits';
import { createPrunedEmpiricalDenoiser } from '../../../src-shared/diffusion/denoisers/pruned';
import { createSparseStage } from '../../../src-shared/diffusion/denoisers/prunedSparse';
import { sparseData } from '../../../src-shared/diffusion/denoisers/sparseData';
import { parseConfig } from '../../../src-shared/experiment/config';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { CounterRng } from '../../../src-shared/math/rng';

const pruned: EngineBackend = { kind: 'pruned', label: 'cpu-f64 pruned ε=1e-12 (1 thread)', threads: 1, epsilon: 1e-12, fusedMultiplyAdd: false, reason: 'test' };
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('createEngineBatchDenoiser(pruned backend, digits config, inputs, capacity)', () => {
  const count = 1500;
  const digits = loadDigits();
  const config = parseConfig({ ...PRESETS.digits, data: { kind: 'digits', trainCount: count, heldOutIndex: 9999 } });
  const data = digits.pixels.subarray(0, count * 784);
  const batch = createEngineBatchDenoiser(pruned, config, { digits }, 64);
  const rng = new CounterRng(7, 0);
  const sigmas = Float64Array.from({ length: 13 }, (_, r) => 80 * (0.002 / 80) ** (r / 12));
  const xs = new Float64Array(sigmas.length * 784);
  sigmas.forEach((sigma, r) => {
    const j = rng.nextInt(count);
    for (let k = 0; k < 784; k++) xs[r * 784 + k] = data[j * 784 + k]! + sigma * rng.nextNormal();
  });

  it('runs the digits through the WebAssembly sparse stage: the same bits as the JavaScript sparse path always staged (tested against the reference in prunedSparse.test.ts), 13 rows from σ = 80 to 0.002, nothing skipped', async () => {
    const out = await batch.denoiseBatch(xs, sigmas, { dimension: 784, rows: [] });
    const js = createPrunedEmpiricalDenoiser(data, count, 784, { epsilon: 1e-12, sparseStage: (s, lp) => ({ ...createSparseStage(s, lp), relativeCost: 0 }) });
    expect(bits(out)).toBe(bits(js.denoiseRows(xs, sigmas)));
    const stats = batch.takePruning()!;
    expect(stats.queries).toBe(13);
    expect(stats.skipped).toBe(0);
    expect(stats.denoiseMs).toBeGreaterThan(0);
  });

  const rows = 4;
  const levels = Array.from({ length: 21 }, (_, i) => (1 + (i / 20) * (0.002 ** (1 / 7) - 1)) ** 7);
  /** PF-Euler from digits 11·r + start plus unit noise; the outputs of every step (as bits and values), and the skipped fraction of the last. */
  const trajectory = async (denoiser: typeof batch, start: number) => {
    const noise = new CounterRng(start, 0);
    const x = new Float64Array(rows * 784);
    for (let r = 0; r < rows; r++) for (let k = 0; k < 784; k++) x[r * 784 + k] = data[(11 * r + start) * 784 + k]! + noise.nextNormal();
    const outputs: string[] = [];
    const values: number[] = [];
    let lastSkipped = 0;
    for (let i = 0; i + 1 < levels.length; i++) {
      const ctx = { dimension: 784, rows: Array.from({ length: rows }, () => ({ denoiser: { denoise: () => new Float64Array(0) }, ctx: { step: i, evaluation: 0, noise: { normal: () => 0 } } })) };
      const out = await denoiser.denoiseBatch(x, new Float64Array(rows).fill(levels[i]!), ctx as never);
      outputs.push(bits(out));
      values.push(...out);
      lastSkipped = denoiser.takePruning()!.skippedFraction;
      for (let k = 0; k < x.length; k++) x[k] = x[k]! + ((levels[i + 1]! - levels[i]!) / levels[i]!) * (x[k]! - out[k]!);
    }
    return { outputs, values, lastSkipped };
  };

  it('bounds each seed group\'s rows from their own earlier steps only: a trajectory run after another gives the bits of a fresh denoiser, and skips ≥ 90 % of the points at its last steps', async () => {
    batch.takePruning();
    await trajectory(batch, 3);
    const after = await trajectory(batch, 40);
    const fresh = await trajectory(createEngineBatchDenoiser(pruned, config, { digits }, 64), 40);
    expect(after.outputs).toEqual(fresh.outputs);
    expect(after.lastSkipped).toBeGreaterThanOrEqual(0.9);
    // The same first evaluation twice (two groups): the second is not bounded from the first's anchor
    // (it would skip most points at σ = 0.05; the bits would be the same either way).
    const first = { dimension: 784, rows: Array.from({ length: 4 }, () => ({ denoiser: { denoise: () => new Float64Array(0) }, ctx: { step: 0, evaluation: 0, noise: { normal: () => 0 } } })) };
    const start = xs.slice(8 * 784, 12 * 784);
    const level = new Float64Array(4).fill(0.05);
    const once = bits(await batch.denoiseBatch(start, level, first as never));
    expect(bits(await batch.denoiseBatch(start, level, first as never))).toBe(once);
    expect(batch.takePruning()!.skipped).toBe(0);
  });

  it.skipIf(!wasmFusedMultiplyAdd())('with fused multiply-adds (the FMA label): a trajectory run after another gives the bits of a fresh denoiser, close to the plain kernels\' outputs (|Δ| < 1e-12 + 1e-9·|v|), and skips as much', async () => {
    const fusedBackend: EngineBackend = { ...pruned, label: 'cpu-f64 pruned ε=1e-12 FMA (1 thread)', fusedMultiplyAdd: true };
    const fused = createEngineBatchDenoiser(fusedBackend, config, { digits }, 64);
    await trajectory(fused, 3);
    const after = await trajectory(fused, 40);
    const fresh = await trajectory(createEngineBatchDenoiser(fusedBackend, config, { digits }, 64), 40);
    expect(after.outputs).toEqual(fresh.outputs);
    expect(after.lastSkipped).toBeGreaterThanOrEqual(0.9);
    const plain = await trajectory(createEngineBatchDenoiser(pruned, config, { digits }, 64), 40);
    expect(after.values.some((v, i) => v !== plain.values[i]), 'the fusion changes some bits').toBe(true);
    // Both within the expansion's first-order bound of exact (β ≈ 3e-11 on the digits, δℓ ≤ β/σ² at σ ≥ 0.17, refined below).
    after.values.forEach((v, i) => expect(Math.abs(v - plain.values[i]!), `value ${i}`).toBeLessThan(1e-12 + 1e-9 * Math.abs(v)));
  });

  it('keeps the old path for dense data: density ≥ 0.5 is not stored sparsely', () => {
    expect(sparseData(data, count, 784).values.length / (count * 784)).toBeLessThan(0.5);
    const dense = Float64Array.from(data.subarray(0, 50 * 784), (v) => 0.25 + v);
    expect(createPrunedEmpiricalDenoiser(dense, 50, 784).sparse).toBe(false);
  });
});
