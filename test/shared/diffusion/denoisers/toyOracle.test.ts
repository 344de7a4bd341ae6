import { describe, expect, it } from 'vitest';
import { createToyOracle } from '../../../../src-shared/diffusion/denoisers/toyOracle';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { NOISE_STREAM } from '../../../../src-shared/diffusion/types';
import { gaussianBlur } from '../../../../src-shared/math/blur';
import { CounterRng } from '../../../../src-shared/math/rng';

const height = 8;
const width = 12;
const rng = new CounterRng(5, 0);
const reference = Float64Array.from({ length: height * width }, () => 0.1 + 0.8 * rng.nextUniform());
const noise = new SampleNoise(3, 1);

describe('createToyOracle({ reference, height, width, blurSigma, noiseStd })', () => {
  it('returns x₀ exactly, in a fresh array, for σ_b = σ_err = 0, whatever x and σ', () => {
    const oracle = createToyOracle({ reference, height, width, blurSigma: 0, noiseStd: 0 });
    const a = oracle.denoise(new Float64Array(height * width).fill(7), 80, { step: 0, evaluation: 0, noise });
    const b = oracle.denoise(new Float64Array(height * width), 0.01, { step: 5, evaluation: 1, noise });
    expect(Array.from(a)).toEqual(Array.from(reference));
    expect(Array.from(b)).toEqual(Array.from(reference));
    expect(a).not.toBe(b);
    expect(a).not.toBe(reference);
  });

  it('defaults to σ_b = 1, σ_err = 0.05: x̂₀ = G_1 * x₀ + 0.05·ξ with ξ = noise.normal(step, NOISE_STREAM.denoiser + evaluation)', () => {
    const oracle = createToyOracle({ reference, height, width });
    const blurred = gaussianBlur(reference, { height, width, sigma: 1 });
    for (const [step, evaluation] of [[0, 0], [17, 0], [17, 1]] as const) {
      const xi = noise.normal(step, NOISE_STREAM.denoiser + evaluation, height * width);
      const denoised = oracle.denoise(new Float64Array(height * width), 1, { step, evaluation, noise });
      expect(Array.from(denoised)).toEqual(Array.from(blurred, (v, k) => v + 0.05 * xi[k]!));
    }
  });

  it('does not depend on x or σ, and draws fresh ξ per step and per evaluation', () => {
    const oracle = createToyOracle({ reference, height, width, blurSigma: 1.5, noiseStd: 0.1 });
    const at = (x: number, sigma: number, step: number, evaluation: number) =>
      Array.from(oracle.denoise(new Float64Array(height * width).fill(x), sigma, { step, evaluation, noise }));
    expect(at(-3, 40, 4, 0)).toEqual(at(9, 0.2, 4, 0));
    expect(at(0, 1, 4, 0)).not.toEqual(at(0, 1, 5, 0));
    expect(at(0, 1, 4, 0)).not.toEqual(at(0, 1, 4, 1));
  });

  it('has error x̂₀ − G * x₀ with mean 0 and standard deviation σ_err (96 pixels × 200 steps, 5 standard errors)', () => {
    const oracle = createToyOracle({ reference, height, width, blurSigma: 1, noiseStd: 0.05 });
    const blurred = gaussianBlur(reference, { height, width, sigma: 1 });
    let sum = 0;
    let sumSq = 0;
    const n = 200 * height * width;
    for (let step = 0; step < 200; step++) {
      const denoised = oracle.denoise(reference, 1, { step, evaluation: 0, noise });
      denoised.forEach((v, k) => {
        const e = v - blurred[k]!;
        sum += e;
        sumSq += e * e;
      });
    }
    expect(Math.abs(sum / n)).toBeLessThan((5 * 0.05) / Math.sqrt(n));
    // Standard error of a sample variance: σ²√(2/n).
    expect(Math.abs(sumSq / n - 0.05 ** 2)).toBeLessThan(5 * 0.05 ** 2 * Math.sqrt(2 / n));
  });

  it('rejects a reference of the wrong size and negative σ_b or σ_err', () => {
    expect(() => createToyOracle({ reference, height, width: width + 1 })).toThrow(/reference: expected height × width = 104 values, got 96/);
    expect(() => createToyOracle({ reference, height, width, blurSigma: -1 })).toThrow(/blurSigma: expected a finite number ≥ 0/);
    expect(() => createToyOracle({ reference, height, width, noiseStd: Number.NaN })).toThrow(/noiseStd: expected a finite number ≥ 0/);
  });
});
