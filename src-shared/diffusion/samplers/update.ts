import { hotKernels } from '../../math/hotKernels';
/**
 * The vector updates the samplers share. Each returns a new array and reads its inputs only.
 */

/** Noise added by an update: scale·z. */
export interface ScaledNoise {
  readonly scale: number;
  readonly z: Float64Array;
}

/**
 * Computes x' = x̂₀ + keep·(x − x̂₀) + scale·z: the form of every ancestral / DDIM update in VE space
 * (spec schedules-las.md §1.3, (U)). Without noise the last term is absent (not 0·z).
 *
 * @example
 * affineUpdate(Float64Array.of(3), Float64Array.of(1), 0.5) // → [2]
 */
export function affineUpdate(x: Float64Array, denoised: Float64Array, keep: number, noise?: ScaledNoise): Float64Array {
  if (hotKernels.current !== null) return hotKernels.current.affineUpdate(x, denoised, keep, noise);
  const out = new Float64Array(x.length);
  if (noise === undefined) {
    for (let k = 0; k < out.length; k++) out[k] = denoised[k]! + keep * (x[k]! - denoised[k]!);
    return out;
  }
  const { scale, z } = noise;
  for (let k = 0; k < out.length; k++) out[k] = denoised[k]! + keep * (x[k]! - denoised[k]!) + scale * z[k]!;
  return out;
}

/**
 * Computes the probability-flow slope dx/dσ = (x − D(x; σ))/σ (Karras et al. 2022 eq. 3 with
 * σ(t) = t, s(t) = 1; k-diffusion `to_d`). σ = 0 gives ±∞ or NaN.
 *
 * @example
 * toD(Float64Array.of(3), 2, Float64Array.of(1)) // → [1]
 */
export function toD(x: Float64Array, sigma: number, denoised: Float64Array): Float64Array {
  const d = new Float64Array(x.length);
  for (let k = 0; k < d.length; k++) d[k] = (x[k]! - denoised[k]!) / sigma;
  return d;
}

/**
 * Computes x + a·y.
 *
 * @example
 * addScaled(Float64Array.of(1, 2), 0.5, Float64Array.of(2, 2)) // → [2, 3]
 */
export function addScaled(x: Float64Array, a: number, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < out.length; k++) out[k] = x[k]! + a * y[k]!;
  return out;
}
