import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { grayscaleFromRgba, resizeGray } from '../../../src-renderer/state/grayImages';
import { expectClose } from '../../support/close';

describe('grayscaleFromRgba(rgba, pixels)', () => {
  it('is BT.601 luma in [0, 1], scaled by alpha', () => {
    expectClose(grayscaleFromRgba(Uint8ClampedArray.of(255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0), 4), [1, 0.299, 0.114, 0], { relTol: 1e-12, absTol: 1e-15 });
  });
});

describe('resizeGray(gray, h0, w0, h, w)', () => {
  it('keeps a constant image constant and preserves the mean on 200 random images and sizes', () => {
    const rng = new CounterRng(3, 0);
    for (let trial = 0; trial < 200; trial++) {
      const h0 = 1 + rng.nextInt(20), w0 = 1 + rng.nextInt(20), h = 1 + rng.nextInt(20), w = 1 + rng.nextInt(20);
      const gray = Float64Array.from({ length: h0 * w0 }, () => rng.nextUniform());
      const out = resizeGray(gray, h0, w0, h, w);
      const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
      // Area averaging over a partition of the image into equal footprints preserves the mean exactly (up to rounding).
      expectClose(mean(out), mean(gray), { relTol: 1e-12 });
      expectClose(resizeGray(new Float64Array(h0 * w0).fill(0.3), h0, w0, h, w), new Array(h * w).fill(0.3), { relTol: 1e-12 });
    }
  });

  it('averages 2 × 2 blocks when halving and repeats pixels when doubling', () => {
    expect(resizeGray(Float32Array.of(0, 1, 0.5, 0.5, 1, 1, 0, 0), 2, 4, 1, 2)).toEqual([0.75, 0.25]);
    expect(resizeGray(Float32Array.of(0, 1), 1, 2, 2, 4)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });
});
