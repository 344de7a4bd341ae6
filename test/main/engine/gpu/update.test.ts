import { afterAll, describe, it } from 'vitest';
import { createGpuContext, GPU_BACKENDS, type GpuContext } from '../../../../src-main/engine/gpu/context';
import { createGpuUpdateKernels } from '../../../../src-main/engine/gpu/update';
import { affineUpdate } from '../../../../src-shared/diffusion/samplers/update';
import { CounterRng } from '../../../../src-shared/math/rng';
import { backendAvailability, expectWithin, F32_U, parityName } from './support';

const rows = 5;
const P = 300;
const rng = new CounterRng(51, 0);
const normals = () => Float64Array.from({ length: rows * P }, () => rng.nextNormal());
const xs = normals().map((v) => 40 * v);
const denoised = normals().map((v) => 0.5 + 0.2 * v);
const z = normals();
const xi = normals();
const keep = Float64Array.of(0.99, 0.5, 0.1, 1e-3, 0);
const scale = Float64Array.of(0.3, 1.2, 0.05, 0, 0);

/** Six roundings (three inputs, three operations) on the magnitudes involved: 6u(|x̂₀| + keep(|x| + |x̂₀|) + scale|z|). */
function updateTol(r: number, k: number, d: number): number {
  const o = r * P + k;
  return 6 * F32_U * (Math.abs(d) + keep[r]! * (Math.abs(xs[o]!) + Math.abs(d)) + scale[r]! * Math.abs(z[o]!));
}

const availability = await backendAvailability();
const contexts: GpuContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.destroy()));
});

describe('createGpuUpdateKernels(ctx, length, capacity): float32 parity with samplers/update.affineUpdate', () => {
  for (const backend of GPU_BACKENDS) {
    const missing = availability[backend];
    it.skipIf(missing !== null)(parityName(backend, missing, 'affine(…) equals affineUpdate row by row within 6 roundings'), async () => {
      const ctx = createGpuContext(backend);
      contexts.push(ctx);
      const out = await createGpuUpdateKernels(ctx, P, 8).affine(xs, denoised, z, { keep, scale });
      for (let r = 0; r < rows; r++) {
        const s = (a: Float64Array) => a.subarray(r * P, (r + 1) * P);
        const expected = affineUpdate(s(xs), s(denoised), keep[r]!, { scale: scale[r]!, z: s(z) });
        expectWithin(s(out), expected, Float64Array.from(expected, (_, k) => updateTol(r, k, denoised[r * P + k]!)), `x' row ${r}`);
      }
    });

    it.skipIf(missing !== null)(parityName(backend, missing, 'toyStep(…) equals affineUpdate with x̂₀ = blurred + σ_err·ξ within 8 roundings'), async () => {
      const ctx = createGpuContext(backend);
      contexts.push(ctx);
      const noiseStd = 0.05;
      const out = await createGpuUpdateKernels(ctx, P, 8, noiseStd).toyStep(xs, denoised, xi, z, { keep, scale });
      for (let r = 0; r < rows; r++) {
        const s = (a: Float64Array) => a.subarray(r * P, (r + 1) * P);
        const hat = Float64Array.from(s(denoised), (v, k) => v + noiseStd * xi[r * P + k]!);
        const expected = affineUpdate(s(xs), hat, keep[r]!, { scale: scale[r]!, z: s(z) });
        // Two more roundings for x̂₀ = blurred + σ_err·ξ, carried through (1 + keep).
        const tol = Float64Array.from(expected, (_, k) => updateTol(r, k, hat[k]!) + 2 * F32_U * (1 + keep[r]!) * (Math.abs(hat[k]!) + noiseStd * Math.abs(xi[r * P + k]!)));
        expectWithin(s(out), expected, tol, `x' row ${r}`);
      }
    });
  }
});
