import { InvalidArgumentError } from '../errors';
import { uniformSpacing } from './likelihood';
import { simpson, type GaussianRule } from './quadrature';

/** A Bayes denoiser D(ỹ; ν) = E[x₀ | x₀ + √ν ε = ỹ] under some prior, for one observation. */
export type BayesDenoiser = (y: Float64Array, nu: number) => Float64Array;

/** Options of mismatchedKl. */
export interface MismatchedKlOptions {
  /** Support of P: weighted points x_m (row-major count × d), weights summing to 1 (a quadrature rule for continuous P). */
  readonly points: Float64Array;
  readonly weights: ArrayLike<number>;
  readonly dimension: number;
  /** P's and Q's Bayes denoisers. */
  readonly denoiseP: BayesDenoiser;
  readonly denoiseQ: BayesDenoiser;
  /** Rule for the channel noise ε. */
  readonly rule: GaussianRule;
  /** Uniform increasing λ grid covering where mse_{P,Q} − mmse_P is not negligible. */
  readonly lambdas: ArrayLike<number>;
}

/**
 * Computes KL(P‖Q) by Verdú's mismatched-estimation identity (spec §1.3, §2.6.5, test M1):
 * KL(P‖Q) = ½ ∫ (mse_{P,Q}(γ) − mmse_P(γ)) dγ = ½ ∫ e^λ (mse_{P,Q} − mmse_P) dλ, where
 * mse_{P,Q}(γ) = E_P‖x − D_Q(x + e^{−λ/2} ε)‖² is the error of Q's Bayes denoiser on P-data. The
 * cross-entropy H(P, Q) = H(P) + KL (P1's "mismatched entropy"). Simpson in λ; E over P by its
 * weighted points and over ε by the rule. Nats.
 *
 * @example
 * mismatchedKl({ points: [−1, 1], weights: [½, ½], denoiseP, denoiseQ, rule, lambdas }) // → 0.223144 for Q = (0.8, 0.2)
 */
export function mismatchedKl(options: MismatchedKlOptions): number {
  const { points, weights, dimension: d, rule } = options;
  if (points.length !== weights.length * d) throw new InvalidArgumentError('points', `expected ${weights.length} rows of ${d}, got ${points.length} values`);
  const h = uniformSpacing(options.lambdas);
  const y = new Float64Array(d);
  const integrand = Float64Array.from(options.lambdas, (lambda) => {
    const nu = Math.exp(-lambda), root = Math.sqrt(nu);
    let gap = 0;
    for (let m = 0; m < weights.length; m++) {
      for (let q = 0; q < rule.count; q++) {
        for (let k = 0; k < d; k++) y[k] = points[m * d + k]! + root * rule.nodes[q * d + k]!;
        const dp = options.denoiseP(y, nu), dq = options.denoiseQ(y, nu);
        let e = 0;
        for (let k = 0; k < d; k++) e += (points[m * d + k]! - dq[k]!) ** 2 - (points[m * d + k]! - dp[k]!) ** 2;
        gap += weights[m]! * rule.weights[q]! * e;
      }
    }
    return Math.exp(lambda) * gap;
  });
  return 0.5 * simpson(integrand, h);
}
