import { describe, expect, it } from 'vitest';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { createPrunedEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/pruned';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { CounterRng } from '../../../../src-shared/math/rng';

const ctx = { step: 0, evaluation: 0, noise: new SampleNoise(0, 0) };
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** n points in ℝ^d: 12 cluster centres (spread 3) plus within-cluster noise 0.4 with a decaying spectrum. */
function clustered(n: number, d: number, seed: number): Float64Array {
  const rng = new CounterRng(seed, 0);
  const centres = Array.from({ length: 12 }, () => Float64Array.from({ length: d }, () => 3 * rng.nextNormal()));
  const data = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    const c = centres[j % 12]!;
    for (let k = 0; k < d; k++) data[j * d + k] = c[k]! + (0.4 * rng.nextNormal()) / Math.sqrt(1 + k);
  }
  return data;
}

const n = 600;
const d = 40;
const data = clustered(n, d, 3);
const exact = createEmpiricalDenoiser(data, n, d);
const sigmas = Array.from({ length: 25 }, (_, i) => 80 * (0.002 / 80) ** (i / 24));
const norm = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));

/** Queries at level σ: data points plus σ-noise (the sampler's regime) and pure noise. */
function queries(sigma: number, rng: CounterRng): Float64Array[] {
  return Array.from({ length: 6 }, (_, q) => {
    const j = rng.nextInt(n);
    return Float64Array.from({ length: d }, (_, k) => (q < 5 ? data[j * d + k]! : 0) + sigma * rng.nextNormal());
  });
}

describe('createPrunedEmpiricalDenoiser(data, count, dimension, { epsilon })', () => {
  it('is bit-identical to createEmpiricalDenoiser with ε = 0 (nothing skipped), D and tr C, at 25 levels σ ∈ [0.002, 80]', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 0 });
    const rng = new CounterRng(8, 0);
    for (const sigma of sigmas) {
      for (const x of queries(sigma, rng)) {
        const a = D.denoiseWithTrace(x, sigma), b = exact.denoiseWithTrace(x, sigma);
        expect(bits(a.denoised)).toBe(bits(b.denoised));
        expect(a.traceCov).toBe(b.traceCov);
      }
    }
    expect(D.takeStats().skipped).toBe(0);
  });

  for (const epsilon of [1e-2, 1e-6, 1e-12]) {
    it(`keeps ‖D̃ − D‖₂ ≤ m·diam ≤ 2ε·max‖y − μ‖ and |tr C̃ − tr C| ≤ ε·diam² for ε = ${epsilon}, σ from 80 to 0.002`, () => {
      const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon, rank: 16, levels: [4, 16] });
      const rng = new CounterRng(9, 0);
      const diam = D.meanErrorBound / epsilon;
      // Rounding allowance: the two paths sum over different sets; ~n·u·max|y| with a wide margin.
      const rounding = 1e-11;
      for (const sigma of sigmas) {
        for (const x of queries(sigma, rng)) {
          const a = D.denoiseWithTrace(x, sigma), b = exact.denoiseWithTrace(x, sigma);
          const { neglectedWeight } = D.takeStats();
          expect(neglectedWeight).toBeLessThanOrEqual(epsilon);
          expect(norm(a.denoised, b.denoised)).toBeLessThanOrEqual(neglectedWeight * diam + rounding);
          expect(Math.abs(a.traceCov - b.traceCov)).toBeLessThanOrEqual(neglectedWeight * diam * diam + rounding * (1 + b.traceCov));
        }
      }
    });
  }

  it('skips more as σ falls: nothing at σ = 80, over 90 % of the points at σ ≤ 0.05 (ε = 1e-9)', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-9, rank: 16, levels: [4, 16] });
    const rng = new CounterRng(10, 0);
    const fractionAt = (sigma: number) => {
      for (const x of queries(sigma, rng).slice(0, 5)) D.denoise(x, sigma, ctx);
      return D.takeStats().skippedFraction;
    };
    expect(fractionAt(80)).toBe(0);
    expect(fractionAt(0.05)).toBeGreaterThan(0.9);
    expect(fractionAt(0.002)).toBeGreaterThan(0.9);
  });

  it('denoiseRows(xs, sigmas) with ε = 0 (dense 4 × 4-blocked path) is bit-identical to the reference, 9 rows at mixed σ', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 0 });
    const rng = new CounterRng(12, 0);
    const rowSigmas = Float64Array.of(80, 3, 0.5, 0.01, 1, 1, 0.002, 20, 0.3);
    const packed = new Float64Array(rowSigmas.length * d);
    rowSigmas.forEach((sigma, r) => packed.set(queries(sigma, rng)[r % 6]!, r * d));
    const out = D.denoiseRows(packed, rowSigmas);
    rowSigmas.forEach((sigma, r) => expect(bits(out.subarray(r * d, (r + 1) * d))).toBe(bits(exact.denoise(packed.subarray(r * d, (r + 1) * d), sigma, ctx))));
  });

  it('denoiseRows(xs, sigmas) agrees with denoise row by row within the ε bound (groups may compute over every point) and counts its queries', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-6 });
    const rng = new CounterRng(11, 0);
    const rows = [...queries(2, rng), ...queries(0.1, rng)];
    const rowSigmas = Float64Array.from(rows, (_, r) => (r < 6 ? 2 : 0.1));
    const packed = new Float64Array(rows.length * d);
    rows.forEach((x, r) => packed.set(x, r * d));
    const out = D.denoiseRows(packed, rowSigmas);
    const stats = D.takeStats();
    expect(stats.queries).toBe(rows.length);
    expect(stats.neglectedWeight).toBeLessThanOrEqual(1e-6);
    // Both are within ε·diam of the exact mean, so within twice that of each other (plus rounding).
    rows.forEach((x, r) => expect(norm(out.subarray(r * d, (r + 1) * d), D.denoise(x, rowSigmas[r]!, ctx))).toBeLessThanOrEqual(2 * D.meanErrorBound + 1e-11));
  });

  it('denoiseRows keeps skipping at small σ: 8 rows at σ = 0.01 skip over 90 % of the points', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-9, rank: 16, levels: [4, 16] });
    const rng = new CounterRng(14, 0);
    const rows = [...queries(0.01, rng).slice(0, 4), ...queries(0.01, rng).slice(0, 4)];
    const packed = new Float64Array(rows.length * d);
    rows.forEach((x, r) => packed.set(x, r * d));
    D.denoiseRows(packed, new Float64Array(rows.length).fill(0.01));
    expect(D.takeStats().skippedFraction).toBeGreaterThan(0.9);
  });

  it('returns the nearest point exactly at σ = 0 and the prior mean at σ = ∞, like the reference', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-9 });
    const x = Float64Array.from(data.subarray(5 * d, 6 * d), (v) => v + 1e-3);
    expect(bits(D.denoise(x, 0, ctx))).toBe(bits(data.slice(5 * d, 6 * d)));
    expect(bits(D.denoise(x, Infinity, ctx))).toBe(bits(exact.denoise(x, Infinity, ctx)));
  });

  it('propagates NaN (a NaN query gives NaN, no throw)', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-9 });
    const x = new Float64Array(d).fill(NaN);
    expect(Array.from(D.denoise(x, 0.5, ctx)).every(Number.isNaN)).toBe(true);
  });

  it('takes a single level by default when r ≤ 16 (rank 8 on d = 40) and still bounds the error', () => {
    const D = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-6, rank: 8 });
    const x = queries(0.05, new CounterRng(13, 0))[0]!;
    expect(norm(D.denoise(x, 0.05, ctx), exact.denoise(x, 0.05, ctx))).toBeLessThanOrEqual(D.meanErrorBound + 1e-11);
  });

  it('rejects ε outside [0, 1), non-increasing levels, a rank above d and mismatched data', () => {
    expect(() => createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1 })).toThrow(/epsilon: expected a number in \[0, 1\), got 1/);
    expect(() => createPrunedEmpiricalDenoiser(data, n, d, { epsilon: -1e-3 })).toThrow(/epsilon/);
    expect(() => createPrunedEmpiricalDenoiser(data, n, d, { rank: 8, levels: [8, 4] })).toThrow(/levels\[1\]: expected increasing integers in \[1, 8\], got 4/);
    expect(() => createPrunedEmpiricalDenoiser(data, n, d, { rank: 41 })).toThrow(/rank: expected an integer in \[1, 40\], got 41/);
    expect(() => createPrunedEmpiricalDenoiser(data, n + 1, d)).toThrow(/data: expected count × dimension/);
  });
});
