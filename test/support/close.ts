import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ max(absTol, relTol·|expected|), elementwise, and prints Δ and tol
 * on failure. State tolerances in units of Number.EPSILON for exact formulas and derive them from
 * the method's error order for discretisations.
 */
export function expectClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  { relTol = 8 * Number.EPSILON, absTol = 0 }: { relTol?: number; absTol?: number } = {},
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, 'lengths').toBe(e.length);
  a.forEach((ai, i) => {
    const ei = e[i]!;
    const tol = Math.max(absTol, relTol * Math.abs(ei));
    const delta = Math.abs(ai - ei);
    expect(delta, `index ${i}: actual ${ai}, expected ${ei}, Δ ${delta} > tol ${tol}`).toBeLessThanOrEqual(tol);
  });
}
