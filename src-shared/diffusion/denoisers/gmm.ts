import { InvalidArgumentError } from '../../errors';
import { softmaxInto } from '../../math/logsumexp';
import type { Denoiser } from '../types';
import type { DenoisedWithTrace } from './empirical';

/** One isotropic component π·N(μ, s²I) of a Gaussian mixture. */
export interface GmmComponent {
  /** Mixture weight π_i ≥ 0 (normalised over the components). */
  readonly weight: number;
  /** Mean μ_i ∈ ℝ^d. */
  readonly mean: ArrayLike<number>;
  /** Standard deviation s_i ≥ 0 (0: a point mass). */
  readonly std: number;
}

/** The exact posterior-mean denoiser of an isotropic Gaussian mixture. */
export interface GmmDenoiser extends Denoiser {
  readonly dimension: number;
  /** D(x; σ) and tr Cov(x₀ | x̃ = x) in one pass. */
  denoiseWithTrace(x: Float64Array, sigma: number): DenoisedWithTrace;
}

/**
 * Creates the exact denoiser of the mixture Σ_i π_i N(μ_i, s_i² I) in ℝ^d.
 *
 * D(x; σ) = Σ_i r_i(x) [μ_i + s_i²/(s_i² + σ²)·(x − μ_i)], r_i ∝ π_i N(x; μ_i, (s_i² + σ²) I), the
 * responsibilities computed in the log domain (ln r_i = ln π_i − (d/2) ln(s_i² + σ²)
 * − ‖x − μ_i‖²/(2(s_i² + σ²)) + const, then a log-sum-exp). Tweedie's posterior mean of x̃ = x₀ + σε.
 * Posterior covariance trace: Σ_i r_i [d s_i²σ²/(s_i² + σ²) + ‖m_i − D‖²], m_i the component means
 * in brackets. Needs s_i² + σ² > 0 for every component with π_i > 0 (else NaN).
 *
 * @example
 * const D = createGmmDenoiser([{ weight: 1, mean: [0], std: 1 }]);
 * D.denoise(Float64Array.of(2), 1, ctx) // → [1] (= x·s²/(s² + σ²))
 */
export function createGmmDenoiser(components: readonly GmmComponent[]): GmmDenoiser {
  if (components.length < 1) throw new InvalidArgumentError('components', 'expected at least one component, got none');
  const dimension = components[0]!.mean.length;
  if (dimension < 1) throw new InvalidArgumentError('components[0].mean', 'expected at least one coordinate, got none');
  let totalWeight = 0;
  components.forEach((c, i) => {
    if (!(c.weight >= 0 && Number.isFinite(c.weight))) throw new InvalidArgumentError(`components[${i}].weight`, `expected a finite number ≥ 0, got ${c.weight}`);
    if (!(c.std >= 0 && Number.isFinite(c.std))) throw new InvalidArgumentError(`components[${i}].std`, `expected a finite number ≥ 0, got ${c.std}`);
    if (c.mean.length !== dimension) throw new InvalidArgumentError(`components[${i}].mean`, `expected ${dimension} coordinates (as components[0]), got ${c.mean.length}`);
    totalWeight += c.weight;
  });
  if (!(totalWeight > 0)) throw new InvalidArgumentError('components', 'expected weights with a positive sum, got 0');
  const K = components.length;
  const means = components.map((c) => Float64Array.from(c.mean));
  const logWeights = components.map((c) => Math.log(c.weight / totalWeight));
  const variances = components.map((c) => c.std * c.std);

  function denoiseWithTrace(x: Float64Array, sigma: number): DenoisedWithTrace {
    const sigma2 = sigma * sigma;
    const logits = new Float64Array(K);
    for (let i = 0; i < K; i++) {
      const total = variances[i]! + sigma2;
      const mean = means[i]!;
      let d2 = 0;
      for (let k = 0; k < dimension; k++) d2 += (x[k]! - mean[k]!) ** 2;
      logits[i] = logWeights[i]! - 0.5 * dimension * Math.log(total) - d2 / (2 * total);
    }
    softmaxInto(logits, logits);
    const r = logits;
    // Component posterior means m_i = μ_i + g_i (x − μ_i), g_i = s_i²/(s_i² + σ²).
    const denoised = new Float64Array(dimension);
    let spread = 0;
    const componentMeans: Float64Array[] = [];
    for (let i = 0; i < K; i++) {
      const g = variances[i]! / (variances[i]! + sigma2);
      const mean = means[i]!;
      const m = new Float64Array(dimension);
      for (let k = 0; k < dimension; k++) m[k] = mean[k]! + g * (x[k]! - mean[k]!);
      componentMeans.push(m);
      if (r[i] === 0) continue;
      for (let k = 0; k < dimension; k++) denoised[k] = denoised[k]! + r[i]! * m[k]!;
      spread += r[i]! * dimension * g * sigma2;
    }
    let traceCov = spread;
    for (let i = 0; i < K; i++) {
      if (r[i] === 0) continue;
      const m = componentMeans[i]!;
      let d2 = 0;
      for (let k = 0; k < dimension; k++) d2 += (m[k]! - denoised[k]!) ** 2;
      traceCov += r[i]! * d2;
    }
    return { denoised, traceCov };
  }

  return { dimension, denoiseWithTrace, denoise: (x, sigma) => denoiseWithTrace(x, sigma).denoised };
}
