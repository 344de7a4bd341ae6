import type { EmpiricalSet } from './dataset';

/** The exact posterior over the points of an empirical dataset given one observation. */
export interface EmpiricalPosterior {
  /** Posterior weights w_j (sum 1). */
  readonly weights: Float64Array;
  /** Logits ℓ_j = ln π_j − ‖ỹ − x_j‖²/(2ν) (the softmax of these is w). */
  readonly logits: Float64Array;
  /** LSE(ℓ) = ln Σ_j e^{ℓ_j}. */
  readonly logNormaliser: number;
  /** D(ỹ) = Σ_j w_j x_j. */
  readonly denoised: Float64Array;
  /** tr C = Σ_j w_j ‖x_j − D‖² (centred form). */
  readonly traceCov: number;
  /** h = LSE(ℓ) − Σ_j w_j ℓ_j, the posterior Shannon entropy in nats. */
  readonly entropyNats: number;
}

/**
 * Computes the exact posterior of x₀ ~ Σ_j π_j δ(x_j) given ỹ = x₀ + √ν ε (spec §1.2): weights,
 * logits, log-normaliser, posterior mean D, tr C (centred) and the posterior entropy h (nats).
 *
 * ℓ_j = ln π_j − ‖ỹ − x_j‖²/(2ν), w = softmax(ℓ), D = Σ w_j x_j, tr C = Σ w_j‖x_j − D‖²,
 * h = LSE(ℓ) − Σ_{w_j > 0} w_j ℓ_j. The distances are computed directly (no ‖ỹ‖² cancellation), so
 * ι_j = LSE − ℓ_j is accurate even at tiny ν. Cost O(N·d). NaN in ỹ propagates.
 *
 * @example
 * empiricalPosterior(empiricalSet(Float64Array.of(-1, 1), 2, 1), Float64Array.of(0.5), 1).denoised // → [tanh(0.5)]
 */
export function empiricalPosterior(set: EmpiricalSet, y: ArrayLike<number>, nu: number): EmpiricalPosterior {
  const { count, dimension: d, points, logPrior } = set;
  const logits = new Float64Array(count);
  const scale = 1 / (2 * nu);
  let max = -Infinity;
  for (let j = 0; j < count; j++) {
    let d2 = 0;
    for (let k = 0, o = j * d; k < d; k++, o++) {
      const diff = y[k]! - points[o]!;
      d2 += diff * diff;
    }
    const l = logPrior[j]! - d2 * scale;
    logits[j] = l;
    if (l > max) max = l;
  }
  const weights = new Float64Array(count);
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const e = Math.exp(logits[j]! - max);
    weights[j] = e;
    sum += e;
  }
  const logNormaliser = max + Math.log(sum);
  const denoised = new Float64Array(d);
  let mean = 0;
  for (let j = 0; j < count; j++) {
    const w = weights[j]! / sum;
    weights[j] = w;
    if (w === 0) continue;
    mean += w * logits[j]!;
    for (let k = 0, o = j * d; k < d; k++, o++) denoised[k] = denoised[k]! + w * points[o]!;
  }
  let traceCov = 0;
  for (let j = 0; j < count; j++) {
    const w = weights[j]!;
    if (w === 0) continue;
    let d2 = 0;
    for (let k = 0, o = j * d; k < d; k++, o++) d2 += (points[o]! - denoised[k]!) ** 2;
    traceCov += w * d2;
  }
  return { weights, logits, logNormaliser, denoised, traceCov, entropyNats: logNormaliser - mean };
}

/**
 * Computes C·v for the posterior covariance C = Σ_j w_j (x_j − D)(x_j − D)ᵀ of a posterior, without
 * forming C: Σ_j w_j (x_j − D)((x_j − D)·v). Cost O(N·d) (points with w_j = 0 skipped).
 *
 * @example
 * posteriorCovarianceTimes(set, posterior, Float64Array.of(1)) // → [tr C] in 1-D
 */
export function posteriorCovarianceTimes(set: EmpiricalSet, posterior: EmpiricalPosterior, v: ArrayLike<number>): Float64Array {
  const { count, dimension: d, points } = set;
  const { weights, denoised } = posterior;
  const out = new Float64Array(d);
  for (let j = 0; j < count; j++) {
    const w = weights[j]!;
    if (w === 0) continue;
    let dot = 0;
    for (let k = 0, o = j * d; k < d; k++, o++) dot += (points[o]! - denoised[k]!) * v[k]!;
    const scale = w * dot;
    for (let k = 0, o = j * d; k < d; k++, o++) out[k] = out[k]! + scale * (points[o]! - denoised[k]!);
  }
  return out;
}

/**
 * Computes the largest eigenvalue of a symmetric PSD operator and its unit eigenvector by power
 * iteration from `start` (default the fixed vector (1, −½, ⅓, …), normalised), until ‖Mv‖ changes by
 * less than `tol` relative (or 500 iterations). Along a continuation, the previous eigenvector is a
 * good start.
 *
 * @example
 * topEigenpair((v) => v.map((x) => 2 * x), 3).value // → 2
 */
export function topEigenpair(times: (v: Float64Array) => Float64Array, dimension: number, tol = 1e-12, start?: ArrayLike<number>): { value: number; vector: Float64Array } {
  let v: Float64Array = start ? Float64Array.from(start) : Float64Array.from({ length: dimension }, (_, k) => (k % 2 === 0 ? 1 : -0.5) / (1 + k));
  if (normalise(v) === 0) v[0] = 1;
  let value = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = times(v);
    const norm = normalise(next);
    if (norm === 0) return { value: 0, vector: v };
    const converged = Math.abs(norm - value) <= tol * norm;
    value = norm;
    v = next;
    if (converged) break;
  }
  return { value, vector: v };
}

function normalise(v: Float64Array): number {
  let n2 = 0;
  for (const x of v) n2 += x * x;
  const n = Math.sqrt(n2);
  if (n > 0) for (let k = 0; k < v.length; k++) v[k] = v[k]! / n;
  return n;
}
