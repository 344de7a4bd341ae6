import { afterAll, describe, expect, it } from 'vitest';
import { createGpuContext, GPU_BACKENDS, type GpuContext } from '../../../../src-main/engine/gpu/context';
import { createGpuBlockKernels } from '../../../../src-main/engine/gpu/masses';
import { measureImage } from '../../../../src-shared/coarse/masses';
import { gridPartition, makePartition } from '../../../../src-shared/coarse/partition';
import { createProjector } from '../../../../src-shared/coarse/projection';
import { toleranceBand } from '../../../../src-shared/coarse/tolerance';
import { CounterRng } from '../../../../src-shared/math/rng';
import { backendAvailability, expectWithin, F32_U, parityName, sumTol } from './support';

const rows = 6;
const rng = new CounterRng(41, 0);
// A 12 × 12 image on a 3 × 2 grid (blocks of 24 pixels) and an irregular 5-block label map.
const grid = gridPartition(12, 12, 3, 2);
const painted = makePartition(12, 12, Int32Array.from({ length: 144 }, (_, i) => (i * 7 + (i >> 3)) % 5));
const images = Float64Array.from({ length: rows * 144 }, () => rng.nextUniform() * 2 - 0.3);

/**
 * Mass tolerance: s_k carries input rounding u and a sum of n_k terms (sumTol(n_k)); Z the K-term sum
 * of those; w_k = s_k/Z one more rounding: |δw_k| ≤ w_k(3u + sumTol(n_k) + max_k sumTol(n_k) + sumTol(K)).
 */
function massTol(w: Float64Array, counts: Int32Array): Float64Array {
  const worst = Math.max(...Array.from(counts, (c) => sumTol(c)));
  return Float64Array.from(w, (v, k) => v * (3 * F32_U + sumTol(counts[k]!) + worst + sumTol(w.length)) + 1e-300);
}

const availability = await backendAvailability();
const contexts: GpuContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.destroy()));
});

describe('createGpuBlockKernels(ctx, partition, capacity): float32 parity with coarse/masses and coarse/projection', () => {
  for (const backend of GPU_BACKENDS) {
    const missing = availability[backend];
    for (const [name, partition] of [['3 × 2 grid', grid], ['painted 5-block map', painted]] as const) {
      it.skipIf(missing !== null)(parityName(backend, missing, `measure(…) equals measureImage to the derived mass tolerance (${name})`), async () => {
        const ctx = createGpuContext(backend);
        contexts.push(ctx);
        const blocks = createGpuBlockKernels(ctx, partition, 8);
        const { masses, totals } = await blocks.measure(images, rows);
        for (let r = 0; r < rows; r++) {
          const expected = new Float64Array(partition.K);
          const z = measureImage(images.subarray(r * 144, (r + 1) * 144), partition, expected);
          expectWithin(masses.subarray(r * partition.K, (r + 1) * partition.K), expected, massTol(expected, partition.counts), `w row ${r}`);
          expectWithin([totals[r]!], [z], [z * (2 * F32_U + sumTol(144))], `Z row ${r}`);
        }
      });

      it.skipIf(missing !== null)(parityName(backend, missing, `project(…) equals projectImageInPlace within 4× the mass tolerance plus 3 roundings (${name})`), async () => {
        const ctx = createGpuContext(backend);
        contexts.push(ctx);
        const blocks = createGpuBlockKernels(ctx, partition, 8);
        const K = partition.K;
        const lower = new Float64Array(rows * K), upper = new Float64Array(rows * K);
        const expected = images.slice();
        for (let r = 0; r < rows; r++) {
          // A band of width 0.02 around a perturbed uniform target, so most rows need a real projection.
          const target = Float64Array.from({ length: K }, () => 1 + 0.6 * rng.nextUniform());
          const total = target.reduce((a, b) => a + b, 0);
          const band = toleranceBand(target.map((t) => t / total), 0.01, 'absolute');
          lower.set(band.lower, r * K);
          upper.set(band.upper, r * K);
          createProjector(partition, band.lower, band.upper).projectInPlace(expected.subarray(r * 144, (r + 1) * 144));
        }
        const projected = await blocks.project(images, rows, lower, upper);
        const worstMass = Math.max(...Array.from(partition.counts, (c) => sumTol(c))) * 2 + sumTol(K) + 3 * F32_U;
        const tol = Float64Array.from(expected, (v) => (4 * worstMass + 3 * F32_U) * Math.abs(v));
        expectWithin(projected, expected, tol, 'Π_δ x');
        expect(projected).not.toEqual(images);
      });
    }
  }

  it('rejects a row count above the capacity and a wrong pixel count', async () => {
    const ctx = createGpuContext('gpujs-cpu');
    contexts.push(ctx);
    const blocks = createGpuBlockKernels(ctx, grid, 4);
    await expect(blocks.measure(images, rows)).rejects.toThrow(/rows: expected an integer in \[1, 4\], got 6/);
    await expect(blocks.measure(images.subarray(0, 100), 1)).rejects.toThrow(/xs: expected 1 rows × 144 pixels/);
  });
});
