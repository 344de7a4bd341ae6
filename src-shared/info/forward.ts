import type { ForwardQueries } from './queries';

/** Per-query values of the exact posterior at one λ (spec §3.5), one entry per forward query. */
export interface ForwardValues {
  /** tr Cov[x₀ | ỹ] (squared data units): the Rao–Blackwellised MMSE integrand. */
  readonly traceCov: Float64Array;
  /** ‖x₀ − D(ỹ)‖²: the plain MMSE integrand (same mean as traceCov). */
  readonly squaredError: Float64Array;
  /** Posterior Shannon entropy h(ỹ) = LSE(ℓ) − Σ w ℓ, nats (NaN for GMM data: differential). */
  readonly entropyNats: Float64Array;
  /** Pathwise surprisal ι = −ln p(x₀ | ỹ) of the query's own source, nats. */
  readonly surprisalNats: Float64Array;
  /** Class entropy H[Z | ỹ] = −Σ_z P(z|ỹ) ln P(z|ỹ), nats (0 without labels). */
  readonly classEntropyNats: Float64Array;
  /** Between-class spread Σ_z P(z|ỹ)‖E[x₀|ỹ,z] − E[x₀|ỹ]‖² = tr C − E[tr Cov[x₀|ỹ,Z] | ỹ]. */
  readonly betweenClass: Float64Array;
  /** tr(C²), when requested (the MMSE slope d mmse/dγ = −E tr C²). */
  readonly traceCovSquared: Float64Array | null;
}

/** Evaluates the exact posterior of every forward query at any log-SNR λ. */
export interface ForwardEvaluator {
  readonly queries: ForwardQueries;
  readonly dimension: number;
  /** Classes (1 without labels). */
  readonly classCount: number;
  evaluate(lambda: number): ForwardValues;
}

/** Options of the forward evaluators. */
export interface ForwardOptions {
  /** Posterior weights below this are left out of D, tr C and the class sums (default 1e-22; 0 keeps all). */
  readonly weightFloor?: number;
  /** Also compute tr(C²) (needs d ≤ 64 for empirical data). */
  readonly traceCovSquared?: boolean;
}

/**
 * Allocates the per-query arrays of one evaluation (tr C² only when requested).
 *
 * @example
 * allocateValues(256, false).traceCov.length // → 256
 */
export function allocateValues(count: number, withSquared: boolean): ForwardValues {
  return {
    traceCov: new Float64Array(count),
    squaredError: new Float64Array(count),
    entropyNats: new Float64Array(count),
    surprisalNats: new Float64Array(count),
    classEntropyNats: new Float64Array(count),
    betweenClass: new Float64Array(count),
    traceCovSquared: withSquared ? new Float64Array(count) : null,
  };
}
