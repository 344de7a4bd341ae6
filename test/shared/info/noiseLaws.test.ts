import { describe, expect, it } from 'vitest';
import { discreteNoiseKernel, fillNoise, logConvolvedNoiseDensity, noiseCdf, noiseLogDensity, NOISE_LAW_NAMES } from '../../../src-shared/info/noiseLaws';
import { simpson, uniformGrid } from '../../../src-shared/info/quadrature';
import { expectClose } from '../../support/close';

/** ∫ f on [a, b] by Simpson with n intervals. */
const integrate = (f: (u: number) => number, a: number, b: number, n = 20_000) => simpson(Array.from(uniformGrid(a, b, n + 1), f), (b - a) / n);

describe('warm-up noise laws of variance σ0²', () => {
  it('each density integrates to 1 with variance σ0² (σ0 = 0.7), to 1e-9', () => {
    for (const law of NOISE_LAW_NAMES) {
      const psi = (u: number) => Math.exp(noiseLogDensity(law, u, 0.7));
      // The uniform kernel's edges at ±0.7√3 are grid points of this grid (n chosen so), keeping Simpson exact.
      const [a, b] = law === 'uniform' ? [-0.7 * Math.sqrt(3), 0.7 * Math.sqrt(3)] : [-30, 30];
      expectClose(integrate(psi, a, b), 1, { absTol: 1e-9 });
      expectClose(integrate((u) => u * u * psi(u), a, b), 0.49, { absTol: 1e-9 });
    }
  });

  it('logConvolvedNoiseDensity(laplace, b = 0.4, τ = 0.09) reproduces spec test LG to 1e-6, stably at z = 40', () => {
    const sigma0 = 0.4 * Math.SQRT2;
    expectClose(logConvolvedNoiseDensity('laplace', -3, sigma0, 0.09), -6.995606, { absTol: 1e-6 });
    expectClose(logConvolvedNoiseDensity('laplace', 0, sigma0, 0.09), -0.286907, { absTol: 1e-6 });
    expectClose(logConvolvedNoiseDensity('laplace', 2.5, sigma0, 0.09), -5.745606, { absTol: 1e-6 });
    expectClose(logConvolvedNoiseDensity('laplace', 40, sigma0, 0.09), -99.495606, { absTol: 1e-6 });
    expectClose(logConvolvedNoiseDensity('laplace', 40, sigma0, 0.09), Math.log(1 / 0.8) - 40 / 0.4 + 0.09 / (2 * 0.16), { relTol: 1e-12 });
  });

  it('logConvolvedNoiseDensity equals the numerical convolution ∫ ψ(u) N(z − u; 0, τ) du to 1e-8 relative for every law', () => {
    for (const law of NOISE_LAW_NAMES) {
      for (const [sigma0, tau] of [[0.5, 0.04], [0.3, 1.5]] as const) {
        for (const z of [-2, -0.4, 0, 0.7, 3]) {
          const phi = (v: number) => Math.exp(-(v * v) / (2 * tau)) / Math.sqrt(2 * Math.PI * tau);
          const a = law === 'uniform' ? -sigma0 * Math.sqrt(3) : -40 * sigma0;
          const b = law === 'uniform' ? sigma0 * Math.sqrt(3) : 40 * sigma0;
          const kink = law === 'laplace' || law === 'logistic';
          // Split at u = 0 where the Laplace density has a kink (Simpson's order needs smooth pieces).
          const direct = kink ? integrate((u) => Math.exp(noiseLogDensity(law, u, sigma0)) * phi(z - u), a, 0) + integrate((u) => Math.exp(noiseLogDensity(law, u, sigma0)) * phi(z - u), 0, b) : integrate((u) => Math.exp(noiseLogDensity(law, u, sigma0)) * phi(z - u), a, b);
          expectClose(logConvolvedNoiseDensity(law, z, sigma0, tau), Math.log(direct), { absTol: 1e-8 });
        }
      }
    }
  });

  it('fillNoise(law, σ0, …) draws have mean 0 and variance σ0² within 5 standard errors (20,000 draws)', () => {
    for (const law of NOISE_LAW_NAMES) {
      const u = fillNoise(law, 2, new Float64Array(20_000), { seed: 3, sample: 0, step: 0, stream: 9 });
      let m = 0, v = 0;
      for (const x of u) m += x / u.length;
      for (const x of u) v += (x - m) ** 2 / u.length;
      expect(Math.abs(m)).toBeLessThan(5 * Math.sqrt(4 / u.length));
      expect(Math.abs(v - 4)).toBeLessThan(5 * 4 * Math.sqrt((2 + [0, 3, 1.2, -1.2][NOISE_LAW_NAMES.indexOf(law)]!) / u.length));
    }
  });

  it('noiseCdf is the integral of the density, and discreteNoiseKernel sums to 1 with variance ≈ t', () => {
    for (const law of NOISE_LAW_NAMES) {
      expectClose(noiseCdf(law, 0.3, 1) - noiseCdf(law, -0.5, 1), integrate((u) => Math.exp(noiseLogDensity(law, u, 1)), -0.5, 0.3), { absTol: 1e-10 });
      const { masses, variance } = discreteNoiseKernel(law, 0.01, 0.001);
      expectClose(masses.reduce((a, b) => a + b, 0), 1, { relTol: 1e-14 });
      expect(Math.abs(variance - 0.01)).toBeLessThan(0.01 * 0.01);
    }
  });
});
