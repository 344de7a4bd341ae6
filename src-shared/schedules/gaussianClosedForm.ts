import { InvalidArgumentError } from '../errors';
import { asSnrGrid, checkEndpoints, ouTimeFromSnr, type SnrEndpoints, type SnrGrid } from './snrGrid';

/**
 * Closed forms for Gaussian data X₀ ~ N(0, s² I_d) (spec schedules-las.md §3.2 T4): the per-step
 * discretisation KL, its exact minimiser, and the exact KL between the true reverse chain and the (U)
 * sampler chain, which check (★) independently of any quadrature.
 */

function checkVariance(variance: number): void {
  if (!(variance > 0 && Number.isFinite(variance))) throw new InvalidArgumentError('variance', `expected a finite s² > 0, got ${variance}`);
}

/**
 * Computes D_k for Gaussian data in closed form, nats: D_k = (d/2)(r_k − 1 − ln r_k),
 * r_k = (1 + s²γ_{k−1})/(1 + s²γ_k), at index k − 1.
 *
 * Source: spec §3.2 T4. Computed as (d/2)(x − ln(1 + x)), x = s²(γ_{k−1} − γ_k)/(1 + s²γ_k), with
 * log1p, so short steps keep full relative precision.
 *
 * @example
 * gaussianDiscretisationKlPerStep(validateSnrGrid([3, 1]), 1) // → [½(1 − ln 2)] = [0.1534264…]
 */
export function gaussianDiscretisationKlPerStep(grid: SnrGrid, variance: number, dimension = 1): Float64Array {
  checkVariance(variance);
  const out = new Float64Array(grid.length - 1);
  for (let k = 1; k < grid.length; k++) {
    const x = (variance * (grid[k - 1]! - grid[k]!)) / (1 + variance * grid[k]!);
    out[k - 1] = 0.5 * dimension * (x - Math.log1p(x));
  }
  return out;
}

/**
 * Computes the exact minimiser of D for Gaussian data: equal ratios r_k = R^{1/K},
 * R = (1 + s²γ_max)/(1 + s²γ_min), i.e. uniform in ln(1 + s²γ) (entropic time; spec §3.2 T4).
 *
 * 1 + s²γ_k = (1 + s²γ_min)·R^{(K−k)/K}, computed with expm1; ends exact.
 *
 * @example
 * gaussianOptimalGrid(endpointsFromTimes(1e-3, 5), 5, 1) // → [499.50017, 143.38675, 40.653397, 11.016376, 2.4665432, 4.5402e-5]
 */
export function gaussianOptimalGrid(endpoints: SnrEndpoints, K: number, variance: number): SnrGrid {
  checkEndpoints(endpoints);
  checkVariance(variance);
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `expected an integer ≥ 1, got ${K}`);
  const logLow = Math.log1p(variance * endpoints.gammaMin);
  const logHigh = Math.log1p(variance * endpoints.gammaMax);
  const grid = new Float64Array(K + 1);
  for (let k = 1; k < K; k++) grid[k] = Math.expm1(logLow + ((K - k) / K) * (logHigh - logLow)) / variance;
  grid[0] = endpoints.gammaMax;
  grid[K] = endpoints.gammaMin;
  return asSnrGrid(grid);
}

/**
 * Computes min over K-step grids of D for Gaussian data, nats: (d/2)·K·(R^{1/K} − 1 − (ln R)/K),
 * R = (1 + s²γ_max)/(1 + s²γ_min) (spec §3.2 T4; ≈ ΔI²/(dK) for large K).
 *
 * @example
 * gaussianOptimalKlNats(endpointsFromTimes(1e-3, 5), 5, 1) // → 3.0581833…
 */
export function gaussianOptimalKlNats(endpoints: SnrEndpoints, K: number, variance: number, dimension = 1): number {
  checkEndpoints(endpoints);
  checkVariance(variance);
  const logRatio = (Math.log1p(variance * endpoints.gammaMax) - Math.log1p(variance * endpoints.gammaMin)) / K;
  return 0.5 * dimension * K * (Math.expm1(logRatio) - logRatio);
}

/** OU quantities of a time t: α = e^{−t}, σ² = 1 − e^{−2t}. */
function ou(t: number): { alpha: number; sigma2: number } {
  return { alpha: Math.exp(-t), sigma2: -Math.expm1(-2 * t) };
}

/** Options of the exact Gaussian chain KL. */
export interface GaussianChainOptions {
  readonly grid: SnrGrid;
  /** Data variance s². */
  readonly variance: number;
  readonly dimension?: number;
  /** Sub-steps per grid step, uniform in OU time (the denoiser stays frozen at the step's start); default 1. */
  readonly subSteps?: number;
  /**
   * The denoiser's gain g(t): D_θ(x_t) = g(t)·x_t (OU form). Default: the exact posterior mean,
   * c(t) = α s²/(α² s² + σ²).
   */
  readonly gain?: (t: number) => number;
}

/**
 * Computes the exact KL between the law of the true reverse chain and the (U) sampler chain on a
 * grid, for Gaussian data and a linear denoiser, nats: KL(P‖Q) = KL_init + Σ E_P KL(p(x_a|x_b) ‖ q(x_a|x_b, x_{t_k})).
 *
 * Source: spec schedules-las.md §2 ("chain = path") and §7 V2/V3. OU form: v_t = α_t² s² + σ_t²;
 * the true step b → a has mean (α_{b|a} v_a/v_b) x_b and variance v_a − α_{b|a}² v_a²/v_b; the
 * sampler's, with x̂₀ = g(t_k) x_{t_k} frozen over the step's sub-steps, has mean κ x_b + (α_a − κα_b) x̂₀,
 * κ = α_{b|a} σ_a²/σ_b², and variance σ_a²(1 − α_{b|a}² σ_a²/σ_b²) (the exact solution (U)). Each
 * expectation is a closed form in Var x_b, Var x_{t_k} and Cov(x_b, x_{t_k}) = α_{t_k|b} v_b.
 * KL_init = (d/2)(v_T − 1 − ln v_T) with start N(0, 1). With the exact gain, total − KL_init = D (★)
 * for every number of sub-steps.
 *
 * @example
 * gaussianChainKlNats({ grid: logSnrGrid, variance: 4, gain: (t) => exactGain(t) + 0.05 * Math.sin(3 * t) }).totalNats // → 16.336705167 (V3, K = 4, T = 3)
 */
export function gaussianChainKlNats(options: GaussianChainOptions): { totalNats: number; initNats: number } {
  const { grid, variance: s2, dimension = 1, subSteps = 1 } = options;
  checkVariance(s2);
  if (!Number.isInteger(subSteps) || subSteps < 1) throw new InvalidArgumentError('subSteps', `expected an integer ≥ 1, got ${subSteps}`);
  const v = (t: number) => {
    const { alpha, sigma2 } = ou(t);
    return alpha * alpha * s2 + sigma2;
  };
  const gain = options.gain ?? ((t: number) => (ou(t).alpha * s2) / v(t));
  const K = grid.length - 1;
  const T = ouTimeFromSnr(grid[K]!);
  const vT = v(T);
  const initNats = 0.5 * (vT - 1 - Math.log(vT));
  let total = initNats;
  for (let k = K; k >= 1; k--) {
    const tk = ouTimeFromSnr(grid[k]!);
    const tEnd = ouTimeFromSnr(grid[k - 1]!);
    const g = gain(tk);
    const vk = v(tk);
    for (let m = 0; m < subSteps; m++) {
      const b = tk - ((tk - tEnd) * m) / subSteps;
      const a = m === subSteps - 1 ? tEnd : tk - ((tk - tEnd) * (m + 1)) / subSteps;
      const ouA = ou(a);
      const ouB = ou(b);
      const decay = Math.exp(-(b - a)); // α_{b|a}
      const vb = v(b);
      const va = v(a);
      const rho = (decay * va) / vb;
      const varP = va - (decay * decay * va * va) / vb;
      const kappa = (decay * ouA.sigma2) / ouB.sigma2;
      // 1 − α_{b|a}² σ_a²/σ_b² = (σ_b² − α_{b|a}² σ_a²)/σ_b² = (1 − e^{−2(b−a)})/σ_b²: no cancellation.
      const varQ = (ouA.sigma2 * -Math.expm1(-2 * (b - a))) / ouB.sigma2;
      const slope = rho - kappa;
      const frozen = (ouA.alpha - kappa * ouB.alpha) * g;
      const covariance = Math.exp(-(tk - b)) * vb;
      const meanGap2 = slope * slope * vb - 2 * slope * frozen * covariance + frozen * frozen * vk;
      const ratio = varP / varQ;
      total += 0.5 * (ratio - 1 - Math.log(ratio)) + meanGap2 / (2 * varQ);
    }
  }
  return { totalNats: dimension * total, initNats: dimension * initNats };
}

/**
 * Computes the exact marginal KL(p_δ ‖ q_out) of the (U) sampler with the exact denoiser on Gaussian
 * data, nats (d = 1): the sampler is linear, x_a = [κ + (α_a − κα_b) c(t_b)] x_b + s ξ, so its output is
 * N(0, v_out); KL = ½(v_δ/v_out − 1 − ln(v_δ/v_out)), v_δ = α_δ² s² + σ_δ².
 *
 * Source: spec §7 V2 ("the final-marginal KL is smaller, e.g. 0.1561 for logSNR at s² = 0.25").
 *
 * @example
 * gaussianSamplerMarginalKlNats(baselineGrid('log-snr', 10, endpointsFromTimes(1e-3, 5)), 0.25) // → 0.1561…
 */
export function gaussianSamplerMarginalKlNats(grid: SnrGrid, variance: number): number {
  checkVariance(variance);
  const K = grid.length - 1;
  let vOut = 1;
  for (let k = K; k >= 1; k--) {
    const b = ouTimeFromSnr(grid[k]!);
    const a = ouTimeFromSnr(grid[k - 1]!);
    const ouA = ou(a);
    const ouB = ou(b);
    const kappa = (Math.exp(-(b - a)) * ouA.sigma2) / ouB.sigma2;
    const gain = (ouB.alpha * variance) / (ouB.alpha * ouB.alpha * variance + ouB.sigma2);
    const coefficient = kappa + (ouA.alpha - kappa * ouB.alpha) * gain;
    vOut = coefficient * coefficient * vOut + (ouA.sigma2 * -Math.expm1(-2 * (b - a))) / ouB.sigma2;
  }
  const delta = ou(ouTimeFromSnr(grid[0]!));
  const ratio = (delta.alpha * delta.alpha * variance + delta.sigma2) / vOut;
  return 0.5 * (ratio - 1 - Math.log(ratio));
}
