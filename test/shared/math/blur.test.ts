import { describe, expect, it } from 'vitest';
import { gaussianBlur, gaussianKernel1d, reflectIndex } from '../../../src-shared/math/blur';
import { expectClose } from '../../support/close';
import fixture from '../../fixtures/math/gaussian-blur.json';

describe('gaussianBlur(image, { height, width, sigma })', () => {
  // Same kernel, same reflect rule; only the order of the ≤ 2·(2R+1) products per pixel differs, so
  // agreement is a few ulps of values in [0, 1]: 1e-14 absolute leaves room for ~50 ulps.
  it.each(fixture.cases.map((c) => [`${c.height}×${c.width}, σ = ${c.sigma}`, c] as const))(
    'equals scipy.ndimage.gaussian_filter(mode="reflect", radius ⌈3σ⌉) to 1e-14 (%s)',
    (_, c) => {
      const image = Float64Array.from(c.image);
      const blurred = gaussianBlur(image, { height: c.height, width: c.width, sigma: c.sigma });
      expect(Math.ceil(3 * c.sigma)).toBe(c.radius);
      expectClose(blurred, c.blurred, { absTol: 1e-14, relTol: 0 });
      expect(Array.from(image)).toEqual(c.image);
    },
  );

  it('returns an exact copy for σ = 0 (no blur), not the input itself', () => {
    const image = Float64Array.of(0.1, 0.7, 0.3, 0.9, 0.2, 0.4);
    const blurred = gaussianBlur(image, { height: 2, width: 3, sigma: 0 });
    expect(blurred).not.toBe(image);
    expect(Array.from(blurred)).toEqual(Array.from(image));
  });

  it('leaves a constant image unchanged to 4 ulps (normalised kernel, reflect borders)', () => {
    const image = new Float64Array(5 * 8).fill(0.37);
    expectClose(gaussianBlur(image, { height: 5, width: 8, sigma: 1.3 }), image, { relTol: 4 * Number.EPSILON });
  });

  it('rejects a wrong length, a negative σ and a non-integer shape, naming the argument', () => {
    expect(() => gaussianBlur(new Float64Array(5), { height: 2, width: 3, sigma: 1 })).toThrow(/image: expected height × width = 6 values, got 5/);
    expect(() => gaussianBlur(new Float64Array(6), { height: 2, width: 3, sigma: -1 })).toThrow(/sigma: expected a finite number ≥ 0/);
    expect(() => gaussianBlur(new Float64Array(6), { height: 1.5, width: 4, sigma: 1 })).toThrow(/height: expected an integer ≥ 1/);
  });
});

describe('gaussianKernel1d(sigma, radius)', () => {
  it('is symmetric, sums to 1 within 2 ulps and has ratios exp(−(2j+1)/(2σ²)) between neighbours', () => {
    const sigma = 1.3;
    const radius = 4;
    const kernel = gaussianKernel1d(sigma, radius);
    expect(kernel.length).toBe(9);
    expectClose(kernel.reduce((a, b) => a + b, 0), 1, { relTol: 2 * Number.EPSILON });
    for (let j = 0; j < radius; j++) {
      expect(kernel[radius + j]).toBe(kernel[radius - j]);
      expectClose(kernel[radius + j + 1]! / kernel[radius + j]!, Math.exp(-(2 * j + 1) / (2 * sigma * sigma)), { relTol: 8 * Number.EPSILON });
    }
  });
});

describe('reflectIndex(k, n)', () => {
  it('maps indices by half-sample symmetry with period 2n (d c b a | a b c d | d c b a)', () => {
    const n = 4;
    const mapped = Array.from({ length: 16 }, (_, j) => reflectIndex(j - 6, n));
    // k = −6 … 9
    expect(mapped).toEqual([2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1]);
    expect(reflectIndex(-7, 1)).toBe(0);
  });
});
