import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medianBandwidth, mmdSquared, slicedWasserstein, withinKernelMean } from '../../../src-shared/schedules/sampleMetrics';
import { CounterRng } from '../../../src-shared/math/rng';
import { summarize } from '../../../src-shared/math/stats';
import { expectClose } from '../../support/close';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/schedules/channels.json'), 'utf8')) as {
  mmd: { x: number[]; y: number[]; dimension: number; bandwidth: number; mmd2: number };
  w2: { a: number[]; b: number[]; w2: number };
};

function normals(rng: CounterRng, count: number, shift = 0): Float64Array {
  return Float64Array.from({ length: count }, () => rng.nextNormal() + shift);
}

describe('mmdSquared(x, y, options)', () => {
  it('mmdSquared equals the numpy reference on a fixed pair of samples in ℝ² (to 1e-14), with or without a precomputed reference term', () => {
    const { x, y, dimension, bandwidth, mmd2 } = fixture.mmd;
    const X = Float64Array.from(x), Y = Float64Array.from(y);
    expectClose(mmdSquared(X, Y, { dimension, bandwidth }), mmd2, { relTol: 1e-13, absTol: 1e-15 });
    expectClose(mmdSquared(X, Y, { dimension, bandwidth, referenceWithin: withinKernelMean(Y, dimension, bandwidth) }), mmd2, { relTol: 1e-13, absTol: 1e-15 });
  });

  it('mmdSquared is unbiased: over 40 pairs of N(0,1) vs N(0.5,1) samples its mean matches the closed form within the 99.9% interval', () => {
    // k = exp(−(a−b)²/2): MMD² = E k(X,X′) + E k(Y,Y′) − 2E k(X,Y) = 2/√3 − 2·e^{−μ²/6}/√3 for unit variances.
    const mu = 0.5;
    const exact = (2 / Math.sqrt(3)) * (1 - Math.exp((-mu * mu) / 6));
    const rng = new CounterRng(5, 0);
    const values = Array.from({ length: 40 }, () => mmdSquared(normals(rng, 200), normals(rng, 200, mu), { dimension: 1, bandwidth: 1 }));
    const s = summarize(values, 0.999);
    expect(exact).toBeGreaterThan(s.ciLow);
    expect(exact).toBeLessThan(s.ciHigh);
  });

  it('medianBandwidth is √(median squared distance / 2)', () => {
    expectClose(medianBandwidth(Float64Array.of(0, 1), Float64Array.of(0, 1), 1), Math.sqrt(0.5));
    expect(() => mmdSquared(Float64Array.of(0), Float64Array.of(0, 1), { dimension: 1, bandwidth: 1 })).toThrow(/at least 2 samples/);
  });
});

describe('slicedWasserstein(x, y, dimension, options)', () => {
  it('in 1-D it is the exact W₂ of the samples: the numpy quantile reference for sizes 5 and 7, and |c| for a shift by c', () => {
    const { a, b, w2 } = fixture.w2;
    // The reference integrates on 2·10⁶ midpoints: error ~1e-7 relative.
    expectClose(slicedWasserstein(Float64Array.from(a), Float64Array.from(b), 1, { projections: 3, seed: 0 }), w2, { relTol: 1e-6 });
    const x = Float64Array.of(0.3, -1, 2.5, 0.7);
    expectClose(slicedWasserstein(x, x.map((v) => v + 1.25), 1, { projections: 2, seed: 1 }), 1.25, { relTol: 1e-14 });
  });

  it('in 2-D a shift by c gives √(E(θ·c)²) → |c|/√2 over many projections, and 0 between identical samples', () => {
    const rng = new CounterRng(9, 0);
    const x = Float64Array.from({ length: 200 }, () => rng.nextNormal());
    const c = [3, 4];
    const y = x.map((v, i) => v + c[i % 2]!);
    // E(θ·c)² = |c|²/2 for θ uniform on the circle; 4,000 projections: ~1% Monte Carlo error.
    expectClose(slicedWasserstein(x, y, 2, { projections: 4000, seed: 2 }), 5 / Math.SQRT2, { relTol: 0.03 });
    expect(slicedWasserstein(x, x, 2, { projections: 16, seed: 3 })).toBe(0);
  });
});
