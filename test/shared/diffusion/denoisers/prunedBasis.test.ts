import { describe, expect, it } from 'vitest';
import { principalBasis } from '../../../../src-shared/diffusion/denoisers/prunedBasis';
import { expectClose } from '../../../support/close';

/**
 * n points, each on one of 4 coordinate axes at ±2·s_i (signs alternating, so the mean is 0.5 in every
 * coordinate): the sample covariance is exactly diag(s_i²) on those axes, so the principal directions
 * are the axes themselves, with no sampling error.
 */
function planted(n: number, d: number) {
  const axes = [7, 2, 11, 5];
  const scales = [5, 3, 2, 1];
  const data = new Float64Array(n * d).fill(0.5);
  for (let j = 0; j < n; j++) {
    const i = j % 4;
    const sign = Math.floor(j / 4) % 2 === 0 ? 1 : -1;
    data[j * d + axes[i]!] = 0.5 + sign * 2 * scales[i]!;
  }
  return { data, axes, scales };
}

describe('principalBasis(data, count, dimension, { rank })', () => {
  const n = 400, d = 16;
  const { data, axes, scales } = planted(n, d);

  it('returns rows orthonormal to 1e-14 (VVᵀ = I)', () => {
    const { basis, rank } = principalBasis(data, n, d, { rank: 10 });
    for (let a = 0; a < rank; a++) {
      for (let b = 0; b < rank; b++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += basis[a * d + k]! * basis[b * d + k]!;
        expectClose(dot, a === b ? 1 : 0, { absTol: 1e-14 });
      }
    }
  });

  it('recovers the planted axes in order of variance: |⟨v_i, e_axis⟩| = 1 and λ_i = s_i² to 1e-12', () => {
    const { basis, variances } = principalBasis(data, n, d, { rank: 4 });
    axes.forEach((axis, i) => {
      expectClose(Math.abs(basis[i * d + axis]!), 1, { absTol: 1e-12 });
      expectClose(variances[i]!, scales[i]! ** 2, { relTol: 1e-12 });
    });
  });

  it('completes the basis when the data span fewer than rank directions (rank 12 of 4 + tiny noise, d = 16)', () => {
    const flat = new Float64Array(50 * d);
    flat.forEach((_, i) => (flat[i] = i % d === 3 ? (i / d) % 5 : 0));
    const { basis } = principalBasis(flat, 50, d, { rank: 12 });
    let dot = 0;
    for (let k = 0; k < d; k++) dot += basis[11 * d + k]! * basis[11 * d + k]!;
    expectClose(dot, 1, { absTol: 1e-14 });
  });

  it('computes the mean of all points exactly as a plain sum / n', () => {
    const { mean } = principalBasis(data, n, d, { rank: 2 });
    const expected = Array.from({ length: d }, (_, k) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += data[j * d + k]!;
      return s / n;
    });
    expectClose(mean, expected, { relTol: 0 });
  });

  it('rejects a rank outside [1, d]', () => {
    expect(() => principalBasis(data, n, d, { rank: 0 })).toThrow(/rank: expected an integer in \[1, 16\], got 0/);
    expect(() => principalBasis(data, n, d, { rank: 17 })).toThrow(/rank/);
  });
});
