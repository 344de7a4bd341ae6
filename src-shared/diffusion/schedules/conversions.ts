/**
 * Conversions between the VP (DDPM ᾱ), VE (σ) and log-SNR (λ) descriptions of one Gaussian
 * channel x̃ = x₀ + σ ε (spec schedules-las.md §1.1: γ = ᾱ/(1 − ᾱ) = 1/σ², λ = ln γ).
 */

/**
 * Computes the DDPM cumulative signal fraction ᾱ of the VE noise level σ.
 *
 * ᾱ = 1/(1 + σ²) (spec schedules-las.md §1.1, x̃ = x/√ᾱ). Dimensionless; σ = 0 → 1, σ = ∞ → 0,
 * NaN propagates.
 *
 * @example
 * alphaBarFromSigma(1) // → 0.5
 * alphaBarFromSigma(0) // → 1
 */
export function alphaBarFromSigma(sigma: number): number {
  return 1 / (1 + sigma * sigma);
}

/**
 * Computes the VE noise level σ of a DDPM cumulative signal fraction ᾱ.
 *
 * σ = √((1 − ᾱ)/ᾱ) (spec schedules-las.md §1.1). ᾱ = 1 → 0, ᾱ = 0 → +∞, ᾱ outside [0, 1] → NaN.
 * Near ᾱ = 1 the difference 1 − ᾱ loses relative precision; schedules built from β use
 * discreteVp's log-domain form instead.
 *
 * @example
 * sigmaFromAlphaBar(0.5) // → 1
 * sigmaFromAlphaBar(1) // → 0
 */
export function sigmaFromAlphaBar(alphaBar: number): number {
  return Math.sqrt((1 - alphaBar) / alphaBar);
}

/**
 * Computes the log signal-to-noise ratio λ = ln γ of the VE noise level σ.
 *
 * λ = ln(1/σ²) = −2 ln σ (spec schedules-las.md §1.1; DPM-Solver's λ_DPM = λ/2), in nats.
 * σ = 0 → +∞, σ = ∞ → −∞.
 *
 * @example
 * logSnr(1) // → 0
 * logSnr(Math.exp(-1)) // → 2
 */
export function logSnr(sigma: number): number {
  return -2 * Math.log(sigma);
}

/**
 * Computes the VE noise level σ of a log signal-to-noise ratio λ.
 *
 * σ = exp(−λ/2), the inverse of logSnr. λ = +∞ → 0.
 *
 * @example
 * sigmaFromLogSnr(0) // → 1
 * sigmaFromLogSnr(Infinity) // → 0
 */
export function sigmaFromLogSnr(lambda: number): number {
  return Math.exp(-0.5 * lambda);
}
