import { describe, expect, it } from 'vitest';
import { logSumExp, maxOf, softmaxInto } from '../../../src-shared/math/logsumexp';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';

describe('logSumExp(values)', () => {
  it('equals ln Σ exp(v) computed directly to 4 ulps on 500 random vectors in [−20, 20]', () => {
    const rng = new CounterRng(11, 0);
    for (let trial = 0; trial < 500; trial++) {
      const values = Array.from({ length: 1 + rng.nextInt(12) }, () => 40 * rng.nextUniform() - 20);
      const direct = Math.log(values.reduce((s, v) => s + Math.exp(v), 0));
      expectClose(logSumExp(values), direct, { relTol: 4 * Number.EPSILON, absTol: 4 * Number.EPSILON });
    }
  });

  it('is shift-equivariant without overflow: LSE(v + 1000) = LSE(v) + 1000, and LSE(v − 1000) = LSE(v) − 1000', () => {
    const values = [0.3, -1.2, 2.5, 0];
    const base = logSumExp(values);
    expectClose(logSumExp(values.map((v) => v + 1000)), base + 1000, { relTol: 2 * Number.EPSILON });
    expectClose(logSumExp(values.map((v) => v - 1000)), base - 1000, { relTol: 2 * Number.EPSILON });
  });

  it('returns ln n for n equal entries, −∞ for empty or all −∞, +∞ with a +∞ entry, NaN with a NaN entry', () => {
    expectClose(logSumExp([5, 5, 5]), 5 + Math.log(3));
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([1, Infinity])).toBe(Infinity);
    expect(logSumExp([1, NaN, 2])).toBeNaN();
    expect(maxOf([NaN, 1])).toBeNaN();
  });

  it('uses only the first `length` values', () => {
    expect(logSumExp([0, 0, 1e6], 2)).toBe(Math.log(2));
  });
});

describe('softmaxInto(values, out)', () => {
  it('gives weights that sum to 1 (4 ulps), are ∝ exp(v), and returns LSE(v)', () => {
    const values = [1.5, -0.25, 3, 0.75];
    const out = new Float64Array(4);
    const lse = softmaxInto(values, out);
    expectClose(lse, logSumExp(values), { relTol: 0 });
    expectClose(out.reduce((a, b) => a + b, 0), 1, { relTol: 4 * Number.EPSILON });
    values.forEach((v, k) => expectClose(out[k]!, Math.exp(v - lse), { relTol: 8 * Number.EPSILON }));
  });

  it('gives weight exactly 1 to a dominant entry when the others underflow, also in place', () => {
    const values = Float64Array.of(-2000, 0, -1500);
    softmaxInto(values, values);
    expect(Array.from(values)).toEqual([0, 1, 0]);
  });

  it('writes NaN weights when every entry is −∞', () => {
    const out = new Float64Array(2);
    expect(softmaxInto([-Infinity, -Infinity], out)).toBe(-Infinity);
    expect(Number.isNaN(out[0]) && Number.isNaN(out[1])).toBe(true);
  });
});
