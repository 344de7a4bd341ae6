import { InvalidArgumentError } from '../../errors';
import { softmaxInto } from '../../math/logsumexp';
import type { Denoiser } from '../types';
import { logPriorWeights } from './logPrior';

/** The posterior mean of x₀ and the trace of its posterior covariance, both given x̃ at level σ. */
export interface DenoisedWithTrace {
  readonly denoised: Float64Array;
  /** tr Cov(x₀ | x̃) = E‖x₀ − E[x₀ | x̃]‖² given x̃ (squared data units). */
  readonly traceCov: number;
}

/** The exact posterior-mean denoiser of a finite dataset, with the quantities behind it. */
export interface EmpiricalDenoiser extends Denoiser {
  /** D(x; σ) and tr Cov(x₀ | x̃ = x) in one pass. */
  denoiseWithTrace(x: Float64Array, sigma: number): DenoisedWithTrace;
  /** The posterior weights w_j(x; σ) of the data points (sum 1). */
  posteriorWeights(x: Float64Array, sigma: number): Float64Array;
}

/**
 * Creates the exact denoiser of the empirical distribution Σ_j π_j δ(y_j) of `count` points y_j ∈ ℝ^d
 * (row-major in `data`), equal weights π_j = 1/n unless `weights` are given (normalised here).
 *
 * D(x; σ) = Σ_j w_j y_j, w = softmax(ln π_j − ‖x − y_j‖²/(2σ²)) (Tweedie's posterior mean of
 * x̃ = x₀ + σε, x₀ ~ Σ π_j δ(y_j); spec schedules-las.md §6.1). The logits are shifted by the smallest
 * squared distance before the log-sum-exp, so a tiny σ gives the nearest point exactly (σ = 0 is that
 * limit) and σ = ∞ gives the weighted mean. Cost O(n·d) per call.
 *
 * @example
 * const D = createEmpiricalDenoiser(Float64Array.of(-1, 1), 2, 1);
 * D.denoise(Float64Array.of(0.5), 1, ctx) // → [tanh(0.5)] = [0.4621…]
 */
export function createEmpiricalDenoiser(data: Float64Array, count: number, dimension: number, weights?: ArrayLike<number>): EmpiricalDenoiser {
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('count', `expected an integer ≥ 1, got ${count}`);
  if (!Number.isInteger(dimension) || dimension < 1) throw new InvalidArgumentError('dimension', `expected an integer ≥ 1, got ${dimension}`);
  if (data.length !== count * dimension) {
    throw new InvalidArgumentError('data', `expected count × dimension = ${count * dimension} values, got ${data.length}`);
  }
  const logPrior = logPriorWeights(weights, count);

  function posteriorWeights(x: Float64Array, sigma: number): Float64Array {
    const distances = new Float64Array(count);
    let nearest = Infinity;
    for (let j = 0; j < count; j++) {
      let d2 = 0;
      for (let k = 0, o = j * dimension; k < dimension; k++, o++) d2 += (x[k]! - data[o]!) ** 2;
      distances[j] = d2;
      if (d2 < nearest) nearest = d2;
    }
    const scale = 1 / (2 * sigma * sigma);
    // Shift by the nearest distance: the winner's logit is exactly ln π_j even when scale = ∞.
    for (let j = 0; j < count; j++) {
      const excess = distances[j]! - nearest;
      distances[j] = logPrior[j]! - (excess === 0 ? 0 : excess * scale);
    }
    softmaxInto(distances, distances);
    return distances;
  }

  function meanOf(w: Float64Array): Float64Array {
    const mean = new Float64Array(dimension);
    for (let j = 0; j < count; j++) {
      const wj = w[j]!;
      if (wj === 0) continue;
      for (let k = 0, o = j * dimension; k < dimension; k++, o++) mean[k] = mean[k]! + wj * data[o]!;
    }
    return mean;
  }

  return {
    posteriorWeights,
    denoise: (x, sigma) => meanOf(posteriorWeights(x, sigma)),
    denoiseWithTrace(x, sigma) {
      const w = posteriorWeights(x, sigma);
      const denoised = meanOf(w);
      // Σ_j w_j ‖y_j − μ‖² (= Σ_j w_j ‖y_j‖² − ‖μ‖² without its cancellation; never negative).
      let traceCov = 0;
      for (let j = 0; j < count; j++) {
        const wj = w[j]!;
        if (wj === 0) continue;
        let d2 = 0;
        for (let k = 0, o = j * dimension; k < dimension; k++, o++) d2 += (data[o]! - denoised[k]!) ** 2;
        traceCov += wj * d2;
      }
      return { denoised, traceCov };
    },
  };
}
