import { describe, expect, it } from 'vitest';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { createGmmDenoiser } from '../../../../src-shared/diffusion/denoisers/gmm';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { CounterRng } from '../../../../src-shared/math/rng';
import { expectClose } from '../../../support/close';

const ctx = { step: 0, evaluation: 0, noise: new SampleNoise(0, 0) };

/** Composite Simpson rule on [a, b] with an even number of intervals. */
function simpson(f: (u: number) => number, a: number, b: number, intervals: number): number {
  const h = (b - a) / intervals;
  let sum = f(a) + f(b);
  for (let k = 1; k < intervals; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}

const normalPdf = (u: number, mean: number, std: number) => Math.exp(-0.5 * ((u - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));

describe('createGmmDenoiser(components).denoise(x, σ)', () => {
  it('with one component N(0, s²I) equals the Gaussian denoiser x·s²/(s² + σ²) and tr Cov = d·s²σ²/(s² + σ²)', () => {
    const s = 0.7;
    const D = createGmmDenoiser([{ weight: 2, mean: [0, 0, 0], std: s }]);
    for (const sigma of [1e-3, 0.5, 2, 80]) {
      const x = Float64Array.of(1.5, -0.2, 30);
      const { denoised, traceCov } = D.denoiseWithTrace(x, sigma);
      expectClose(denoised, Array.from(x, (v) => (v * s * s) / (s * s + sigma * sigma)), { relTol: 4 * Number.EPSILON });
      expectClose(traceCov, (3 * s * s * sigma * sigma) / (s * s + sigma * sigma), { relTol: 8 * Number.EPSILON });
      expectClose(D.denoise(x, sigma, ctx), denoised, { relTol: 0 });
    }
  });

  it('with two 1-D components equals the posterior mean and variance by quadrature to 1e-10', () => {
    const components = [
      { weight: 0.3, mean: [-2], std: 0.5 },
      { weight: 0.7, mean: [1.5], std: 1.2 },
    ];
    const D = createGmmDenoiser(components);
    const prior = (u: number) => components.reduce((p, c) => p + c.weight * normalPdf(u, c.mean[0]!, c.std), 0);
    for (const sigma of [0.2, 0.8, 3]) {
      for (const x of [-3, -0.4, 0.9, 4]) {
        // Posterior ∝ p(u)·N(x; u, σ²): [−15, 15] holds all but e^{−40} of it; 20,000 Simpson intervals
        // give an h⁴ error far below 1e-10 for these smooth integrands.
        const joint = (u: number) => prior(u) * normalPdf(x, u, sigma);
        const z = simpson(joint, -15, 15, 20_000);
        const mean = simpson((u) => u * joint(u), -15, 15, 20_000) / z;
        const variance = simpson((u) => (u - mean) ** 2 * joint(u), -15, 15, 20_000) / z;
        const { denoised, traceCov } = D.denoiseWithTrace(Float64Array.of(x), sigma);
        expectClose(denoised[0]!, mean, { absTol: 1e-10 });
        expectClose(traceCov, variance, { absTol: 1e-10 });
      }
    }
  });

  it('with point-mass components (std = 0) equals the empirical denoiser of the same weighted points to 1e-14', () => {
    const rng = new CounterRng(8, 0);
    const points = Array.from({ length: 5 }, () => [rng.nextNormal(), rng.nextNormal()]);
    const weights = [1, 2, 3, 4, 5];
    const gmm = createGmmDenoiser(points.map((mean, i) => ({ weight: weights[i]!, mean, std: 0 })));
    const empirical = createEmpiricalDenoiser(Float64Array.from(points.flat()), 5, 2, weights);
    for (const sigma of [0.1, 1, 10]) {
      const x = Float64Array.of(rng.nextNormal(), rng.nextNormal());
      const a = gmm.denoiseWithTrace(x, sigma);
      const b = empirical.denoiseWithTrace(x, sigma);
      expectClose(a.denoised, b.denoised, { absTol: 1e-14, relTol: 1e-14 });
      expectClose(a.traceCov, b.traceCov, { absTol: 1e-14, relTol: 1e-12 });
    }
  });

  it('stays finite and picks the nearest component far out in the tails (x = ±1e4, σ = 0.1)', () => {
    const D = createGmmDenoiser([{ weight: 1, mean: [-1], std: 0.3 }, { weight: 1, mean: [1], std: 0.3 }]);
    const g = 0.09 / (0.09 + 0.01);
    expectClose(D.denoise(Float64Array.of(1e4), 0.1, ctx)[0]!, 1 + g * (1e4 - 1), { relTol: 4 * Number.EPSILON });
    expectClose(D.denoise(Float64Array.of(-1e4), 0.1, ctx)[0]!, -1 + g * (-1e4 + 1), { relTol: 4 * Number.EPSILON });
  });

  it('rejects empty mixtures, mismatched dimensions and negative weights or std, naming the component', () => {
    expect(() => createGmmDenoiser([])).toThrow(/components: expected at least one component/);
    expect(() => createGmmDenoiser([{ weight: 1, mean: [0, 0], std: 1 }, { weight: 1, mean: [0], std: 1 }])).toThrow(/components\[1\]\.mean: expected 2 coordinates/);
    expect(() => createGmmDenoiser([{ weight: -1, mean: [0], std: 1 }])).toThrow(/components\[0\]\.weight: expected a finite number ≥ 0/);
    expect(() => createGmmDenoiser([{ weight: 1, mean: [0], std: -1 }])).toThrow(/components\[0\]\.std: expected a finite number ≥ 0/);
  });
});
