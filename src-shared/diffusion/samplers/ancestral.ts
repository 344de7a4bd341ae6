/** The split of a step σ → σ' into a deterministic part to σ_down and fresh noise σ_up. */
export interface AncestralSplit {
  readonly sigmaDown: number;
  readonly sigmaUp: number;
}

/**
 * Computes the ancestral split of a step σ → σ' at stochasticity η: σ_up² + σ_down² = σ'².
 *
 * σ_up = min(σ', η·√(σ'²(σ² − σ'²)/σ²)), σ_down = √(σ'² − σ_up²) (k-diffusion `get_ancestral_step`).
 * η = 1 gives the DDPM posterior (σ_down = σ'²/σ), η = 0 the deterministic DDIM step (σ_down = σ').
 * σ' = 0 gives (0, 0).
 *
 * @example
 * ancestralSplit(2, 1, 1) // → { sigmaDown: 0.5, sigmaUp: 0.8660254037844386 }
 */
export function ancestralSplit(sigma: number, sigmaNext: number, eta: number): AncestralSplit {
  const sigmaUp = Math.min(sigmaNext, eta * Math.sqrt((sigmaNext ** 2 * (sigma ** 2 - sigmaNext ** 2)) / sigma ** 2));
  return { sigmaDown: Math.sqrt(sigmaNext ** 2 - sigmaUp ** 2), sigmaUp };
}
