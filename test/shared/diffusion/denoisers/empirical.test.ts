import { describe, expect, it } from 'vitest';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { CounterRng } from '../../../../src-shared/math/rng';
import { expectClose } from '../../../support/close';

const ctx = { step: 0, evaluation: 0, noise: new SampleNoise(0, 0) };
const n = 40;
const d = 6;
const rng = new CounterRng(21, 0);
const data = Float64Array.from({ length: n * d }, () => rng.nextNormal());
const point = (j: number) => data.subarray(j * d, (j + 1) * d);
const D = createEmpiricalDenoiser(data, n, d);

/** The textbook formula with no shift: Σ_j y_j e^{−‖x−y_j‖²/2σ²} / Σ_j e^{−‖x−y_j‖²/2σ²}, and Σ w‖y‖² − ‖μ‖². */
function direct(x: Float64Array, sigma: number): { mean: number[]; traceCov: number } {
  const e = Array.from({ length: n }, (_, j) => Math.exp(-point(j).reduce((s, y, k) => s + (x[k]! - y) ** 2, 0) / (2 * sigma * sigma)));
  const z = e.reduce((a, b) => a + b, 0);
  const mean = Array.from({ length: d }, (_, k) => e.reduce((s, ej, j) => s + ej * point(j)[k]!, 0) / z);
  const second = e.reduce((s, ej, j) => s + (ej * point(j).reduce((q, y) => q + y * y, 0)) / z, 0);
  return { mean, traceCov: second - mean.reduce((s, m) => s + m * m, 0) };
}

describe('createEmpiricalDenoiser(data, count, dimension).denoise(x, σ)', () => {
  it('equals the direct float64 formula to 1e-13 at σ ∈ {0.5, 1, 3} on 30 random inputs', () => {
    for (let trial = 0; trial < 30; trial++) {
      const sigma = [0.5, 1, 3][trial % 3]!;
      const x = Float64Array.from({ length: d }, () => 2 * rng.nextNormal());
      const reference = direct(x, sigma);
      const { denoised, traceCov } = D.denoiseWithTrace(x, sigma);
      expectClose(denoised, reference.mean, { absTol: 1e-13, relTol: 1e-13 });
      expectClose(D.denoise(x, sigma, ctx), denoised, { relTol: 0 });
      // The reference's Σw‖y‖² − ‖μ‖² cancels: its error is ~ε·Σw‖y‖² ≈ ε·d·10.
      expectClose(traceCov, reference.traceCov, { absTol: 1e-12, relTol: 1e-12 });
    }
  });

  it('returns the data point itself (exactly) at σ → 0: σ ∈ {1e-6, 1e-30, 0} at and near y_j', () => {
    for (const j of [0, 7, 39]) {
      for (const sigma of [1e-6, 1e-30, 0]) {
        expect(Array.from(D.denoise(point(j), sigma, ctx))).toEqual(Array.from(point(j)));
        const near = point(j).map((v) => v + 1e-4);
        expect(Array.from(D.denoise(near, sigma, ctx))).toEqual(Array.from(point(j)));
        expect(D.denoiseWithTrace(near, sigma).traceCov).toBe(0);
      }
    }
  });

  it('tends to the data mean and total variance as σ → ∞ (σ = 1e8: 1e-12; σ = ∞: exact weights)', () => {
    const mean = Array.from({ length: d }, (_, k) => Array.from({ length: n }, (_, j) => point(j)[k]!).reduce((a, b) => a + b, 0) / n);
    const totalVariance = Array.from({ length: n }, (_, j) => point(j).reduce((s, y, k) => s + (y - mean[k]!) ** 2, 0)).reduce((a, b) => a + b, 0) / n;
    const x = Float64Array.from({ length: d }, () => 3 * rng.nextNormal());
    for (const sigma of [1e8, Infinity]) {
      const { denoised, traceCov } = D.denoiseWithTrace(x, sigma);
      expectClose(denoised, mean, { absTol: 1e-12 });
      expectClose(traceCov, totalVariance, { relTol: 1e-12 });
    }
  });

  it('has tr Cov ≥ 0 and weights that sum to 1 (8 ulps) for 200 random (x, σ), σ log-uniform in [1e-3, 1e3]', () => {
    for (let trial = 0; trial < 200; trial++) {
      const sigma = 10 ** (6 * rng.nextUniform() - 3);
      const x = Float64Array.from({ length: d }, () => (1 + sigma) * rng.nextNormal());
      expect(D.denoiseWithTrace(x, sigma).traceCov).toBeGreaterThanOrEqual(0);
      expectClose(D.posteriorWeights(x, sigma).reduce((a, b) => a + b, 0), 1, { relTol: 8 * Number.EPSILON });
    }
  });

  it('gives tanh(x/σ² + ½ ln(π₊/π₋)) for two points ±1 with weights (π₋, π₊) = (1, 3) and (1, 1)', () => {
    const pair = Float64Array.of(-1, 1);
    for (const weights of [[1, 3], [1, 1]]) {
      const denoiser = createEmpiricalDenoiser(pair, 2, 1, weights);
      for (const [x, sigma] of [[0.3, 1], [-2, 0.7], [5, 3]] as const) {
        const expected = Math.tanh(x / (sigma * sigma) + 0.5 * Math.log(weights[1]! / weights[0]!));
        expectClose(denoiser.denoise(Float64Array.of(x), sigma, ctx)[0]!, expected, { relTol: 8 * Number.EPSILON, absTol: 4 * Number.EPSILON });
      }
    }
  });

  it('rejects mismatched sizes and bad weights, naming the argument', () => {
    expect(() => createEmpiricalDenoiser(new Float64Array(10), 3, 3)).toThrow(/data: expected count × dimension = 9 values, got 10/);
    expect(() => createEmpiricalDenoiser(new Float64Array(4), 2, 2, [1])).toThrow(/weights: expected 2 weights/);
    expect(() => createEmpiricalDenoiser(new Float64Array(4), 2, 2, [1, -1])).toThrow(/weights\[1\]: expected a finite weight ≥ 0, got -1/);
    expect(() => createEmpiricalDenoiser(new Float64Array(4), 2, 2, [0, 0])).toThrow(/weights: expected a positive sum/);
  });
});
