import { describe, expect, it } from 'vitest';
import { gaussLegendre, integrateGaussLegendre, integrateOnBreakpoints } from '../../../src-shared/schedules/quadrature';
import { expectClose } from '../../support/close';

describe('gaussLegendre(n)', () => {
  it('gaussLegendre(n) has symmetric nodes in (−1, 1) and weights summing to 2, for n = 1 … 40, 96 and 200', () => {
    for (const n of [...Array.from({ length: 40 }, (_, i) => i + 1), 96, 200]) {
      const { nodes, weights } = gaussLegendre(n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        expect(Math.abs(nodes[i]!)).toBeLessThan(1);
        expectClose(nodes[i]!, -nodes[n - 1 - i]!, { absTol: 4 * Number.EPSILON });
        sum += weights[i]!;
      }
      // n terms of size ~2/n: rounding of order n·ε.
      expectClose(sum, 2, { relTol: 8 * n * Number.EPSILON });
    }
  });

  it('gaussLegendre(n) integrates x^p exactly for every p ≤ 2n − 1 (n = 2, 8, 96)', () => {
    for (const n of [2, 8, 96]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let p = 0; p <= 2 * n - 1; p++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += weights[i]! * nodes[i]! ** p;
        const exact = p % 2 === 1 ? 0 : 2 / (p + 1);
        // |x^p| ≤ 1 on the nodes, so the absolute rounding is ~n·ε.
        expectClose(sum, exact, { absTol: 16 * n * Number.EPSILON });
      }
    }
  });
});

describe('integrateGaussLegendre(f, a, b, options)', () => {
  it('integrateGaussLegendre(exp, 0, 1) equals e − 1 and reverses sign when a > b', () => {
    expectClose(integrateGaussLegendre(Math.exp, 0, 1), Math.E - 1, { relTol: 4 * Number.EPSILON });
    expectClose(integrateGaussLegendre(Math.exp, 1, 0, { panels: 2, nodes: 10 }), 1 - Math.E, { relTol: 8 * Number.EPSILON });
  });

  it('integrateOnBreakpoints(f, breaks, n) is exact for piecewise polynomials with kinks at the breakpoints', () => {
    expectClose(integrateOnBreakpoints((x) => Math.abs(x) ** 3, [-1, 0, 2], 2), 0.25 + 4, { relTol: 8 * Number.EPSILON });
  });
});
