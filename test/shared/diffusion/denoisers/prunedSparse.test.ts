import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../../../src-main/data/digits';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { createPrunedEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/pruned';
import { createSparseStage, flushedExp, refineScores, sparseScores, transposeRows } from '../../../../src-shared/diffusion/denoisers/prunedSparse';
import { dataDensity, expansionScoreError, sparseData, sparseDataBelow } from '../../../../src-shared/diffusion/denoisers/sparseData';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { CounterRng } from '../../../../src-shared/math/rng';

const ctx = { step: 0, evaluation: 0, noise: new SampleNoise(0, 0) };
const u = 2 ** -53;
const gamma = (m: number) => (m * u) / (1 - m * u);
const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const distance = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));

/** n points in [0, 1]^d with about `density` of their values non-zero; columns 0, 7 and d − 1 are zero in every point. */
function sparsePoints(n: number, d: number, density: number, seed: number): Float64Array {
  const rng = new CounterRng(seed, 0);
  return Float64Array.from({ length: n * d }, (_, i) => (i % d === 0 || i % d === 7 || i % d === d - 1 || rng.nextUniform() > density ? 0 : rng.nextUniform()));
}

/** Queries at level σ: points plus σ-noise, midpoints of two points plus σ-noise (posterior split in two), pure noise. */
function queries(data: Float64Array, n: number, d: number, sigma: number, rng: CounterRng): Float64Array[] {
  return [0, 1, 2, 3].map((q) => {
    const a = rng.nextInt(n) * d, b = rng.nextInt(n) * d;
    return Float64Array.from({ length: d }, (_, k) => (q === 3 ? 0 : q === 2 ? 0.5 * (data[a + k]! + data[b + k]!) : data[a + k]!) + sigma * rng.nextNormal());
  });
}

/**
 * 2 × the first-order bound on ‖D̂ − D_ref‖₂ for a posterior mean D̂ whose logits differ from the exact
 * ones by at most `logitError` (nats, per point) and the reference's by its own rounding: a logit error δ_j
 * moves D by Σ_j w_j δ_j (y_j − D) (prunedSparse.ts expansionScoreError); the reference's direct
 * distances carry |δd2_j| ≤ γ_d·d2_j, so δ_j ≤ γ_d(d2_j + d2_min)/(2σ²); each side's weighted sum Σ_j w_j y_jk
 * rounds by ≤ γ_n Σ_j w_j |y_jk|; exponentials (≤ 1 ulp each) and normalisation by ≤ 8u·Σ_j w_j‖y_j‖.
 * The factor 2 covers the second-order terms (e^δ − 1 ≤ 2δ for δ ≤ 1; every δ here is < 1e-5).
 */
function roundingBound(data: Float64Array, n: number, d: number, x: Float64Array, sigma: number, logitError: (j: number) => number): number {
  const reference = createEmpiricalDenoiser(data, n, d);
  const w = reference.posteriorWeights(x, sigma);
  const D = reference.denoise(x, sigma, ctx);
  const d2 = Array.from({ length: n }, (_, j) => distance(x, data.subarray(j * d, (j + 1) * d)) ** 2);
  const nearest = Math.min(...d2);
  const absSum = new Float64Array(d);
  let logits = 0, normSum = 0;
  for (let j = 0; j < n; j++) {
    const y = data.subarray(j * d, (j + 1) * d);
    logits += w[j]! * (logitError(j) + (gamma(d) * (d2[j]! + nearest)) / (2 * sigma * sigma)) * distance(y, D);
    for (let k = 0; k < d; k++) absSum[k] = absSum[k]! + w[j]! * Math.abs(y[k]!);
    normSum += w[j]! * norm(y);
  }
  return 2 * (logits + 2 * gamma(n) * norm(absSum) + 8 * u * normSum);
}

const n = 300;
const d = 60;
const data = sparsePoints(n, d, 0.2, 5);
const logPrior = new Float64Array(n).fill(-Math.log(n));

describe('sparseData(data, count, dimension) and dataDensity(data)', () => {
  it('sparseData(…) keeps every non-zero in ascending column order, drops all-zero columns, and sums ‖y_j‖² over the entries', () => {
    const s = sparseData(Float64Array.of(0, 2, 0, 0, 0, 3, 0, 4), 2, 4);
    expect(Array.from(s.columns)).toEqual([1, 3]);
    expect(Array.from(s.rowStart)).toEqual([0, 1, 3]);
    expect(Array.from(s.entryColumns)).toEqual([0, 0, 1]);
    expect(Array.from(s.values)).toEqual([2, 3, 4]);
    expect(Array.from(s.squaredNorms)).toEqual([4, 25]);
    expect([s.maxSquaredNorm, s.maxAbsSum, s.maxEntries]).toEqual([25, 7, 2]);
    const random = sparseData(data, n, d);
    expect(random.columns.length).toBe(d - 3);
    expect(random.values.length).toBe(Array.from(data).filter((v) => v !== 0).length);
  });

  it('dataDensity(…) is the non-zero fraction (0.25 for one of four, 0 for no data), ~0.2 for the test set', () => {
    expect(dataDensity(Float64Array.of(0, 1, 0, 0))).toBe(0.25);
    expect(dataDensity(new Float64Array(0))).toBe(0);
    expect(Math.abs(dataDensity(data) - 0.2 * (d - 3) / d)).toBeLessThan(0.02);
  });

  it('sparseDataBelow(…, maxDensity) is null at or above the density (0.75 ≥ 0.5; anything ≥ 0) and sparseData(…) below it', () => {
    expect(sparseDataBelow(Float64Array.of(1, 2, 0, 4), 2, 2, 0.5)).toBeNull();
    expect(sparseDataBelow(data, n, d, 0)).toBeNull();
    expect(sparseDataBelow(data, n, d, 0.5)).toEqual(sparseData(data, n, d));
  });

  it('sparseData(…) rejects data whose length is not count × dimension', () => {
    expect(() => sparseData(new Float64Array(7), 2, 4)).toThrow(/data: expected count × dimension = 8 values, got 7/);
  });
});

describe('flushedExp(v)', () => {
  it('is within 1 ulp of Math.exp on 200,000 points of [−700, 0], exactly 1 at 0, 0 below −700 and at −∞, NaN at NaN', () => {
    const rng = new CounterRng(3, 0);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const v = -(i % 2 === 0 ? 700 : 2) * rng.nextUniform();
      const e = Math.exp(v);
      // ulp(e) = 2^(⌊log₂ e⌋ − 52) for normal e (all of them here: e ≥ e^{−700} ≈ 1e-304).
      worst = Math.max(worst, Math.abs(flushedExp(v) - e) / 2 ** (Math.floor(Math.log2(e)) - 52));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(flushedExp(0)).toBe(1);
    expect(flushedExp(-700.5)).toBe(0);
    expect(flushedExp(-Infinity)).toBe(0);
    expect(flushedExp(NaN)).toBeNaN();
  });
});

describe('sparseScores(…) and expansionScoreError(sparse, x)', () => {
  it('sparseScores(…) + ‖x‖² equals the direct ‖x − y_j‖² within β (the expansion bound) for 300 points × 4 rows', () => {
    const sparse = sparseData(data, n, d);
    const xs = queries(data, n, d, 3, new CounterRng(21, 0));
    const packed = new Float64Array(4 * d);
    xs.forEach((x, r) => packed.set(x, r * d));
    const xt = new Float64Array(sparse.columns.length * 4);
    const scores = new Float64Array(n * 4);
    transposeRows(sparse, packed, 4, xt);
    sparseScores(sparse, xt, 4, scores);
    xs.forEach((x, r) => {
      const beta = expansionScoreError(sparse, x);
      const xx = x.reduce((s, v) => s + v * v, 0);
      for (let j = 0; j < n; j++) {
        const direct = distance(x, data.subarray(j * d, (j + 1) * d)) ** 2;
        // β bounds the expansion; ‖x‖² and the direct sum add their own γ_d-relative rounding.
        expect(Math.abs(scores[j * 4 + r]! + xx - direct)).toBeLessThanOrEqual(beta + gamma(d + 1) * (xx + direct));
      }
    });
  });
});

describe('createSparseStage(sparse, logPrior).denoiseRows(xs, sigmas, out)', () => {
  const reference = createEmpiricalDenoiser(data, n, d);
  const stage = createSparseStage(sparseData(data, n, d), logPrior);
  for (const sigma of [80, 5, 1, 0.3, 0.05]) {
    it(`equals createEmpiricalDenoiser within the first-order rounding bound (expansion β/σ² + reference γ_d) at σ = ${sigma}, random sparse data`, () => {
      const xs = queries(data, n, d, sigma, new CounterRng(Math.round(1000 * sigma), 0));
      const packed = new Float64Array(xs.length * d);
      xs.forEach((x, r) => packed.set(x, r * d));
      const out = new Float64Array(packed.length);
      stage.denoiseRows(packed, new Float64Array(xs.length).fill(sigma), out);
      const sparse = sparseData(data, n, d);
      xs.forEach((x, r) => {
        const beta = expansionScoreError(sparse, x) / (sigma * sigma);
        const bound = roundingBound(data, n, d, x, sigma, () => beta);
        expect(distance(out.subarray(r * d, (r + 1) * d), reference.denoise(x, sigma, ctx))).toBeLessThanOrEqual(bound);
      });
    });
  }
});

/** max_j ‖y_j − v‖₂. */
function farthest(data: Float64Array, n: number, d: number, v: Float64Array): number {
  let max = 0;
  for (let j = 0; j < n; j++) max = Math.max(max, distance(data.subarray(j * d, (j + 1) * d), v));
  return max;
}

describe('the sparse path of createPrunedEmpiricalDenoiser on the bundled digits (N = 2,000, d = 784)', () => {
  const digits = loadDigits();
  const count = 2000;
  const pixels = digits.pixels.subarray(0, count * 784);
  const reference = createEmpiricalDenoiser(pixels, count, 784);
  const sparse = sparseData(pixels, count, 784);
  const mean = new Float64Array(784);
  for (let j = 0; j < count; j++) for (let k = 0; k < 784; k++) mean[k] = mean[k]! + pixels[j * 784 + k]! / count;
  const maxNorm = farthest(pixels, count, 784, mean);
  // The default (JavaScript stage, pruning first where it can pay) and one that always takes the stage.
  const pruned = createPrunedEmpiricalDenoiser(pixels, count, 784, { epsilon: 1e-12 });
  const staged = createPrunedEmpiricalDenoiser(pixels, count, 784, { epsilon: 1e-12, sparseStage: (s, lp) => ({ ...createSparseStage(s, lp), relativeCost: 0 }) });
  const tolerance = 1e-9;

  /**
   * The bound for one row of the sparse path: rows with δℓ = β/σ² ≤ tol carry δℓ on every logit; refined
   * rows carry the reference's own logits on the near points and ≤ 2·tol·max_j‖y_j − D‖ from the far ones
   * (×2, second order); pruned rows add the skipped mass, ≤ 2ε·max_j‖y_j − μ‖.
   */
  function pathBound(x: Float64Array, sigma: number): number {
    const delta = expansionScoreError(sparse, x) / (sigma * sigma);
    const refined = !(delta <= tolerance);
    const far = refined ? 4 * tolerance * farthest(pixels, count, 784, reference.denoise(x, sigma, ctx)) : 0;
    return roundingBound(pixels, count, 784, x, sigma, () => (refined ? 0 : delta)) + far + 2e-12 * maxNorm;
  }

  it('takes the sparse path (density 0.19 < 0.5); a dense dataset and sparseBelowDensity 0 keep the old one', () => {
    expect(pruned.sparse).toBe(true);
    expect(dataDensity(pixels)).toBeGreaterThan(0.15);
    expect(dataDensity(pixels)).toBeLessThan(0.25);
    expect(createPrunedEmpiricalDenoiser(pixels, count, 784, { sparseBelowDensity: 0 }).sparse).toBe(false);
    expect(createPrunedEmpiricalDenoiser(Float64Array.from(pixels.subarray(0, 100 * 784), (v) => v + 1), 100, 784).sparse).toBe(false);
  });

  for (const sigma of [80, 5, 1, 0.3, 0.05]) {
    it(`denoiseRows(…) equals createEmpiricalDenoiser within the first-order rounding bound at σ = ${sigma}, pruning first or always staged (digit + noise, midpoint of two digits, pure noise)`, () => {
      const xs = queries(pixels, count, 784, sigma, new CounterRng(Math.round(1000 * sigma) + 1, 0));
      const packed = new Float64Array(xs.length * 784);
      xs.forEach((x, r) => packed.set(x, r * 784));
      const exact = xs.map((x) => reference.denoise(x, sigma, ctx));
      const bounds = xs.map((x) => pathBound(x, sigma));
      for (const D of [pruned, staged]) {
        const out = D.denoiseRows(packed, new Float64Array(xs.length).fill(sigma));
        expect(D.takeStats().queries).toBe(xs.length);
        xs.forEach((_, r) => expect(distance(out.subarray(r * 784, (r + 1) * 784), exact[r]!)).toBeLessThanOrEqual(bounds[r]!));
      }
    });
  }

  it('along probability-flow trajectories (σ from 1 to 0.002, 24 EDM steps) the anchors skip ≥ 90 % of the points at the last steps and change no bit of the result', () => {
    // The engine's cost balance: the WebAssembly stage's relativeCost, so that no level bounds run first.
    const stage: Parameters<typeof createPrunedEmpiricalDenoiser>[3] = { epsilon: 1e-12, sparseStage: (s, lp) => ({ ...createSparseStage(s, lp), relativeCost: 0.27 }) };
    const anchored = createPrunedEmpiricalDenoiser(pixels, count, 784, { ...stage, anchors: true });
    const alone = createPrunedEmpiricalDenoiser(pixels, count, 784, stage);
    const rows = 4;
    const noise = new CounterRng(77, 0);
    const xs = new Float64Array(rows * 784);
    for (let r = 0; r < rows; r++) for (let k = 0; k < 784; k++) xs[r * 784 + k] = pixels[(40 + 97 * r) * 784 + k]! + noise.nextNormal();
    const steps = 24;
    const sigmas = Array.from({ length: steps + 1 }, (_, i) => (1 + (i / steps) * (0.002 ** (1 / 7) - 1)) ** 7);
    const skipped: number[] = [];
    for (let i = 0; i < steps; i++) {
      const sigma = sigmas[i]!;
      const out = anchored.denoiseRows(xs, new Float64Array(rows).fill(sigma));
      skipped.push(anchored.takeStats().skippedFraction);
      const plain = alone.denoiseRows(xs, new Float64Array(rows).fill(sigma));
      expect(alone.takeStats().skipped).toBe(0);
      expect(Buffer.from(out.buffer).equals(Buffer.from(plain.buffer)), `step ${i}, σ = ${sigma}`).toBe(true);
      if (i === steps - 1) expect(distance(out.subarray(0, 784), reference.denoise(xs.slice(0, 784), sigma, ctx))).toBeLessThanOrEqual(pathBound(xs.slice(0, 784), sigma));
      for (let k = 0; k < xs.length; k++) xs[k] = xs[k]! + ((sigmas[i + 1]! - sigma) / sigma) * (xs[k]! - out[k]!);
    }
    expect(skipped[0]).toBe(0);
    for (const fraction of skipped.slice(-5)) expect(fraction).toBeGreaterThanOrEqual(0.9);
  });

  it('refines where β/σ² exceeds the tolerance: at σ ∈ {0.01, 0.002} a midpoint of two digits (posterior split) matches the reference to the exponentials’ and sums’ rounding', () => {
    const a = 3 * 784, b = 13 * 784;
    for (const sigma of [0.01, 0.002]) {
      const x = Float64Array.from({ length: 784 }, (_, k) => 0.5 * (pixels[a + k]! + pixels[b + k]!));
      expect(expansionScoreError(sparse, x) / (sigma * sigma)).toBeGreaterThan(tolerance);
      const w = reference.posteriorWeights(x, sigma);
      expect(Math.min(w[3]!, w[13]!)).toBeGreaterThan(0.4);
      const exact = reference.denoise(x, sigma, ctx);
      expect(distance(staged.denoise(x, sigma, ctx), exact)).toBeLessThanOrEqual(pathBound(x, sigma));
    }
  });

  it('denoise(x, σ) on the sparse path: the nearest digit exactly at σ = 0, the reference bit for bit at σ = ∞, NaN throughout for a NaN query', () => {
    const x = Float64Array.from(pixels.subarray(5 * 784, 6 * 784), (v) => v + 1e-3);
    for (const D of [pruned, staged]) {
      expect(Array.from(D.denoise(x, 0, ctx))).toEqual(Array.from(pixels.subarray(5 * 784, 6 * 784)));
      expect(Array.from(D.denoise(x, Infinity, ctx))).toEqual(Array.from(reference.denoise(x, Infinity, ctx)));
      const nan = x.slice();
      nan[400] = NaN;
      expect(D.denoise(nan, 0.5, ctx).every(Number.isNaN)).toBe(true);
    }
  });

  it('refineScores(…) rewrites the near points with the direct ‖x − y_j‖² and the far ones with e_j + ‖x‖², and counts the near ones', () => {
    const scores = new Float64Array(count).fill(5);
    scores[7] = 1;
    const x = pixels.slice(7 * 784, 8 * 784);
    const xx = x.reduce((s, v) => s + v * v, 0);
    expect(refineScores(scores, 1, 0, { x, sigma: 0.01, scoreError: 1e-12, tolerance, logPriorSpread: 0 }, { data: pixels, count, d: 784 })).toBe(1);
    expect(scores[7]).toBe(0);
    expect(scores[8]).toBe(5 + xx);
  });
});
