import { CancelledError, InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import { uniformSpacing } from './likelihood';
import type { ModelDenoiser } from './modelDenoisers';
import { simpson, type GaussianRule } from './quadrature';

const LN_2PI = Math.log(2 * Math.PI);

/** The prior π at the top of the Gaussian interval. */
export type BoundPrior =
  /** π = N(mean, variance·I) (mean default 0). */
  | { readonly kind: 'gaussian'; readonly variance: number; readonly mean?: readonly number[] }
  /** π = q_{τ_T}, the model's own terminal marginal (no prior gap). */
  | { readonly kind: 'model-terminal' };

/** Options of theorem2Bound. */
export interface BoundOptions {
  /** Uniform increasing λ grid from λ_T = −ln τ_T to λ_max (spec §4.1: e^{−λ_max}·J ≲ 1e-6). */
  readonly lambdas: ArrayLike<number>;
  /** Rule for E_n over the noise n ~ N(0, I_d): Gauss–Hermite for d ≤ 2, else Monte Carlo. */
  readonly rule: GaussianRule;
  /** VE form (default): prior π; VP form: π = N(0, I) in VP coordinates and the drift term. */
  readonly form?: 've' | 'vp';
  readonly prior?: BoundPrior;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The bound at one point and its parts, nats. */
export interface PointBound {
  readonly boundNats: number;
  /** CE_T(x̃) (VE) or the VP prior-plus-drift terms. */
  readonly priorNats: number;
  /** ½ ∫ (E‖n − n̂‖² − d) dλ. */
  readonly integralNats: number;
  /** −ln q_0(x̃) of the model, the bound's target. */
  readonly exactNats: number;
  /** boundNats − exactNats. */
  readonly gapNats: number;
}

/**
 * Computes P1's pointwise NLL upper bound (Theorem 2, ScoreFlow form started at the warm-started data;
 * spec §2.3) for a model denoiser at each point x̃ (rows of `points`):
 *   VE: L(x̃) = CE_T(x̃) + ½ ∫_{λ_T}^{λ_max} (E_n‖n − n̂_θ(x̃ + e^{−λ/2} n, e^{−λ})‖² − d) dλ,
 *       CE_T = (d/2) ln(2π s²) + (‖x̃ − μ_π‖² + dτ_T)/(2s²) for π = N(μ_π, s² I), or E_n[−ln q_{τ_T}(x̃ + √τ_T n)].
 *   VP: L(x̃) = ½d ln 2π + ½(α_T²‖x̃‖² + dσ_T²) + ½ ∫ (…) dλ + (d/2) ln(α_0²/α_T²), α² = sigmoid(λ),
 *       σ² = sigmoid(−λ), T and 0 the ends of the grid (the last term is the VP drift's divergence).
 * Simpson over λ, the rule over n (common nodes at every λ). With an exact model score and the
 * model-terminal prior the bound equals −ln q_0(x̃) at every point (tests W2, W4); the gap otherwise
 * measures the prior mismatch, non-conservative scores and truncation. Nats.
 *
 * @example
 * theorem2Bound(kdeModel(set, 0.5), points, { lambdas, rule: gaussianTensorRule(2, 20), prior: { kind: 'model-terminal' } })[0].gapNats // → ~1e-6
 */
export function theorem2Bound(model: ModelDenoiser, points: Float64Array, options: BoundOptions): PointBound[] {
  const d = model.dimension;
  const h = uniformSpacing(options.lambdas);
  const { rule } = options;
  if (rule.dimension !== d) throw new InvalidArgumentError('rule', `expected a rule of dimension ${d}, got ${rule.dimension}`);
  if (points.length % d !== 0) throw new InvalidArgumentError('points', `expected rows of ${d} values, got ${points.length} values`);
  const form = options.form ?? 've';
  const prior = options.prior ?? { kind: 'model-terminal' };
  const lambdaT = options.lambdas[0]!, lambdaMax = options.lambdas[options.lambdas.length - 1]!;
  const tauT = Math.exp(-lambdaT);
  const count = points.length / d;
  const ys = new Float64Array(rule.count * d);
  const predictions = new Float64Array(rule.count * d);
  const out: PointBound[] = [];
  for (let p = 0; p < count; p++) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const x = points.subarray(p * d, (p + 1) * d);
    const integrand = Float64Array.from(options.lambdas, (lambda) => {
      const tau = Math.exp(-lambda);
      fillObservations(ys, x, rule, Math.sqrt(tau));
      model.noisePredictions(ys, tau, predictions);
      let e = 0;
      for (let q = 0; q < rule.count; q++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += (rule.nodes[q * d + k]! - predictions[q * d + k]!) ** 2;
        e += rule.weights[q]! * s;
      }
      return e - d;
    });
    const integralNats = 0.5 * simpson(integrand, h);
    const priorNats = form === 'vp' ? vpTerms(x, lambdaT, lambdaMax) : crossEntropyT(model, x, prior, tauT, rule, ys);
    const boundNats = priorNats + integralNats;
    const exactNats = model.negLogDensity(x, 0);
    out.push({ boundNats, priorNats, integralNats, exactNats, gapNats: boundNats - exactNats });
    options.onProgress?.(p + 1, count);
  }
  return out;
}

/** ys_q = x + root·n_q for every node. */
function fillObservations(ys: Float64Array, x: ArrayLike<number>, rule: GaussianRule, root: number): void {
  const d = rule.dimension;
  for (let q = 0; q < rule.count; q++) for (let k = 0; k < d; k++) ys[q * d + k] = x[k]! + root * rule.nodes[q * d + k]!;
}

/** CE_T(x̃) = −E_n ln π(x̃ + √τ_T n). */
function crossEntropyT(model: ModelDenoiser, x: ArrayLike<number>, prior: BoundPrior, tauT: number, rule: GaussianRule, ys: Float64Array): number {
  const d = model.dimension;
  if (prior.kind === 'gaussian') {
    const s2 = prior.variance;
    let d2 = 0;
    for (let k = 0; k < d; k++) d2 += (x[k]! - (prior.mean?.[k] ?? 0)) ** 2;
    return 0.5 * d * (LN_2PI + Math.log(s2)) + (d2 + d * tauT) / (2 * s2);
  }
  fillObservations(ys, x, rule, Math.sqrt(tauT));
  let ce = 0;
  for (let q = 0; q < rule.count; q++) ce += rule.weights[q]! * model.negLogDensity(ys.subarray(q * d, (q + 1) * d), tauT);
  return ce;
}

/** ½d ln 2π + ½(α_T²‖x̃‖² + dσ_T²) + (d/2) ln(α_0²/α_T²). */
function vpTerms(x: ArrayLike<number>, lambdaT: number, lambda0: number): number {
  const d = x.length;
  const logSigmoid = (v: number) => (v >= 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v)));
  const alphaT2 = Math.exp(logSigmoid(lambdaT)), sigmaT2 = Math.exp(logSigmoid(-lambdaT));
  let x2 = 0;
  for (let k = 0; k < d; k++) x2 += x[k]! ** 2;
  return 0.5 * d * LN_2PI + 0.5 * (alphaT2 * x2 + d * sigmaT2) + 0.5 * d * (logSigmoid(lambda0) - logSigmoid(lambdaT));
}
