import { InvalidArgumentError } from '../../errors';
import { gaussianBlur } from '../../math/blur';
import { NOISE_STREAM, type Denoiser, type NoiseSource } from '../types';

/** The toy oracle of spec coarse-kl.md §5; every [ASSUMED] parameter is a field with the spec's default. */
export interface ToyOracleOptions {
  /** The clean image x₀ (row-major height × width). */
  readonly reference: Float64Array;
  readonly height: number;
  readonly width: number;
  /** σ_b, the blur's standard deviation in pixels (reflect borders, radius ⌈3σ_b⌉); 0 = no blur. Default 1.0. */
  readonly blurSigma?: number;
  /** σ_err, the standard deviation of the additive error ξ; 0 = none. Default 0.05. */
  readonly noiseStd?: number;
}

/** The toy oracle as data, for an accelerated runner that reproduces it (x̂₀ = blurred + noiseStd·ξ). */
export interface ToyOracle extends Denoiser {
  readonly toyOracle: { readonly blurred: Float64Array; readonly noiseStd: number };
}

/** Whether a denoiser is a toy oracle (createToyOracle). */
export function isToyOracle(denoiser: Denoiser): denoiser is ToyOracle {
  return 'toyOracle' in denoiser;
}

/**
 * Creates the imperfect, leaky oracle denoiser of the coarse-KL toy model: a blurred copy of the
 * reference plus fresh Gaussian error, independent of x and σ.
 *
 * x̂₀ = G_{σ_b} * x₀ + σ_err ξ, ξ ~ N(0, I) drawn per evaluation from ctx.noise at (step, stream
 * NOISE_STREAM.denoiser + evaluation) (spec coarse-kl.md §5, "simplified reverse kernel"). The blur is
 * computed once (math/blur.ts). Intensities in the units of the reference. σ_b = σ_err = 0 returns
 * x₀ exactly.
 *
 * @example
 * const oracle = createToyOracle({ reference: Float64Array.of(0.2, 0.8), height: 1, width: 2, blurSigma: 0, noiseStd: 0 });
 * oracle.denoise(Float64Array.of(5, -5), 3, ctx) // → [0.2, 0.8]
 */
export function createToyOracle(options: ToyOracleOptions): ToyOracle {
  const { reference, height, width, blurSigma = 1.0, noiseStd = 0.05 } = options;
  if (reference.length !== height * width) {
    throw new InvalidArgumentError('reference', `expected height × width = ${height * width} values, got ${reference.length}`);
  }
  if (!(noiseStd >= 0 && Number.isFinite(noiseStd))) throw new InvalidArgumentError('noiseStd', `expected a finite number ≥ 0, got ${noiseStd}`);
  if (!(blurSigma >= 0 && Number.isFinite(blurSigma))) throw new InvalidArgumentError('blurSigma', `expected a finite number ≥ 0, got ${blurSigma}`);
  const blurred = gaussianBlur(reference, { height, width, sigma: blurSigma });
  // x̂₀ depends only on (noise source, step, evaluation): the last one is returned again to the
  // other variants of a lockstep comparison (callers treat it as read-only).
  let last: { noise: NoiseSource; step: number; evaluation: number; denoised: Float64Array } | undefined;
  return {
    toyOracle: { blurred, noiseStd },
    denoise(_x, _sigma, ctx) {
      if (last && last.noise === ctx.noise && last.step === ctx.step && last.evaluation === ctx.evaluation) return last.denoised;
      const denoised = blurred.slice();
      if (noiseStd > 0) {
        const xi = ctx.noise.normal(ctx.step, NOISE_STREAM.denoiser + ctx.evaluation, denoised.length);
        for (let k = 0; k < denoised.length; k++) denoised[k] = denoised[k]! + noiseStd * xi[k]!;
      }
      last = { noise: ctx.noise, step: ctx.step, evaluation: ctx.evaluation, denoised };
      return denoised;
    },
  };
}
