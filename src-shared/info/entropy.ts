import { InvalidArgumentError } from '../errors';
import { cumulativeTrapezoid } from './quadrature';

/**
 * Computes the conditional entropy H[x₀ | ỹ_λ] on a λ grid from the generative bandwidth R by the
 * I-MMSE identity (spec §1.3, §3.5.2): H(λ_i) = H_total − ∫_{−∞}^{λ_0} R − ∫_{λ_0}^{λ_i} R dλ (trapezoid).
 *
 * `leftTailNats` is ∫_{−∞}^{λ_0} R dλ = I(λ_0); gaussianLeftTailNats gives the Gaussian value
 * ½ Σ_k ln(1 + e^{λ_0} v_k) (exact to O(e^{3λ_0}) for any data with covariance eigenvalues v_k).
 * For discrete data H_total = −Σ π ln π and the curve must equal the mean posterior entropy E[h]
 * (the direct estimate) up to the grid's O(Δλ²) error. Nats.
 *
 * @example
 * entropyFromBandwidth(lambdas, R, Math.LN2, gaussianLeftTailNats([1], lambdas[0])) // ±1 data
 */
export function entropyFromBandwidth(lambdas: ArrayLike<number>, bandwidthNats: ArrayLike<number>, totalEntropyNats: number, leftTailNats: number): Float64Array {
  if (lambdas.length !== bandwidthNats.length) throw new InvalidArgumentError('bandwidthNats', `expected ${lambdas.length} values (one per λ), got ${bandwidthNats.length}`);
  const cumulative = cumulativeTrapezoid(lambdas, bandwidthNats);
  return cumulative.map((c) => totalEntropyNats - leftTailNats - c);
}

/**
 * Computes the Gaussian mutual information ½ Σ_k ln(1 + e^λ v_k) at log-SNR λ for covariance
 * eigenvalues v_k: the left tail ∫_{−∞}^{λ} R dλ' of any law with that covariance, to O(e^{3λ}) (spec §4.1).
 *
 * @example
 * gaussianLeftTailNats([4, 4, 4, 4], 0) // → 3.2188758248682006 (2 ln 5)
 */
export function gaussianLeftTailNats(eigenvalues: ArrayLike<number>, lambda: number): number {
  const gamma = Math.exp(lambda);
  let s = 0;
  for (let k = 0; k < eigenvalues.length; k++) s += Math.log1p(gamma * Math.max(0, eigenvalues[k]!));
  return 0.5 * s;
}

/**
 * Converts a total in nats over `dimension` coordinates to bits per dimension: nats/(d ln 2), plus
 * −log₂ Δ for a continuous density reported on a grid of bin width Δ (spec §1.4).
 *
 * @example
 * bitsPerDim(8.448343, 4) // → 3.0470966… (test G1)
 * bitsPerDim(0, 1, 1 / 256) // → 8
 */
export function bitsPerDim(nats: number, dimension: number, binWidth?: number): number {
  const base = nats / (dimension * Math.LN2);
  return binWidth === undefined ? base : base - Math.log2(binWidth);
}
