import { InvalidArgumentError } from '../../../src-shared/errors';
import { packRows, toF32, type GpuContext, type KernelThis } from './context';

type This = KernelThis<{ readonly p: number; readonly noiseStd: number }>;

/** x'_ri = d_ri + keep_r·(x_ri − d_ri) + scale_r·z_ri at cell (i, r). */
function affine(this: This, xs: number[], denoised: number[], keep: number[], scale: number[], z: number[]): number {
  const r = this.thread.y;
  const o = r * this.constants.p + this.thread.x;
  return denoised[o]! + keep[r]! * (xs[o]! - denoised[o]!) + scale[r]! * z[o]!;
}

/** The toy oracle's x̂₀ = G∗x₀ + σ_err·ξ fused into the affine update, at cell (i, r). */
function toyStep(this: This, xs: number[], blurred: number[], xi: number[], keep: number[], scale: number[], z: number[]): number {
  const r = this.thread.y;
  const o = r * this.constants.p + this.thread.x;
  const denoised = blurred[o]! + this.constants.noiseStd * xi[o]!;
  return denoised + keep[r]! * (xs[o]! - denoised) + scale[r]! * z[o]!;
}

/** Per-row coefficients of the affine sampler update x' = x̂₀ + keep·(x − x̂₀) + scale·z. */
export interface AffineCoefficients {
  readonly keep: Float64Array;
  readonly scale: Float64Array;
}

/** The affine sampler update and the fused toy-oracle step over R rows of P values, as gpu.js kernels. */
export interface GpuUpdateKernels {
  /** x' = x̂₀ + keep_r·(x − x̂₀) + scale_r·z per row (samplers/update.ts affineUpdate, batched). */
  affine(xs: Float64Array, denoised: Float64Array, z: Float64Array, coefficients: AffineCoefficients): Promise<Float64Array>;
  /** The same with x̂₀ = blurred + σ_err·ξ computed in the kernel (the paper toy's oracle and DDPM step). */
  toyStep(xs: Float64Array, blurred: Float64Array, xi: Float64Array, z: Float64Array, coefficients: AffineCoefficients): Promise<Float64Array>;
}

/**
 * Creates the sampler-update kernels for at most `capacity` rows of `length` values.
 *
 * affine: x'_ri = x̂₀_ri + keep_r(x_ri − x̂₀_ri) + scale_r z_ri (spec schedules-las.md §1.3 (U), the
 * DDPM/DDIM form in VE space); toyStep: the same with x̂₀ = G∗x₀ + σ_err ξ (spec coarse-kl.md §5), one
 * pass instead of two. Float32: three roundings per value plus input rounding; the noise z, ξ is drawn
 * on the host (Philox, addressed), so common random numbers are untouched.
 *
 * @example
 * const update = createGpuUpdateKernels(ctx, 1024, 256, 0.05);
 * await update.affine(xs, denoised, z, { keep, scale }) // → R × 1024 next states
 */
export function createGpuUpdateKernels(ctx: GpuContext, length: number, capacity: number, noiseStd = 0): GpuUpdateKernels {
  const constants = { p: length, noiseStd };
  const affineK = ctx.gpu.createKernel(affine as never, ctx.settings([length, capacity], constants as never));
  const toyK = ctx.gpu.createKernel(toyStep as never, ctx.settings([length, capacity], constants as never));
  const rowsOf = (xs: Float64Array, coefficients: AffineCoefficients, arrays: Float64Array[]) => {
    const rows = coefficients.keep.length;
    if (rows > capacity || coefficients.scale.length !== rows) throw new InvalidArgumentError('coefficients', `expected keep and scale of equal length ≤ ${capacity}, got ${rows}, ${coefficients.scale.length}`);
    for (const a of [xs, ...arrays]) if (a.length !== rows * length) throw new InvalidArgumentError('xs', `expected ${rows} rows × ${length} = ${rows * length} values, got ${a.length}`);
    return rows;
  };
  const f32 = (a: Float64Array) => toF32(a, capacity * length);
  const coef = (a: Float64Array) => toF32(a, capacity);
  return {
    async affine(xs, denoised, z, coefficients) {
      const rows = rowsOf(xs, coefficients, [denoised, z]);
      const out = await affineK(f32(xs), f32(denoised), coef(coefficients.keep), coef(coefficients.scale), f32(z));
      return packRows(out, capacity, length).slice(0, rows * length);
    },
    async toyStep(xs, blurred, xi, z, coefficients) {
      const rows = rowsOf(xs, coefficients, [blurred, xi, z]);
      const out = await toyK(f32(xs), f32(blurred), f32(xi), coef(coefficients.keep), coef(coefficients.scale), f32(z));
      return packRows(out, capacity, length).slice(0, rows * length);
    },
  };
}
