import { describe, expect, it } from 'vitest';
import type { EngineBackend } from '../../../src-main/engine/backend';
import { createEngineBatchDenoiser } from '../../../src-main/engine/batchDenoisers';
import { loadDigits } from '../../../src-main/data/digits';
import { createPrunedEmpiricalDenoiser } from '../../../src-shared/diffusion/denoisers/pruned';
import { createSparseStage } from '../../../src-shared/diffusion/denoisers/prunedSparse';
import { sparseData } from '../../../src-shared/diffusion/denoisers/sparseData';
import { parseConfig } from '../../../src-shared/experiment/config';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { CounterRng } from '../../../src-shared/math/rng';

const pruned: EngineBackend = { kind: 'pruned', label: 'cpu-f64 pruned ε=1e-12 (1 thread)', threads: 1, epsilon: 1e-12, reason: 'test' };
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

  it('keeps the old path for dense data: density ≥ 0.5 is not stored sparsely', () => {
    expect(sparseData(data, count, 784).values.length / (count * 784)).toBeLessThan(0.5);
    const dense = Float64Array.from(data.subarray(0, 50 * 784), (v) => 0.25 + v);
    expect(createPrunedEmpiricalDenoiser(dense, 50, 784).sparse).toBe(false);
  });
});
