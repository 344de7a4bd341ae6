import { describe, expect, it } from 'vitest';
import { cumulativeTrapezoid, gaussHermite, gaussianTensorRule, monteCarloRule, simpson, trapezoid, uniformGrid } from '../../../src-shared/info/quadrature';
import { expectClose } from '../../support/close';

const doubleFactorial = (k: number): number => (k <= 1 ? 1 : k * doubleFactorial(k - 2));

describe('Gauss rules', () => {
  it('gaussHermite(n) integrates E ε^{2k} = (2k − 1)!! exactly for 2k ≤ 2n − 1 (n = 5, 20, 80)', () => {
    for (const n of [5, 20, 80]) {
      const { nodes, weights } = gaussHermite(n);
      for (let k = 0; 2 * k <= Math.min(2 * n - 1, 16); k++) {
        let m = 0;
        nodes.forEach((x, i) => { m += weights[i]! * x ** (2 * k); });
        expectClose(m, doubleFactorial(2 * k - 1), { relTol: 1e-12 });
      }
      let odd = 0;
      nodes.forEach((x, i) => { odd += weights[i]! * x ** 3; });
      expect(Math.abs(odd)).toBeLessThan(1e-13);
    }
  });

  it('gaussianTensorRule(2, n) has n² nodes and integrates E[ε₁² ε₂⁴] = 3', () => {
    const rule = gaussianTensorRule(2, 6);
    expect(rule.count).toBe(36);
    let m = 0;
    for (let q = 0; q < rule.count; q++) m += rule.weights[q]! * rule.nodes[2 * q]! ** 2 * rule.nodes[2 * q + 1]! ** 4;
    expectClose(m, 3, { relTol: 1e-13 });
  });

  it('monteCarloRule(d, M, seed) is reproducible and has sample moments within 5 standard errors', () => {
    const a = monteCarloRule(3, 4000, 7), b = monteCarloRule(3, 4000, 7);
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    let m2 = 0;
    for (const x of a.nodes) m2 += x * x / a.nodes.length;
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / a.nodes.length));
  });
});

describe('grid integration', () => {
  it('simpson(…) converges at fourth order on ∫₀^π sin = 2 (halving h divides the error by ≈ 16)', () => {
    const err = (n: number) => Math.abs(simpson(Array.from(uniformGrid(0, Math.PI, n + 1), Math.sin), Math.PI / n) - 2);
    const ratio = err(32) / err(64);
    expect(ratio).toBeGreaterThan(15);
    expect(ratio).toBeLessThan(17);
    expectClose(simpson(Array.from(uniformGrid(0, 1, 8), (x) => x ** 3), 1 / 7), 0.25, { relTol: 1e-14 });
  });

  it('trapezoid and cumulativeTrapezoid agree and are exact for linear integrands', () => {
    const xs = [0, 0.5, 2, 3];
    const ys = xs.map((x) => 2 * x + 1);
    expectClose(trapezoid(xs, ys), 12);
    expectClose(cumulativeTrapezoid(xs, ys), [0, 0.75, 6, 12]);
  });

  it('uniformGrid rejects fewer than 2 points and an empty range', () => {
    expect(() => uniformGrid(0, 1, 1)).toThrow(/count: expected an integer ≥ 2/);
    expect(() => uniformGrid(1, 1, 3)).toThrow(/min, max/);
  });
});
