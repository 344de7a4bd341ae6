import { InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import { CancelledError } from '../errors';
import { dataMean, type EmpiricalSet } from './dataset';
import { createEmpiricalForward } from './empiricalForward';
import { weightedMoments } from './curves';
import { quadratureQueries } from './queries';
import { simpson, type GaussianRule } from './quadrature';

const LN_2PI_E = Math.log(2 * Math.PI * Math.E);

/**
 * Checks that a λ grid is uniform and increasing (Simpson needs it) and returns its spacing h; throws
 * InvalidArgumentError naming the first bad entry.
 *
 * @example
 * uniformSpacing([0, 0.5, 1]) // → 0.5
 */
export function uniformSpacing(lambdas: ArrayLike<number>): number {
  const n = lambdas.length;
  if (n < 3) throw new InvalidArgumentError('lambdas', `expected at least 3 grid points, got ${n}`);
  const h = (lambdas[n - 1]! - lambdas[0]!) / (n - 1);
  for (let i = 1; i < n; i++) {
    if (!(Math.abs(lambdas[i]! - lambdas[i - 1]! - h) <= 1e-9 * Math.max(1, Math.abs(h)))) throw new InvalidArgumentError(`lambdas[${i}]`, `expected a uniform increasing grid (spacing ${h}), got ${lambdas[i]} after ${lambdas[i - 1]}`);
  }
  return h;
}

/** The exact likelihood of one discrete point, with its integrand. */
export interface DiscreteNll {
  readonly nats: number;
  readonly bitsPerDim: number;
  /** mmse(x, λ) = E_n‖x − D(x + √ν n)‖² on the grid. */
  readonly mmse: Float64Array;
  /** Standard error of the nats (Monte Carlo rules; 0 for quadrature). */
  readonly natsSe: number;
}

/** Options of discreteNll. */
export interface DiscreteNllOptions {
  /** A uniform increasing λ grid; the right end where mmse(x, λ) has vanished (spec §4.1: ln(4/δ²_min) + 8). */
  readonly lambdas: ArrayLike<number>;
  /** Noise rule: Gauss–Hermite (gaussianTensorRule) for d ≤ 2, or monteCarloRule. */
  readonly rule: GaussianRule;
  readonly cancellation?: Cancellation;
}

/**
 * Computes the exact negative log-likelihood of a point of discrete data through the I-MMSE integral
 * (ITD, spec §1.4, test D1): −ln P(x) = ½ ∫ e^λ mmse(x, λ) dλ, mmse(x, λ) = E_n‖x − D(x + e^{−λ/2} n)‖²
 * for that fixed x, D the exact empirical denoiser. Simpson on the grid, plus the left tail
 * ½ e^{λ_0}‖x − μ‖² (mmse → ‖x − μ‖² at low SNR). In nats and bits per dimension.
 *
 * @example
 * discreteNll(set013, 0, { lambdas: uniformGrid(-12, 14, 1041), rule: gaussianTensorRule(1, 120) }).nats // → ln 3
 */
export function discreteNll(set: EmpiricalSet, index: number, options: DiscreteNllOptions): DiscreteNll {
  const h = uniformSpacing(options.lambdas);
  const evaluator = createEmpiricalForward(set, quadratureQueries(set, options.rule, [index]), { weightFloor: 0 });
  const n = options.lambdas.length;
  const mmse = new Float64Array(n);
  const weighted: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const lambda = options.lambdas[i]!;
    const values = evaluator.evaluate(lambda).squaredError;
    mmse[i] = weightedMoments(values, evaluator.queries.weights, false).mean;
    weighted.push(values.map((v) => 0.5 * Math.exp(lambda) * v));
  }
  const d = set.dimension;
  const mean = dataMean(set);
  let tail = 0;
  for (let k = 0; k < d; k++) tail += (set.points[index * d + k]! - mean[k]!) ** 2;
  const nats = simpson(mmse.map((m, i) => 0.5 * Math.exp(options.lambdas[i]!) * m), h) + 0.5 * Math.exp(options.lambdas[0]!) * tail;
  let natsSe = 0;
  if (evaluator.queries.monteCarlo) {
    // Per-draw integrals share the draw across λ (common random numbers): their spread is the error.
    const perDraw = Float64Array.from({ length: evaluator.queries.count }, (_, q) => simpson(weighted.map((w) => w[q]!), h));
    natsSe = weightedMoments(perDraw, evaluator.queries.weights, true).meanSe;
  }
  return { nats, bitsPerDim: nats / (d * Math.LN2), mmse, natsSe };
}

/**
 * Computes the differential entropy of continuous data from its MMSE curve by ITD's VP ε-form
 * (spec §1.4, test G1): H = (d/2) ln(2πe) + ½ ∫ (e^λ mmse(λ) − d·sigmoid(λ)) dλ.
 *
 * Simpson on a uniform grid, plus the left tail Σ_k [softplus(λ_0 + ln v_k) − softplus(λ_0)] when the
 * covariance eigenvalues are given (the integrand is Gaussian to first order at low SNR); the right
 * end must be where e^λ mmse ≈ d (the remaining tail ≈ (d − J)e^{−λ_end}). Nats.
 *
 * @example
 * itdEntropyNats(lambdas, lambdas.map((l) => gaussianMmse([4, 4, 4, 4], l)), 4, [4, 4, 4, 4]) // → 8.448343
 */
export function itdEntropyNats(lambdas: ArrayLike<number>, mmse: ArrayLike<number>, dimension: number, eigenvalues?: ArrayLike<number>): number {
  const h = uniformSpacing(lambdas);
  const integrand = Float64Array.from({ length: lambdas.length }, (_, i) => Math.exp(lambdas[i]!) * mmse[i]! - dimension * sigmoid(lambdas[i]!));
  let tail = 0;
  if (eigenvalues) {
    const l0 = lambdas[0]!;
    for (let k = 0; k < eigenvalues.length; k++) tail += softplus(l0 + Math.log(eigenvalues[k]!)) - softplus(l0);
  }
  return 0.5 * dimension * LN_2PI_E + 0.5 * (simpson(integrand, h) + tail);
}

/**
 * Computes the entropy of Gaussian-warm-started data p̃ = p ⊛ N(0, σ0² I) by the Gaussian-reference
 * I-MMSE form (spec §1.4, §2.6.3, test W1), from the clean data's MMSE at total variance ν ≥ σ0²:
 *   H(p̃) = ½ Σ_k ln(2πe(v_k + σ0²)) − ½ ∫_{−∞}^{λ0} e^λ [mmse_G(λ) − mmse(λ)] dλ,  λ0 = −ln σ0²,
 * mmse_G = Σ_k v_k/(1 + e^λ v_k), v_k the eigenvalues of the data covariance. The grid must end at λ0;
 * the left tail is O(e^{3λ}) and dropped (spec §4.1: choose e^{λ_start} tr Σ ≤ 1e-4). The integral is
 * 2·KL(p̃‖N(μ, Σ + σ0² I)) ≥ 0. Nats.
 *
 * @example
 * gaussianReferenceEntropyNats(lambdas, mmse, eigenvalues, 0.3) // → 1.988162 (W1 data)
 */
export function gaussianReferenceEntropyNats(lambdas: ArrayLike<number>, mmse: ArrayLike<number>, eigenvalues: ArrayLike<number>, sigma0: number): number {
  const h = uniformSpacing(lambdas);
  const end = lambdas[lambdas.length - 1]!;
  if (!(Math.abs(end + 2 * Math.log(sigma0)) <= 1e-9 * Math.max(1, Math.abs(end)))) throw new InvalidArgumentError('lambdas', `expected the grid to end at λ0 = −ln σ0² = ${-2 * Math.log(sigma0)}, got ${end}`);
  const integrand = Float64Array.from({ length: lambdas.length }, (_, i) => {
    const gamma = Math.exp(lambdas[i]!);
    let mmseG = 0;
    for (let k = 0; k < eigenvalues.length; k++) mmseG += eigenvalues[k]! / (1 + gamma * eigenvalues[k]!);
    return gamma * (mmseG - mmse[i]!);
  });
  let reference = 0;
  for (let k = 0; k < eigenvalues.length; k++) reference += LN_2PI_E + Math.log(Math.max(0, eigenvalues[k]!) + sigma0 * sigma0);
  return 0.5 * reference - 0.5 * simpson(integrand, h);
}

/**
 * Computes the prior form of the same entropy without its KL term (spec §2.6.3): with π = N(0, σ1² I),
 *   CE(p_{σ1}, π) − ½ ∫_{λ1}^{λ0} (d − e^λ mmse(λ)) dλ,  CE = (d/2) ln(2πσ1²) + (E‖x‖² + dσ1²)/(2σ1²),
 * λ1 = −ln σ1², λ0 = −ln σ0². It exceeds H(p̃) by KL(p_{σ1}‖π) = O(‖μ‖²/σ1² + tr Σ²/σ1⁴) (W1: 3.08e-3
 * at σ1 = 10). `secondMoment` is E‖x‖² of the clean data. Nats.
 *
 * @example
 * priorFormEntropyNats(lambdas, mmse, 2, secondMoment, 10) // → H(p̃) + 3.08e-3
 */
export function priorFormEntropyNats(lambdas: ArrayLike<number>, mmse: ArrayLike<number>, dimension: number, secondMoment: number, sigma1: number): number {
  const h = uniformSpacing(lambdas);
  const start = lambdas[0]!;
  if (!(Math.abs(start + 2 * Math.log(sigma1)) <= 1e-9 * Math.max(1, Math.abs(start)))) throw new InvalidArgumentError('lambdas', `expected the grid to start at λ1 = −ln σ1² = ${-2 * Math.log(sigma1)}, got ${start}`);
  const s2 = sigma1 * sigma1;
  const crossEntropy = 0.5 * dimension * Math.log(2 * Math.PI * s2) + (secondMoment + dimension * s2) / (2 * s2);
  const integrand = Float64Array.from({ length: lambdas.length }, (_, i) => dimension - Math.exp(lambdas[i]!) * mmse[i]!);
  return crossEntropy - 0.5 * simpson(integrand, h);
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
