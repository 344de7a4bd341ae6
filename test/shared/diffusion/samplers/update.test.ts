import { describe, expect, it } from 'vitest';
import { addScaled, affineUpdate, toD } from '../../../../src-shared/diffusion/samplers/update';

describe('affineUpdate(x, x̂₀, keep, noise), toD(x, σ, x̂₀), addScaled(x, a, y)', () => {
  it('compute x̂₀ + keep(x − x̂₀) + scale·z, (x − x̂₀)/σ and x + a·y on exact binary fractions', () => {
    expect(Array.from(affineUpdate(Float64Array.of(3, -1), Float64Array.of(1, 1), 0.5))).toEqual([2, 0]);
    expect(Array.from(affineUpdate(Float64Array.of(3, -1), Float64Array.of(1, 1), 0.5, { scale: 0.25, z: Float64Array.of(4, -4) }))).toEqual([3, -1]);
    expect(Array.from(toD(Float64Array.of(3, -1), 2, Float64Array.of(1, 1)))).toEqual([1, -1]);
    expect(Array.from(addScaled(Float64Array.of(1, 2), 0.5, Float64Array.of(2, -2)))).toEqual([2, 1]);
  });

  it('do not modify their inputs', () => {
    const x = Float64Array.of(3, -1);
    const denoised = Float64Array.of(1, 1);
    affineUpdate(x, denoised, 0.5);
    toD(x, 2, denoised);
    addScaled(x, 2, denoised);
    expect([...x, ...denoised]).toEqual([3, -1, 1, 1]);
  });
});
