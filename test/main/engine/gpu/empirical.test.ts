import { afterAll, describe, expect, it } from 'vitest';
import { createGpuContext, GPU_BACKENDS, type GpuContext } from '../../../../src-main/engine/gpu/context';
import { createGpuEmpiricalDenoiser } from '../../../../src-main/engine/gpu/empirical';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { CounterRng } from '../../../../src-shared/math/rng';
import { backendAvailability, expectWithin, expTol, F32_U, logTol, parityName, sumTol } from './support';

const n = 300;
const d = 49;
const rng = new CounterRng(31, 0);
const data = Float64Array.from({ length: n * d }, () => rng.nextUniform());
const reference = createEmpiricalDenoiser(data, n, d);
const rowSigmas = Float64Array.of(80, 5, 1, 0.3, 0.05, 0.005);
const xs = new Float64Array(rowSigmas.length * d);
rowSigmas.forEach((sigma, r) => {
  const j = rng.nextInt(n);
  for (let k = 0; k < d; k++) xs[r * d + k] = data[j * d + k]! + sigma * rng.nextNormal();
});

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, a) => s + a * a, 0));

/**
 * Per-row float32 tolerances for D and tr C against the float64 reference. Distances:
 * |δ‖x − y_j‖²| ≤ sumTol(d)·‖x − y_j‖² + 2u‖x − y_j‖(‖x‖ + ‖y_j‖) (accumulation and input rounding).
 * A weight's exponent moves by that over 2σ² (plus the same for the shift m, and ln S's logTol), and
 * exp adds expTol of its argument, so w_j moves by the relative η_j = e^{δ_j} − 1 + expTol; the
 * normaliser S moves by η̄ = Σ_j w_j η_j + sumTol(n). D_k then moves by Σ_j w_j(η_j + η̄)|y_jk| plus the
 * weighted sum's accumulation sumTol(n)·Σ_j w_j|y_jk| and its own rounding; tr C by the same weights on
 * ‖y_j‖², both accumulations, and 2‖D‖·‖δD‖ from the subtracted ‖D‖².
 */
function tolerances(x: Float64Array, sigma: number) {
  const w = reference.posteriorWeights(x, sigma);
  const denoised = reference.denoise(x, sigma, { step: 0, evaluation: 0, noise: undefined as never });
  const normX = norm(x);
  const distance2 = new Float64Array(n);
  const delta = new Float64Array(n);
  let nearest = Infinity, nearestErr = 0;
  for (let j = 0; j < n; j++) {
    const y = data.subarray(j * d, (j + 1) * d);
    const diff = Math.sqrt(y.reduce((s, v, k) => s + (x[k]! - v) ** 2, 0));
    distance2[j] = diff * diff;
    delta[j] = sumTol(d) * diff * diff + 2 * F32_U * diff * (normX + norm(y));
    if (diff * diff < nearest) [nearest, nearestErr] = [diff * diff, delta[j]!];
  }
  const scale = 1 / (2 * sigma * sigma);
  const logSum = Math.log(distance2.reduce((s, v) => s + Math.exp(-(v - nearest) * scale), 0));
  const eta = Float64Array.from(delta, (e, j) => Math.expm1((e + nearestErr) * scale + logTol(logSum)) + expTol(-(distance2[j]! - nearest) * scale - logSum));
  const etaMean = eta.reduce((s, e, j) => s + (w[j]! > 0 ? w[j]! * e : 0), 0) + sumTol(n);
  const dTol = new Float64Array(d);
  let traceTol = 0, second = 0;
  for (let j = 0; j < n; j++) {
    if (w[j] === 0) continue;
    const factor = w[j]! * (eta[j]! + etaMean + sumTol(n));
    let y2 = 0;
    for (let k = 0; k < d; k++) {
      const y = data[j * d + k]!;
      dTol[k] = dTol[k]! + factor * Math.abs(y);
      y2 += y * y;
    }
    traceTol += factor * y2;
    second += w[j]! * y2;
  }
  for (let k = 0; k < d; k++) dTol[k] = dTol[k]! + F32_U * Math.abs(denoised[k]!);
  traceTol += sumTol(n) * second + sumTol(d) * norm(denoised) ** 2 + 2 * norm(denoised) * norm(dTol);
  return { dTol, traceTol };
}

const availability = await backendAvailability();
const contexts: GpuContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.destroy()));
});

describe('createGpuEmpiricalDenoiser(ctx, data, n, d, capacity): float32 parity with the float64 reference', () => {
  for (const backend of GPU_BACKENDS) {
    const missing = availability[backend];
    it.skipIf(missing !== null)(parityName(backend, missing, 'D and tr C within the derived float32 tolerance at σ ∈ {80, 5, 1, 0.3, 0.05, 0.005}, 6 rows padded to 8'), async () => {
      const ctx = createGpuContext(backend);
      contexts.push(ctx);
      const gpuDenoiser = createGpuEmpiricalDenoiser(ctx, data, n, d, 8);
      const result = await gpuDenoiser.denoiseRows(xs, rowSigmas);
      expect(result.denoised.length).toBe(rowSigmas.length * d);
      rowSigmas.forEach((sigma, r) => {
        const x = xs.subarray(r * d, (r + 1) * d);
        const exact = reference.denoiseWithTrace(x, sigma);
        const { dTol, traceTol } = tolerances(x, sigma);
        expectWithin(result.denoised.subarray(r * d, (r + 1) * d), exact.denoised, dTol, `D row ${r} (σ = ${sigma})`);
        expectWithin([result.traceCov[r]!], [exact.traceCov], [traceTol], `tr C row ${r} (σ = ${sigma})`);
      });
      // Small plans (< 4096 cells per kernel) stay on the sync path even when threads are allowed.
      if (backend.startsWith('webasm')) expect(gpuDenoiser.executorKind).toMatch(/^fused-(threaded|sync)$/);
    });
  }

  it('rejects more rows than its capacity and mismatched rows', async () => {
    const ctx = createGpuContext('gpujs-cpu');
    contexts.push(ctx);
    const gpuDenoiser = createGpuEmpiricalDenoiser(ctx, data, n, d, 4);
    await expect(gpuDenoiser.denoiseRows(xs, rowSigmas)).rejects.toThrow(/sigmas: expected at most 4 rows \(the capacity\), got 6/);
    await expect(gpuDenoiser.denoiseRows(xs.subarray(0, d), Float64Array.of(1, 2))).rejects.toThrow(/xs: expected 2 rows × 49/);
  });
});
