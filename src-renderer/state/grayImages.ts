/** Pure operations on grayscale images (row-major, values in [0, 1]): from RGBA, and resizing. */

/**
 * Grayscale intensities in [0, 1] of RGBA pixels: (0.299 R + 0.587 G + 0.114 B)/255 (ITU-R BT.601
 * luma), composited on black by alpha.
 *
 * @example
 * grayscaleFromRgba(Uint8ClampedArray.of(255, 255, 255, 255, 0, 0, 0, 255), 2) // → [1, 0]
 */
export function grayscaleFromRgba(rgba: ArrayLike<number>, pixels: number): number[] {
  const out = new Array<number>(pixels);
  for (let i = 0; i < pixels; i++) {
    const luma = 0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!;
    out[i] = Math.min(1, Math.max(0, (luma * rgba[4 * i + 3]!) / (255 * 255)));
  }
  return out;
}

/**
 * Resizes a grayscale image from h0 × w0 to h × w by area averaging: each output pixel is the mean
 * of the source over its footprint, partial source pixels weighted by their overlap. Exact for
 * constant images and preserves the mean intensity; upscaling repeats pixels (a footprint inside
 * one source pixel).
 *
 * @example
 * resizeGray(Float32Array.of(0, 1, 1, 0), 2, 2, 1, 1) // → [0.5]
 * resizeGray(Float32Array.of(0, 1), 1, 2, 1, 4) // → [0, 0, 1, 1]
 */
export function resizeGray(gray: ArrayLike<number>, h0: number, w0: number, h: number, w: number): number[] {
  const out = new Array<number>(h * w);
  const sy = h0 / h, sx = w0 / w;
  for (let r = 0; r < h; r++) {
    const y0 = r * sy, y1 = y0 + sy;
    for (let c = 0; c < w; c++) {
      const x0 = c * sx, x1 = x0 + sx;
      let sum = 0, area = 0;
      for (let yy = Math.floor(y0); yy < Math.min(h0, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(w0, Math.ceil(x1)); xx++) {
          const a = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          sum += a * gray[yy * w0 + xx]!;
          area += a;
        }
      }
      out[r * w + c] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}
