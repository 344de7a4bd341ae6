import { InvalidArgumentError } from '../../errors';
import type { Denoiser } from '../types';
import type { DenoisedWithTrace } from './empirical';
import { principalBasis } from './prunedBasis';
import { exactDense4, exactOver, sparseRows, type ExactData } from './prunedExact';
import { logPriorWeights } from './logPrior';
import type { SparseStageFactory } from './prunedSparse';
import { sparseDataBelow } from './sparseData';

export interface PruningOptions {
  /** ε: the posterior weight the skipped points may carry in total (default 1e-12; 0 skips nothing). */
  readonly epsilon?: number;
  /** r, the dimension of the principal subspace used for the bounds (default min(64, d)). */
  readonly rank?: number;
  /** Prefix lengths ℓ_1 < … < ℓ_L = r at which the bounds are refreshed (default [16, r], or [r] for r ≤ 16). */
  readonly levels?: readonly number[];
  /** Points used to estimate the principal subspace (default 500; any subspace keeps the bound). */
  readonly basisSamples?: number;
  /** Prior weights π_j (normalised here); default uniform. */
  readonly weights?: ArrayLike<number>;
  /** Density (non-zero fraction) below which the data are stored sparsely for the dense regime (default 0.5; 0: never). */
  readonly sparseBelowDensity?: number;
  /** Builds the sparse dense-regime stage (the engine injects WebAssembly); null or absent: the JavaScript one. */
  readonly sparseStage?: SparseStageFactory;
  /** δℓ (nats) the expansion's logits may carry before near points are recomputed directly (default 1e-9). */
  readonly expansionTolerance?: number;
  /**
   * Sparse data: bound each row of denoiseRows from the last query of the same row that went through the
   * sparse stage (anchorBounds.ts) and skip the points whose stage weight is provably exactly 0 (the same
   * numbers under a uniform prior, less work at small σ), for callers that advance trajectories in lockstep
   * rows; forgetAnchors() where new ones start (default false).
   */
  readonly anchors?: boolean;
}

/** What the pruning did over the queries since the last `takeStats()`. */
export interface PruningStats {
  readonly epsilon: number;
  readonly queries: number;
  /** Points per query, n. */
  readonly points: number;
  /** Points skipped, summed over the queries. */
  readonly skipped: number;
  /** skipped / (queries · n); 0 when there was no query. */
  readonly skippedFraction: number;
  /** The largest certified bound Σ_{skipped} e^{u_j − L} on a query's neglected weight (≤ ε). */
  readonly neglectedWeight: number;
}

/** The empirical denoiser with provably negligible points skipped; otherwise as createEmpiricalDenoiser. */
export interface PrunedEmpiricalDenoiser extends Denoiser {
  readonly epsilon: number;
  /** Whether denoise and denoiseRows take the sparse path (data density below `sparseBelowDensity`). */
  readonly sparse: boolean;
  /**
   * ‖D̃(x; σ) − D(x; σ)‖₂ ≤ meanErrorBound = 2ε·max_j ‖y_j − μ‖₂ for every x and σ (squared: see tr C);
   * on the sparse path + 4·tol·max_j ‖y_j − μ‖₂, the expansion's share to first order (sparseData.ts, expansionScoreError).
   */
  readonly meanErrorBound: number;
  denoiseWithTrace(x: Float64Array, sigma: number): DenoisedWithTrace;
  /** D̃ for every row of a B × d packed array, σ per row (one pass over the bounds per row; sparse data: one stage call for the rows it takes). */
  denoiseRows(xs: Float64Array, sigmas: Float64Array): Float64Array;
  /** Returns the statistics of the queries since the previous call and resets them. */
  takeStats(): PruningStats;
  /** Forgets the rows' anchors (with `anchors`: call it where new trajectories start). */
  forgetAnchors(): void;
}

/** Relative safety margin on the Cauchy–Schwarz slack: covers rounding in the r-term partial sums and the basis's orthonormality (~1e-15). */
const SLACK_MARGIN = 1e-13;

/**
 * Creates the exact empirical (posterior-mean) denoiser of n points y_j ∈ ℝ^d that skips every point
 * whose posterior weight is provably negligible, so its cost falls with σ.
 *
 * Exact target (spec info-dynamics-likelihood.md §1.2): w_j ∝ π_j exp(−‖x − y_j‖²/(2σ²)),
 * D = Σ_j w_j y_j. Write x_c = x − μ, y_c = y_j − μ, V the r × d orthonormal principal basis
 * (prunedBasis.ts), p = V x_c, q_j = V y_c and, for a prefix of ℓ directions, t_x(ℓ) = ‖x_c − V_ℓᵀp_ℓ‖,
 * t_j(ℓ) = ‖y_c − V_ℓᵀq_ℓ‖. Up to the common term −‖x_c‖²/(2σ²), the logit is
 *   ℓ_j = ln π_j + (x_c·y_c − ½‖y_c‖²)/σ²,  x_c·y_c = Σ_{k<ℓ} p_k q_jk + (residual dot),
 * and Cauchy–Schwarz bounds the residual dot by ±t_x(ℓ) t_j(ℓ), giving u_j ≥ ℓ_j ≥ l_j.
 * L = LSE_{j alive}(l_j) ≤ LSE(ℓ) (dropping terms and lowering them lowers the LSE), so a point with
 * u_j ≤ L + ln(ε/n) has weight w_j = e^{ℓ_j − LSE(ℓ)} ≤ e^{u_j − L} ≤ ε/n, and the skipped set K
 * carries m = Σ_K w_j ≤ ε. The kept points are renormalised: D̃ − D = m (D̃ − D_K) with D_K the
 * weighted mean of K, so ‖D̃ − D‖₂ ≤ ε·diam ≤ 2ε·max_j‖y_j − μ‖₂, and |tr C̃ − tr C| ≤ ε·diam² (both
 * in data units). Bounds are refreshed at each prefix ℓ_1 < … < ℓ_L, pruning as they tighten; the
 * survivors get exact logits from ‖x − y_j‖² and the reference's arithmetic, so with nothing skipped
 * (ε = 0, or σ = 0 or ∞) the result is bit-identical to createEmpiricalDenoiser. Cost per query
 * O(n·ℓ_1 + Σ survivors·Δℓ + survivors·d + r·d) instead of O(n·d); O(n·r) memory, the basis built at
 * the first query that prunes.
 *
 * Sparse data (density below `sparseBelowDensity`, e.g. digits at 0.19): denoise and denoiseRows take
 * sparseRows (prunedExact.ts). The dense regime runs a sparse stage over every point (prunedSparse.ts,
 * WebAssembly when the engine injects it): logits from e_j = ‖y_j‖² − 2x·y_j over y_j's non-zeros, ~5×
 * fewer flops, with the points that carry weight recomputed by the direct form wherever the
 * expansion's rounding bound β/σ² exceeds `expansionTolerance` (tol), so ‖D̂ − D‖₂ ≤ tol·√(tr C) or
 * 2·tol·max_j‖y_j − D‖₂ to first order. Pruning runs first only where it can cost less than the
 * stage; its survivors then take the direct form as above. With `anchors`, each batch row's last staged
 * query is also an anchor (anchorBounds.ts): the triangle inequality from its distances bounds the row's
 * next query, and where that leaves few points (small σ, a step away) the row runs over them alone (the
 * skipped ones' stage weights are exactly 0). denoiseWithTrace keeps the direct form.
 *
 * @example
 * const D = createPrunedEmpiricalDenoiser(digits, 10000, 784, { epsilon: 1e-9 });
 * D.denoise(x, 0.05, ctx) // → within 2e-9·max‖y − μ‖ of the exact D(x; 0.05), most points skipped
 * D.takeStats().skippedFraction // → e.g. 0.999
 */
export function createPrunedEmpiricalDenoiser(data: Float64Array, count: number, dimension: number, options: PruningOptions = {}): PrunedEmpiricalDenoiser {
  const d = dimension;
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('count', `expected an integer ≥ 1, got ${count}`);
  if (!Number.isInteger(d) || d < 1) throw new InvalidArgumentError('dimension', `expected an integer ≥ 1, got ${d}`);
  if (data.length !== count * d) throw new InvalidArgumentError('data', `expected count × dimension = ${count * d} values, got ${data.length}`);
  const epsilon = options.epsilon ?? 1e-12;
  if (!(epsilon >= 0 && epsilon < 1)) throw new InvalidArgumentError('epsilon', `expected a number in [0, 1), got ${epsilon}`);
  const rank = options.rank ?? Math.min(64, d);
  if (!Number.isInteger(rank) || rank < 1 || rank > d) throw new InvalidArgumentError('rank', `expected an integer in [1, ${d}], got ${rank}`);
  const levels = checkLevels(options.levels ?? (rank > 16 ? [16, rank] : [rank]), rank);
  const logPrior = logPriorWeights(options.weights, count);
  // The bounds' basis (seconds on digits) is built at the first query that prunes.
  let bounds: { mean: Float64Array; basis: Float64Array; pre: ReturnType<typeof precompute> } | null = null;
  const boundsOf = () => {
    if (bounds !== null) return bounds;
    const { mean, basis } = principalBasis(data, count, d, { rank, samples: options.basisSamples ?? 500, iterations: 8 });
    return (bounds = { mean, basis, pre: precompute(data, count, d, mean, basis, rank, levels) });
  };
  const logEpsilonPerPoint = Math.log(epsilon / count);

  const set: ExactData = { data, d, logPrior };
  const survivorSets = [0, 1, 2, 3].map(() => new Int32Array(count));
  const partial = new Float64Array(count);
  const upper = new Float64Array(count);
  const bound = new Float64Array(count);
  const p = new Float64Array(rank);
  const tailX = new Float64Array(levels.length);
  let stats = { queries: 0, skipped: 0, neglectedWeight: 0 };
  let lastNeglected = 0;

  /** Prunes with the level bounds; leaves the survivors (ascending j) in `survivors`, returns their count. */
  function prune(x: Float64Array, sigma: number, survivors: Int32Array): number {
    let alive = count;
    for (let j = 0; j < count; j++) survivors[j] = j;
    const s = 1 / (sigma * sigma);
    lastNeglected = 0;
    // σ = 0 (s = ∞), σ = ∞ (s = 0) or NaN: nothing to gain or nothing provable; keep every point.
    if (!(s > 0 && s < Infinity) || epsilon === 0) return alive;
    const { mean, basis, pre } = boundsOf();
    const normX = projectQuery(x, mean, basis, rank, d, levels, p, tailX);
    let neglected = 0;
    let from = 0;
    levels.forEach((to, level) => {
      const tails = pre.tails[level]!;
      let maxLower = -Infinity;
      for (let a = 0; a < alive; a++) {
        const j = survivors[a]!;
        let acc = partial[j]!;
        for (let k = from, o = j * rank + from; k < to; k++, o++) acc += p[k]! * pre.projections[o]!;
        partial[j] = acc;
        const slack = tailX[level]! * tails[j]! + SLACK_MARGIN * normX * pre.norms[j]!;
        const centre = logPrior[j]! + s * (acc - pre.halfSquaredNorms[j]!);
        upper[a] = centre + s * slack;
        const lower = (bound[a] = centre - s * slack);
        if (lower > maxLower) maxLower = lower;
      }
      let sum = 0;
      for (let a = 0; a < alive; a++) sum += Math.exp(bound[a]! - maxLower);
      const lse = maxLower + Math.log(sum);
      const threshold = lse + logEpsilonPerPoint;
      let kept = 0;
      for (let a = 0; a < alive; a++) {
        if (upper[a]! > threshold) survivors[kept++] = survivors[a]!;
        else neglected += Math.exp(upper[a]! - lse);
      }
      alive = kept;
      from = to;
    });
    partial.fill(0);
    lastNeglected = neglected;
    return alive;
  }

  /** Counts a query that computed over `alive` points, skipping the rest with certified weight `neglected`. */
  function record(alive: number, neglected: number): void {
    stats.queries += 1;
    stats.skipped += count - alive;
    stats.neglectedWeight = Math.max(stats.neglectedWeight, neglected);
  }

  function query(x: Float64Array, sigma: number, out: Float64Array, withTrace: boolean): number {
    const survivors = survivorSets[0]!;
    const alive = prune(x, sigma, survivors);
    record(alive, lastNeglected);
    return exactOver(survivors, alive, set, x, sigma, out, withTrace);
  }

  /**
   * Rows r … r+3. The 4 × 4-blocked dense path costs about a third per point of the single-query one
   * (measured), so when the four keep more than a third of the points on average it computes over every
   * point instead: exact, and nothing is skipped. Otherwise each row runs over its survivors.
   */
  function group(xs: Float64Array, sigmas: Float64Array, out: Float64Array, r: number): void {
    const rows = [0, 1, 2, 3].map((q) => xs.subarray((r + q) * d, (r + q + 1) * d));
    const outs = [0, 1, 2, 3].map((q) => out.subarray((r + q) * d, (r + q + 1) * d));
    const neglected: number[] = [];
    const alive = rows.map((x, q) => {
      const a = prune(x, sigmas[r + q]!, survivorSets[q]!);
      neglected.push(lastNeglected);
      return a;
    });
    if (3 * alive.reduce((a, b) => a + b, 0) > 4 * count) {
      for (let q = 0; q < 4; q++) record(count, 0);
      return exactDense4(set, count, rows, sigmas.subarray(r, r + 4), outs);
    }
    rows.forEach((x, q) => {
      record(alive[q]!, neglected[q]!);
      exactOver(survivorSets[q]!, alive[q]!, set, x, sigmas[r + q]!, outs[q]!, false);
    });
  }

  const points = sparseDataBelow(data, count, d, options.sparseBelowDensity ?? 0.5);
  const sparse = points && sparseRows(points, options, {
    data, count, d, logPrior, record,
    prune: (x, sigma, survivors) => ({ alive: prune(x, sigma, survivors), neglected: lastNeglected }),
  });

  let maxNorm: number | undefined;
  return {
    epsilon,
    sparse: sparse !== null,
    get meanErrorBound() {
      maxNorm ??= maxDistanceFromMean(data, count, d);
      return (2 * epsilon + (sparse ? 4 * (options.expansionTolerance ?? 1e-9) : 0)) * maxNorm;
    },
    denoise: (x, sigma) => {
      const out = new Float64Array(d);
      if (sparse) sparse.rows(x, Float64Array.of(sigma), out);
      else query(x, sigma, out, false);
      return out;
    },
    denoiseWithTrace(x, sigma) {
      const denoised = new Float64Array(d);
      return { denoised, traceCov: query(x, sigma, denoised, true) };
    },
    denoiseRows(xs, sigmas) {
      if (xs.length !== sigmas.length * d) throw new InvalidArgumentError('xs', `expected ${sigmas.length} rows × ${d} = ${sigmas.length * d} values, got ${xs.length}`);
      const out = new Float64Array(xs.length);
      if (sparse) {
        sparse.rows(xs, sigmas, out);
        return out;
      }
      let r = 0;
      for (; r + 4 <= sigmas.length; r += 4) group(xs, sigmas, out, r);
      for (; r < sigmas.length; r++) query(xs.subarray(r * d, (r + 1) * d), sigmas[r]!, out.subarray(r * d, (r + 1) * d), false);
      return out;
    },
    forgetAnchors: () => sparse?.forgetAnchors(),
    takeStats() {
      const { queries, skipped, neglectedWeight } = stats;
      stats = { queries: 0, skipped: 0, neglectedWeight: 0 };
      return { epsilon, queries, points: count, skipped, skippedFraction: queries === 0 ? 0 : skipped / (queries * count), neglectedWeight };
    },
  };
}

/** max_j ‖y_j − μ‖₂, μ the mean of the points. */
function maxDistanceFromMean(data: Float64Array, count: number, d: number): number {
  const mean = new Float64Array(d);
  for (let j = 0; j < count; j++) for (let k = 0; k < d; k++) mean[k] = mean[k]! + data[j * d + k]!;
  for (let k = 0; k < d; k++) mean[k] = mean[k]! / count;
  let max = 0;
  for (let j = 0; j < count; j++) {
    let sq = 0;
    for (let k = 0; k < d; k++) sq += (data[j * d + k]! - mean[k]!) ** 2;
    max = Math.max(max, Math.sqrt(sq));
  }
  return max;
}

function checkLevels(levels: readonly number[], rank: number): number[] {
  levels.forEach((level, i) => {
    if (!Number.isInteger(level) || level < 1 || level > rank || (i > 0 && level <= levels[i - 1]!)) {
      throw new InvalidArgumentError(`levels[${i}]`, `expected increasing integers in [1, ${rank}], got ${level}`);
    }
  });
  if (levels.length === 0) throw new InvalidArgumentError('levels', 'expected at least one level, got none');
  return [...levels];
}

/**
 * Relative margin on squared residual norms: ‖v − Vᵀq‖² is taken as ‖v‖² − ‖q‖² + TAIL_MARGIN·‖v‖²,
 * which covers the rounding of both d-term sums (≤ 2γ_d‖v‖², γ_784 ≈ 9e-14) and the basis's
 * deviation from orthonormality (~1e-15), so the residual norm is never underestimated.
 */
const TAIL_MARGIN = 1e-10;

/** Per point: q_j = V y_c (n × r), ‖y_c‖, ½‖y_c‖² and the residual norms t_j(ℓ) per level. */
function precompute(data: Float64Array, count: number, d: number, mean: Float64Array, basis: Float64Array, rank: number, levels: readonly number[]) {
  const projections = new Float64Array(count * rank);
  const norms = new Float64Array(count);
  const halfSquaredNorms = new Float64Array(count);
  const tails = levels.map(() => new Float64Array(count));
  const centred = new Float64Array(d);
  for (let j = 0; j < count; j++) {
    for (let k = 0; k < d; k++) centred[k] = data[j * d + k]! - mean[k]!;
    const q = projections.subarray(j * rank, (j + 1) * rank);
    const sq = projectInto(centred, basis, rank, d, q);
    norms[j] = Math.sqrt(sq);
    halfSquaredNorms[j] = 0.5 * sq;
    residualTails(sq, q, levels, rank, tails, j);
  }
  return { projections, norms, halfSquaredNorms, tails };
}

/** q = V v (four basis rows per pass over v); returns ‖v‖². */
function projectInto(v: Float64Array, basis: Float64Array, rank: number, d: number, q: Float64Array): number {
  let sq = 0;
  for (let k = 0; k < d; k++) sq += v[k]! * v[k]!;
  let i = 0;
  for (; i + 4 <= rank; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < d; k++) {
      const vk = v[k]!;
      s0 += basis[o0 + k]! * vk;
      s1 += basis[o1 + k]! * vk;
      s2 += basis[o2 + k]! * vk;
      s3 += basis[o3 + k]! * vk;
    }
    q[i] = s0;
    q[i + 1] = s1;
    q[i + 2] = s2;
    q[i + 3] = s3;
  }
  for (; i < rank; i++) {
    let s = 0;
    for (let k = 0, o = i * d; k < d; k++, o++) s += basis[o]! * v[k]!;
    q[i] = s;
  }
  return sq;
}

/** t(ℓ) = √(max(0, ‖v‖² − Σ_{k<ℓ} q_k²) + TAIL_MARGIN·‖v‖²) for every level ℓ, into tails[level][j]. */
function residualTails(sq: number, q: Float64Array, levels: readonly number[], rank: number, tails: Float64Array[] | Float64Array, j: number): void {
  let head = 0;
  let k = 0;
  levels.forEach((level, l) => {
    for (; k < level && k < rank; k++) head += q[k]! * q[k]!;
    const t = Math.sqrt(Math.max(0, sq - head) + TAIL_MARGIN * sq);
    if (tails instanceof Float64Array) tails[l] = t;
    else tails[l]![j] = t;
  });
}

/** p = V x_c and t_x(ℓ) per level into the buffers; returns ‖x_c‖. */
function projectQuery(x: Float64Array, mean: Float64Array, basis: Float64Array, rank: number, d: number, levels: readonly number[], p: Float64Array, tailX: Float64Array): number {
  const centred = new Float64Array(d);
  for (let k = 0; k < d; k++) centred[k] = x[k]! - mean[k]!;
  const sq = projectInto(centred, basis, rank, d, p);
  residualTails(sq, p, levels, rank, tailX, 0);
  return Math.sqrt(sq);
}
