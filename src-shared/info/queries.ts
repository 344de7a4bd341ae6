import { InvalidArgumentError } from '../errors';
import { CounterRng, fillStandardNormal } from '../math/rng';
import type { ExactSet } from './dataset';
import type { GaussianRule } from './quadrature';

/**
 * The forward samples an information curve averages over (spec §3.5): query q is the pair
 * (x₀ = source q, ε_q) with weight w_q, observed at every λ as ỹ = x₀ + √ν ε_q, ν = e^{−λ}. The same
 * pairs serve every λ (common random numbers), so a curve is a smooth function of λ.
 */
export interface ForwardQueries {
  readonly count: number;
  readonly dimension: number;
  /** Index of x₀: a data point (empirical data) or a component (GMM data). */
  readonly sources: Int32Array;
  /** ε_q, count × d. */
  readonly eps: Float64Array;
  /** w_q ≥ 0, Σ w_q = 1. */
  readonly weights: Float64Array;
  /** GMM data only: z_q with x₀ = μ_k + s_k z_q (count × d). Without it, ε_q stands for the whole noise √(s_k² + ν)·ε_q. */
  readonly sourceNoise?: Float64Array;
  /** True for Monte Carlo draws (equal weights, standard errors meaningful), false for a quadrature rule. */
  readonly monteCarlo: boolean;
}

/** Noise stream of the forward queries' ε (and, for GMM data, the stream + 1 of z). */
export const QUERY_STREAM = 16;

/** Options of monteCarloQueries. */
export interface MonteCarloQueryOptions {
  readonly count: number;
  readonly seed: number;
  /** For GMM data: also draw z (x₀ = μ_k + s_k z), needed for the surprisal ι. Default true for GMM data. */
  readonly withSourceNoise?: boolean;
}

/**
 * Draws Monte Carlo forward queries: sources i ~ π by inverse CDF (CounterRng(seed, QUERY_STREAM))
 * and ε_q ~ N(0, I_d) from the Philox address (seed, sample q, step 0, stream QUERY_STREAM), each with
 * weight 1/M. Query q depends only on (seed, q): M = 256 is a prefix of M = 1024.
 *
 * @example
 * monteCarloQueries(set, { count: 256, seed: 0 }).weights[0] // → 0.00390625
 */
export function monteCarloQueries(set: ExactSet, options: MonteCarloQueryOptions): ForwardQueries {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError('count', `expected an integer ≥ 2 Monte Carlo queries, got ${count}`);
  const d = set.dimension;
  const prior = priorOf(set);
  const cumulative = new Float64Array(prior.length);
  let running = 0;
  prior.forEach((p, i) => { running += p; cumulative[i] = running; });
  const rng = new CounterRng(seed, QUERY_STREAM);
  const sources = new Int32Array(count);
  for (let q = 0; q < count; q++) sources[q] = searchCumulative(cumulative, rng.nextUniform() * running);
  const eps = new Float64Array(count * d);
  for (let q = 0; q < count; q++) fillStandardNormal(eps.subarray(q * d, (q + 1) * d), { seed, sample: q, step: 0, stream: QUERY_STREAM });
  const withSourceNoise = set.kind === 'gmm' && (options.withSourceNoise ?? true);
  const base = { count, dimension: d, sources, eps, weights: new Float64Array(count).fill(1 / count), monteCarlo: true };
  if (!withSourceNoise) return base;
  const sourceNoise = new Float64Array(count * d);
  for (let q = 0; q < count; q++) fillStandardNormal(sourceNoise.subarray(q * d, (q + 1) * d), { seed, sample: q, step: 0, stream: QUERY_STREAM + 1 });
  return { ...base, sourceNoise };
}

/**
 * Builds deterministic forward queries from a Gaussian quadrature rule: every source i (with π_i > 0,
 * or only those listed in `sources`) paired with every node ε_k, weight π_i·w_k (renormalised over
 * the listed sources). For GMM data ε_k is the whole noise of the component at ν (no ι). A Monte Carlo
 * rule (monteCarloRule) gives Monte Carlo queries with fixed sources.
 *
 * @example
 * quadratureQueries(twoPoints, gaussianTensorRule(1, 80)).count // → 160
 */
export function quadratureQueries(set: ExactSet, rule: GaussianRule, sources?: readonly number[]): ForwardQueries {
  if (rule.dimension !== set.dimension) throw new InvalidArgumentError('rule', `expected a rule of dimension ${set.dimension}, got ${rule.dimension}`);
  const prior = priorOf(set);
  const chosen = sources ?? prior.map((_, i) => i).filter((i) => prior[i]! > 0);
  chosen.forEach((i, n) => {
    if (!(Number.isInteger(i) && i >= 0 && i < prior.length)) throw new InvalidArgumentError(`sources[${n}]`, `expected an index in [0, ${prior.length}), got ${i}`);
  });
  const d = set.dimension;
  const count = chosen.length * rule.count;
  const out = { sources: new Int32Array(count), eps: new Float64Array(count * d), weights: new Float64Array(count) };
  let mass = 0;
  for (const i of chosen) mass += prior[i]!;
  if (!(mass > 0)) throw new InvalidArgumentError('sources', 'expected sources with a positive prior mass');
  let q = 0;
  for (const i of chosen) {
    for (let k = 0; k < rule.count; k++, q++) {
      out.sources[q] = i;
      out.eps.set(rule.nodes.subarray(k * d, (k + 1) * d), q * d);
      out.weights[q] = (prior[i]! / mass) * rule.weights[k]!;
    }
  }
  return { count, dimension: d, ...out, monteCarlo: rule.monteCarlo ?? false };
}

/** Prior weights of the sources (data points or components), normalised. */
function priorOf(set: ExactSet): number[] {
  if (set.kind === 'empirical') return Array.from(set.logPrior, Math.exp);
  let total = 0;
  for (const c of set.components) total += c.weight;
  return set.components.map((c) => c.weight / total);
}

/** The first index with cumulative[i] > u (binary search; u < cumulative[last]). */
function searchCumulative(cumulative: Float64Array, u: number): number {
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Splits queries into `parts` contiguous slices (for worker threads); slice weights keep their
 * global values, so merged sums need no renormalisation.
 *
 * @example
 * sliceQueries(queries, 0, 128) // → queries 0 … 127
 */
export function sliceQueries(queries: ForwardQueries, from: number, to: number): ForwardQueries {
  const d = queries.dimension;
  const sub = {
    count: to - from,
    dimension: d,
    sources: queries.sources.slice(from, to),
    eps: queries.eps.slice(from * d, to * d),
    weights: queries.weights.slice(from, to),
    monteCarlo: queries.monteCarlo,
  };
  return queries.sourceNoise ? { ...sub, sourceNoise: queries.sourceNoise.slice(from * d, to * d) } : sub;
}
