import { InvalidArgumentError } from '../errors';

/**
 * Separable Gaussian blur of a single-channel image with half-sample symmetric ("reflect") borders,
 * the convention of scipy.ndimage.gaussian_filter(mode='reflect'): d c b a | a b c d | d c b a.
 */

/**
 * Computes the normalised 1-D Gaussian kernel w_j ∝ exp(−j²/(2σ²)), j = −radius … radius.
 *
 * w_j = exp(−j²/(2σ²)) / Σ_k exp(−k²/(2σ²)) (scipy.ndimage `_gaussian_kernel1d`, order 0). Entry
 * radius + j holds w_j; the weights sum to 1 up to rounding. σ in pixels, σ > 0.
 *
 * @example
 * gaussianKernel1d(1, 1) // → [0.27406862, 0.45186276, 0.27406862]
 */
export function gaussianKernel1d(sigma: number, radius: number): Float64Array {
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new InvalidArgumentError('sigma', `expected a finite number > 0, got ${sigma}`);
  if (!Number.isInteger(radius) || radius < 0) throw new InvalidArgumentError('radius', `expected an integer ≥ 0, got ${radius}`);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let j = -radius; j <= radius; j++) {
    const w = Math.exp((-0.5 * j * j) / (sigma * sigma));
    kernel[j + radius] = w;
    sum += w;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] = kernel[k]! / sum;
  return kernel;
}

/**
 * Maps an index k ∈ ℤ onto [0, n) by half-sample symmetric reflection with period 2n.
 *
 * k ↦ m if m < n, else 2n − 1 − m, where m = k mod 2n (so −1 ↦ 0, −2 ↦ 1, n ↦ n − 1). Works for
 * any k, including offsets larger than the image (scipy's 'reflect' extends the same way).
 *
 * @example
 * reflectIndex(-1, 4) // → 0
 * reflectIndex(5, 4) // → 2
 * reflectIndex(9, 4) // → 1
 */
export function reflectIndex(k: number, n: number): number {
  const period = 2 * n;
  const m = ((k % period) + period) % period;
  return m < n ? m : period - 1 - m;
}

/** Shape and width of a blur. */
export interface GaussianBlurOptions {
  readonly height: number;
  readonly width: number;
  /** Standard deviation in pixels, ≥ 0; 0 means no blur (a copy is returned). */
  readonly sigma: number;
  /** Kernel half-width in pixels; default ⌈3σ⌉. */
  readonly radius?: number;
}

/**
 * Computes G_σ * x: the Gaussian blur of a row-major height × width image, separably along rows and
 * columns, with half-sample symmetric ("reflect") borders.
 *
 * (G_σ * x)[r, c] = Σ_{i,j=−R…R} w_i w_j x[ρ(r + i), ρ(c + j)], w = gaussianKernel1d(σ, R),
 * R = ⌈3σ⌉ by default, ρ = reflectIndex. Equals scipy.ndimage.gaussian_filter(x, σ, mode='reflect',
 * truncate=R/σ) to rounding (axis 0 first, as scipy). Units: σ and R in pixels. σ = 0 returns a copy.
 * The input is not modified; a constant image is returned unchanged (to rounding).
 *
 * @example
 * gaussianBlur(Float64Array.of(0, 0, 1, 0, 0), { height: 1, width: 5, sigma: 1 })
 * // → [0.0584, 0.2420, 0.3991, 0.2420, 0.0584] (to 4 digits; the reflected tails add back mass)
 */
export function gaussianBlur(image: Float64Array, options: GaussianBlurOptions): Float64Array {
  const { height, width, sigma } = options;
  if (!Number.isInteger(height) || height < 1) throw new InvalidArgumentError('height', `expected an integer ≥ 1, got ${height}`);
  if (!Number.isInteger(width) || width < 1) throw new InvalidArgumentError('width', `expected an integer ≥ 1, got ${width}`);
  if (image.length !== height * width) {
    throw new InvalidArgumentError('image', `expected height × width = ${height * width} values, got ${image.length}`);
  }
  if (!(sigma >= 0 && Number.isFinite(sigma))) throw new InvalidArgumentError('sigma', `expected a finite number ≥ 0, got ${sigma}`);
  if (sigma === 0) return image.slice();
  const radius = options.radius ?? Math.ceil(3 * sigma);
  const kernel = gaussianKernel1d(sigma, radius);
  // Axis 0 (down each column), then axis 1 (along each row).
  const vertical = correlateAxis(image, { lines: width, length: height, lineStride: 1, stride: width }, kernel);
  return correlateAxis(vertical, { lines: height, length: width, lineStride: width, stride: 1 }, kernel);
}

interface AxisLayout {
  /** Number of 1-D lines along the axis. */
  readonly lines: number;
  /** Samples per line. */
  readonly length: number;
  /** Offset between the starts of consecutive lines. */
  readonly lineStride: number;
  /** Offset between consecutive samples of a line. */
  readonly stride: number;
}

/** 1-D correlation of every line along one axis with a symmetric kernel, reflect borders. */
function correlateAxis(input: Float64Array, layout: AxisLayout, kernel: Float64Array): Float64Array {
  const { lines, length, lineStride, stride } = layout;
  const radius = (kernel.length - 1) / 2;
  const out = new Float64Array(input.length);
  for (let line = 0; line < lines; line++) {
    const base = line * lineStride;
    for (let k = 0; k < length; k++) {
      let acc = 0;
      for (let j = -radius; j <= radius; j++) acc += kernel[j + radius]! * input[base + reflectIndex(k + j, length) * stride]!;
      out[base + k * stride] = acc;
    }
  }
  return out;
}
