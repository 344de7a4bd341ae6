/**
 * Closed forms for Gaussian data N(μ, Σ) with covariance eigenvalues v_k (spec §1.3, §3.3d, test G1):
 * the null control of the information curves (no peaks, Var h ≡ 0, Var ι ≡ d/2) and the reference of
 * the Gaussian-reference likelihood forms. Nats.
 */

const LN_2PI_E = Math.log(2 * Math.PI * Math.E);

/**
 * Computes mmse_G(λ) = Σ_k v_k/(1 + e^λ v_k).
 *
 * @example
 * gaussianMmse([4, 4, 4, 4], 0) // → 3.2
 */
export function gaussianMmse(eigenvalues: ArrayLike<number>, lambda: number): number {
  const gamma = Math.exp(lambda);
  let s = 0;
  for (let k = 0; k < eigenvalues.length; k++) s += eigenvalues[k]! / (1 + gamma * eigenvalues[k]!);
  return s;
}

/**
 * Computes R_G(λ) = ½ Σ_k sigmoid(λ + ln v_k): each principal direction carries ½ nat per unit
 * log-SNR around λ = −ln v_k (spec §3.3d).
 *
 * @example
 * gaussianBandwidth([4, 4, 4, 4], -2) // → 0.702429
 */
export function gaussianBandwidth(eigenvalues: ArrayLike<number>, lambda: number): number {
  let s = 0;
  for (let k = 0; k < eigenvalues.length; k++) {
    const a = lambda + Math.log(eigenvalues[k]!);
    s += a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
  }
  return 0.5 * s;
}

/**
 * Computes the differential entropy H(x) = ½ Σ_k ln(2πe v_k).
 *
 * @example
 * gaussianEntropyNats([4, 4, 4, 4]) // → 8.448343
 */
export function gaussianEntropyNats(eigenvalues: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < eigenvalues.length; k++) s += LN_2PI_E + Math.log(eigenvalues[k]!);
  return 0.5 * s;
}

/**
 * Computes H[x₀ | ỹ] = ½ Σ_k ln(2πe v_k/(1 + e^λ v_k)) (the same for every ỹ: Var h ≡ 0).
 *
 * @example
 * gaussianConditionalEntropyNats([4, 4, 4, 4], 0) // → 5.229467
 */
export function gaussianConditionalEntropyNats(eigenvalues: ArrayLike<number>, lambda: number): number {
  const gamma = Math.exp(lambda);
  let s = 0;
  for (let k = 0; k < eigenvalues.length; k++) s += LN_2PI_E + Math.log(eigenvalues[k]! / (1 + gamma * eigenvalues[k]!));
  return 0.5 * s;
}
