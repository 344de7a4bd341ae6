import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { symmetricEigen, tridiagonalEigen } from '../../../src-shared/info/symmetricEigen';
import { expectClose } from '../../support/close';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new CounterRng(seed, 0);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = rng.nextUniform() - 0.5; a[i * n + j] = v; a[j * n + i] = v; }
  return a;
}

describe('symmetricEigen(a, n)', () => {
  it('gives ‖A v − λ v‖ ≤ 64 ε‖A‖ and orthonormal vectors for random symmetric matrices of size 1 … 60', () => {
    for (const n of [1, 2, 3, 7, 31, 60]) {
      const a = randomSymmetric(n, n);
      const { values, vectors } = symmetricEigen(a, n);
      for (let c = 0; c < n; c++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[c * n + k]!;
          expect(Math.abs(av - values[c]! * vectors[c * n + i]!)).toBeLessThanOrEqual(64 * Number.EPSILON * n);
        }
        for (let c2 = 0; c2 < n; c2++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += vectors[c * n + k]! * vectors[c2 * n + k]!;
          expect(Math.abs(dot - (c === c2 ? 1 : 0))).toBeLessThanOrEqual(64 * Number.EPSILON * n);
        }
      }
      for (let c = 1; c < n; c++) expect(values[c]!).toBeGreaterThanOrEqual(values[c - 1]!);
    }
  });

  it('returns the same eigenvalues without vectors, and [1, 3] for [[2, 1], [1, 2]]', () => {
    const a = randomSymmetric(20, 3);
    expectClose(symmetricEigen(a, 20, false).values, symmetricEigen(a, 20).values, { absTol: 1e-13 });
    expectClose(symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values, [1, 3], { absTol: 4 * Number.EPSILON });
  });

  it('tridiagonalEigen of the path graph gives 2cos(kπ/(n+1))', () => {
    const n = 9;
    const { values } = tridiagonalEigen(new Float64Array(n), new Float64Array(n - 1).fill(1));
    expectClose(values, Array.from({ length: n }, (_, k) => 2 * Math.cos(((n - k) * Math.PI) / (n + 1))), { absTol: 1e-14 });
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => symmetricEigen(new Float64Array(3), 2)).toThrow(/a: expected n² = 4 entries, got 3/);
  });
});
