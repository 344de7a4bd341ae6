import { describe, expect, it } from 'vitest';
import { mean, pairedDifference, sampleStd, summarize } from '../../../src-shared/math/stats';
import { logGamma, studentTCdf, studentTQuantile } from '../../../src-shared/math/studentT';
import { expectClose } from '../../support/close';

describe('studentTQuantile(p, ν)', () => {
  // Reference values: scipy.stats.t.ppf (printed to 12 digits).
  it('matches scipy.stats.t.ppf to 1e-9', () => {
    expectClose(studentTQuantile(0.975, 1), 12.7062047362, { relTol: 1e-9 });
    expectClose(studentTQuantile(0.975, 10), 2.22813885199, { relTol: 1e-9 });
    expectClose(studentTQuantile(0.975, 63), 1.99834054252, { relTol: 1e-9 });
    expectClose(studentTQuantile(0.995, 3), 5.84090930973, { relTol: 1e-9 });
    expectClose(studentTQuantile(0.025, 10), -2.22813885199, { relTol: 1e-9 });
  });

  it('inverts studentTCdf and tends to the normal quantile as ν grows', () => {
    for (const nu of [1, 2.5, 7, 40]) for (const p of [0.01, 0.3, 0.9, 0.999]) expectClose(studentTCdf(studentTQuantile(p, nu), nu), p, { relTol: 1e-11 });
    expectClose(studentTQuantile(0.975, 1e7), 1.959963984540054, { relTol: 1e-6 });
  });

  it('logGamma(n) equals ln((n−1)!)', () => {
    expectClose(logGamma(1), 0, { absTol: 1e-14 });
    expectClose(logGamma(10), Math.log(362880), { relTol: 1e-14 });
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), { relTol: 1e-14 });
  });
});

describe('summarize(xs) and pairedDifference(a, b)', () => {
  it('gives the mean, Bessel-corrected std and t-interval', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expectClose(s.std, Math.sqrt(5 / 3), { relTol: 1e-15 });
    // t_{0.975, 3} = 3.18244630528 (scipy).
    expectClose(s.ciHalfWidth, (3.18244630528 * Math.sqrt(5 / 3)) / 2, { relTol: 1e-9 });
    expect(Number.isNaN(summarize([1]).ciHalfWidth)).toBe(true);
    expect(mean([])).toBeNaN();
    expect(sampleStd([3])).toBeNaN();
  });

  it('cancels a shared offset: paired differences have zero spread when b = a + c', () => {
    const a = [0.3, -1.2, 4.5, 2.2, 0.1];
    const d = pairedDifference(a, a.map((v) => v - 0.25));
    expectClose(d.mean, 0.25, { relTol: 1e-14 });
    expect(d.std).toBeLessThan(1e-15);
    expect(() => pairedDifference([1], [1, 2])).toThrow(/differ in length/);
  });
});
