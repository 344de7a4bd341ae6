import { InvalidArgumentError } from '../errors';
import { createLogLogInterpolant } from './interpolate';
import { isotonicNonIncreasing } from './isotonic';

/**
 * The x₀-MSE loss curve ℓ(γ) = E‖x₀ − x̂₀(x_t, t)‖² that LAS needs (spec schedules-las.md §4.2):
 * converted from the training objective, grouped per noise level (or binned in log γ when the log
 * has many levels), made non-increasing by weighted isotonic regression and interpolated log–log.
 */

/** Training objectives whose per-level loss converts to x₀-MSE (spec §4.2). */
export const LOSS_PARAMETERISATIONS = ['x0', 'eps', 'v', 'edm'] as const;
export type LossParameterisation = (typeof LOSS_PARAMETERISATIONS)[number];

/**
 * Converts a per-level training loss to the x₀-MSE at SNR γ.
 *
 * x0: ℓ as is; eps: ℓ = ℓ_ε/γ (‖ε − ε̂‖² = γ‖x₀ − x̂₀‖²); v (VP, α² + σ² = 1): ℓ = ℓ_v/(1 + γ);
 * edm: the λ(σ)-weighted EDM loss divided by λ(σ) = (σ² + σ_data²)/(σ σ_data)², σ = γ^{−1/2}
 * (spec §4.2). Summed or per-dimension does not matter to LAS. NaN propagates.
 *
 * @example
 * x0MseFromLoss('eps', 4, 2) // → 0.5
 * x0MseFromLoss('v', 1, 1) // → 0.5
 */
export function x0MseFromLoss(kind: LossParameterisation, gamma: number, loss: number, sigmaData = 0.5): number {
  switch (kind) {
    case 'x0':
      return loss;
    case 'eps':
      return loss / gamma;
    case 'v':
      return loss / (1 + gamma);
    case 'edm': {
      const sigma2 = 1 / gamma;
      const weight = (sigma2 + sigmaData * sigmaData) / (sigma2 * sigmaData * sigmaData);
      return loss / weight;
    }
  }
}

/** Raw loss observations: one per (level, value), optionally weighted. */
export interface LossSamples {
  readonly gammas: ArrayLike<number>;
  readonly losses: ArrayLike<number>;
  /** Known weights (e.g. 1/s.e.² of Monte Carlo levels); pooled observations add their weights. */
  readonly weights?: ArrayLike<number>;
}

/** Per-level means with their weights, ascending in γ. */
export interface LossLevels {
  readonly gammas: Float64Array;
  readonly means: Float64Array;
  /** 1/s.e.² where every level has ≥ 2 observations with spread, else the observation counts. */
  readonly weights: Float64Array;
  readonly counts: Float64Array;
}

/** Levels beyond which samples are binned in log γ (training logs with one level per sample). */
export const MAX_LEVELS = 200;
export const DEFAULT_BINS = 150;

/**
 * Groups loss observations by noise level: equal γ are pooled; with more than `maxLevels` distinct
 * levels the observations are binned into `bins` equal-width bins of ln γ (spec §4.2, option (a)),
 * each at the geometric mean of its members' γ.
 *
 * Without given weights, a level's weight is 1/s.e.² (s.e. = sample std/√n) when every level has
 * n ≥ 2 observations with nonzero spread, else its count n (one value per level: equal weights). With
 * given weights, a level's mean is the weighted mean and its weight the sum. Observations must have
 * finite γ > 0 and finite losses; weights must be finite and > 0.
 *
 * @example
 * groupLossLevels({ gammas: [1, 1, 2], losses: [1, 3, 1] }) // → { gammas: [1, 2], means: [2, 1], weights: [2, 1], counts: [2, 1] }
 */
export function groupLossLevels(samples: LossSamples, maxLevels = MAX_LEVELS, bins = DEFAULT_BINS): LossLevels {
  const n = samples.gammas.length;
  if (n < 1 || samples.losses.length !== n) throw new InvalidArgumentError('losses', `expected one loss per level (${n}), got ${samples.losses.length}`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gamma = samples.gammas[i]!;
    const loss = samples.losses[i]!;
    if (!(gamma > 0 && Number.isFinite(gamma))) throw new InvalidArgumentError(`gammas[${i}]`, `expected a finite SNR > 0, got ${gamma}`);
    if (!Number.isFinite(loss)) throw new InvalidArgumentError(`losses[${i}]`, `expected a finite loss, got ${loss}`);
    keys[i] = Math.log(gamma);
  }
  const distinct = new Set(keys).size;
  if (distinct > maxLevels) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of keys) { lo = Math.min(lo, k); hi = Math.max(hi, k); }
    const width = (hi - lo) / bins;
    for (let i = 0; i < n; i++) keys[i] = Math.min(bins - 1, Math.floor((keys[i]! - lo) / width));
  }
  const given = samples.weights;
  if (given !== undefined && given.length !== n) throw new InvalidArgumentError('weights', `expected one weight per level (${n}), got ${given.length}`);
  const groups = new Map<number, { sumLog: number; sum: number; sumSq: number; count: number; weight: number; weighted: number }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(keys[i]!) ?? { sumLog: 0, sum: 0, sumSq: 0, count: 0, weight: 0, weighted: 0 };
    const loss = samples.losses[i]!;
    const w = given === undefined ? 1 : given[i]!;
    if (!(w > 0 && Number.isFinite(w))) throw new InvalidArgumentError(`weights[${i}]`, `expected a finite weight > 0, got ${w}`);
    g.sumLog += Math.log(samples.gammas[i]!);
    g.sum += loss;
    g.sumSq += loss * loss;
    g.count++;
    g.weight += w;
    g.weighted += w * loss;
    groups.set(keys[i]!, g);
  }
  const rows = [...groups.values()].map((g) => {
    const mean = given === undefined ? g.sum / g.count : g.weighted / g.weight;
    const variance = g.count > 1 ? Math.max(0, (g.sumSq - g.count * (g.sum / g.count) ** 2) / (g.count - 1)) : NaN;
    return { gamma: Math.exp(g.sumLog / g.count), mean, count: g.count, inverseSe2: g.count / variance, weight: g.weight };
  }).sort((a, b) => a.gamma - b.gamma);
  const useSe = given === undefined && rows.every((r) => r.count > 1 && Number.isFinite(r.inverseSe2));
  return {
    gammas: Float64Array.from(rows, (r) => r.gamma),
    means: Float64Array.from(rows, (r) => r.mean),
    weights: Float64Array.from(rows, (r) => (given !== undefined ? r.weight : useSe ? r.inverseSe2 : r.count)),
    counts: Float64Array.from(rows, (r) => r.count),
  };
}

/** A loss curve ready for LAS: the levels, the isotonic fit and its log–log interpolant. */
export interface PreparedLossCurve {
  readonly gammas: Float64Array;
  readonly raw: Float64Array;
  readonly weights: Float64Array;
  /** The non-increasing weighted fit (PAVA), floored at 0. */
  readonly isotonic: Float64Array;
  /** ℓ(γ): log–log interpolation of the fit, constant beyond the ends. */
  evaluate(gamma: number): number;
}

/**
 * Regularises a loss curve for LAS: group per level (groupLossLevels), fit the non-increasing
 * weighted isotonic regression in γ, floor at 0, interpolate ln ℓ linearly in ln γ
 * (spec schedules-las.md §4.2 steps 1–2; constant beyond the measured range).
 *
 * @example
 * prepareLossCurve({ gammas: [1, 10, 100], losses: [1, 0.2, 0.3] }).isotonic // → [1, 0.25, 0.25]
 */
export function prepareLossCurve(samples: LossSamples): PreparedLossCurve {
  const levels = groupLossLevels(samples);
  // Non-increasing in γ: PAVA on the ascending-γ sequence.
  const isotonic = isotonicNonIncreasing(levels.means, levels.weights).map((v) => Math.max(0, v));
  const evaluate = createLogLogInterpolant(levels.gammas, isotonic);
  return { gammas: levels.gammas, raw: levels.means, weights: levels.weights, isotonic, evaluate };
}
