import { describe, expect, it } from 'vitest';
import { isotonicNonIncreasing } from '../../../src-shared/schedules/isotonic';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';

/** The min–max formula of isotonic regression (Barlow et al. 1972): f_i = min_{j ≤ i} max_{k ≥ i} Av_w(j … k). */
function minMaxReference(y: number[], w: number[]): number[] {
  const n = y.length;
  return y.map((_, i) => {
    let best = Infinity;
    for (let j = 0; j <= i; j++) {
      let worst = -Infinity;
      for (let k = i; k < n; k++) {
        let sw = 0, swy = 0;
        for (let m = j; m <= k; m++) { sw += w[m]!; swy += w[m]! * y[m]!; }
        worst = Math.max(worst, swy / sw);
      }
      best = Math.min(best, worst);
    }
    return best;
  });
}

describe('isotonicNonIncreasing(values, weights)', () => {
  it('isotonicNonIncreasing(y, w) equals the min–max formula to 1e-12 on 300 random weighted sequences', () => {
    const rng = new CounterRng(17, 0);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 12);
      const y = Array.from({ length: n }, () => rng.nextNormal() - 0.1 * (trial % 3));
      const w = Array.from({ length: n }, () => 0.1 + rng.nextUniform());
      expectClose(isotonicNonIncreasing(y, w), minMaxReference(y, w), { relTol: 1e-12, absTol: 1e-12 });
    }
  });

  it('isotonicNonIncreasing(y) leaves a non-increasing sequence unchanged and keeps Σ w y', () => {
    expectClose(isotonicNonIncreasing([5, 3, 3, 1]), [5, 3, 3, 1]);
    const y = [1, 4, 2, 8, 3];
    const w = [1, 2, 3, 4, 5];
    const fit = isotonicNonIncreasing(y, w);
    for (let i = 1; i < fit.length; i++) expect(fit[i]!).toBeLessThanOrEqual(fit[i - 1]!);
    expectClose(fit.reduce((s, v, i) => s + v * w[i]!, 0), y.reduce((s, v, i) => s + v * w[i]!, 0), { relTol: 1e-14 });
  });

  it('isotonicNonIncreasing rejects non-finite values and non-positive weights, naming the index', () => {
    expect(() => isotonicNonIncreasing([1, NaN])).toThrow('values[1]: expected a finite number, got NaN');
    expect(() => isotonicNonIncreasing([1, 2], [1, 0])).toThrow('weights[1]: expected a finite weight > 0, got 0');
    expect(() => isotonicNonIncreasing([1, 2], [1])).toThrow(/weights: expected 2 weights/);
  });
});
