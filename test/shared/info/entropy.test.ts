import { describe, expect, it } from 'vitest';
import { bitsPerDim, entropyFromBandwidth, gaussianLeftTailNats } from '../../../src-shared/info/entropy';
import { gaussianBandwidth, gaussianConditionalEntropyNats, gaussianEntropyNats, gaussianMmse } from '../../../src-shared/info/gaussian';
import { simpson, uniformGrid } from '../../../src-shared/info/quadrature';
import { expectClose } from '../../support/close';
import { exactCurve, twoPoints } from './support';

describe('conditional entropy two ways', () => {
  it('on ±1 data: E[h] and the I-MMSE integral agree to 2e-5 on [−6, 6] (Δλ = 0.02), and H(0) = 0.356316 (spec T1)', () => {
    const curve = exactCurve(twoPoints(), 120);
    const lambdas = uniformGrid(-6, 6, 601);
    const points = Array.from(lambdas, curve);
    const immse = entropyFromBandwidth(lambdas, points.map((p) => p.bandwidthNats), Math.LN2, gaussianLeftTailNats([1], -6));
    // Trapezoid error (Δλ²/12)·∫|R''| ≈ 3e-5·0.3 ≈ 1e-5; the Gaussian left tail is O(e^{3λ₀}) ≈ 1e-8.
    points.forEach((p, i) => expectClose(immse[i]!, p.entropy.mean, { absTol: 2e-5 }));
    expectClose(points[300]!.entropy.mean, 0.356316, { absTol: 1e-6 });
  });

  it('on ±1 data: ∫_{−6}^{6} R dλ = 0.691909 (→ ln 2 with the tails), spec T1', () => {
    const curve = exactCurve(twoPoints(), 120);
    const lambdas = uniformGrid(-6, 6, 1201);
    expectClose(simpson(Array.from(lambdas, (l) => curve(l).bandwidthNats), 0.01), 0.691909, { absTol: 1e-6 });
  });

  it('on Gaussian data, the I-MMSE integral of R_G reproduces ½ Σ ln(2πe v/(1 + γ v)) to 1e-6 (spec G1: 5.229467 at γ = 1)', () => {
    const v = [4, 4, 4, 4];
    // Trapezoid with Δλ = 0.0025: error (Δλ²/12)·|R'(0) − R'(−20)| ≈ 2e-7.
    const lambdas = uniformGrid(-20, 0, 8001);
    const h = entropyFromBandwidth(lambdas, Array.from(lambdas, (l) => gaussianBandwidth(v, l)), gaussianEntropyNats(v), gaussianLeftTailNats(v, -20));
    expectClose(h[8000]!, gaussianConditionalEntropyNats(v, 0), { absTol: 1e-6 });
    expectClose(gaussianConditionalEntropyNats(v, 0), 5.229467, { absTol: 1e-6 });
  });

  it('gaussian closed forms: mmse(γ = 1) = 3.2, R(−2, 0, 2) = 0.702429, 1.6, 1.934547, H = 8.448343 nats = 3.047096 bits/dim (spec G1)', () => {
    const v = [4, 4, 4, 4];
    expectClose(gaussianMmse(v, 0), 3.2, { relTol: 1e-15 });
    expectClose([gaussianBandwidth(v, -2), gaussianBandwidth(v, 0), gaussianBandwidth(v, 2)], [0.702429, 1.6, 1.934547], { absTol: 1e-6 });
    expectClose(gaussianEntropyNats(v), 8.448343, { absTol: 1e-6 });
    expectClose(bitsPerDim(gaussianEntropyNats(v), 4), 3.047096, { absTol: 1e-6 });
    expect(bitsPerDim(0, 1, 1 / 256)).toBe(8);
  });
});
