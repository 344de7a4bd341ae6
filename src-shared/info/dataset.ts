import { InvalidArgumentError } from '../errors';
import type { GmmComponent } from '../diffusion/denoisers/gmm';
import { logPriorWeights } from '../diffusion/denoisers/logPrior';

/**
 * A finite dataset with an exact posterior (spec info-dynamics-likelihood.md §1.2): points x_j ∈ ℝ^d
 * (row-major), prior weights π_j (as logs, normalised) and optional class labels.
 */
export interface EmpiricalSet {
  readonly kind: 'empirical';
  readonly count: number;
  readonly dimension: number;
  readonly points: Float64Array;
  /** ln π_j, Σ π_j = 1. */
  readonly logPrior: Float64Array;
  /** Class of each point in [0, classCount); absent when the data have no labels. */
  readonly labels?: Int32Array;
  readonly classCount: number;
}

/** An isotropic Gaussian mixture Σ_k π_k N(μ_k, s_k² I); its components are the classes. */
export interface GmmSet {
  readonly kind: 'gmm';
  readonly dimension: number;
  readonly components: readonly GmmComponent[];
}

/** Any dataset whose denoiser is exact. */
export type ExactSet = EmpiricalSet | GmmSet;

/** Options of empiricalSet. */
export interface EmpiricalSetOptions {
  /** Prior weights (normalised here); default uniform. */
  readonly weights?: ArrayLike<number>;
  /** Class labels, integers ≥ 0. */
  readonly labels?: ArrayLike<number>;
}

/**
 * Builds an empirical dataset from `count` points of dimension d (row-major), checking shapes,
 * weights (finite, ≥ 0, positive sum) and labels (integers ≥ 0; classCount = max + 1).
 *
 * @example
 * empiricalSet(Float64Array.of(-1, 1), 2, 1).logPrior // → [ln ½, ln ½]
 */
export function empiricalSet(points: Float64Array, count: number, dimension: number, options: EmpiricalSetOptions = {}): EmpiricalSet {
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('count', `expected an integer ≥ 1, got ${count}`);
  if (!Number.isInteger(dimension) || dimension < 1) throw new InvalidArgumentError('dimension', `expected an integer ≥ 1, got ${dimension}`);
  if (points.length !== count * dimension) throw new InvalidArgumentError('points', `expected count × dimension = ${count * dimension} values, got ${points.length}`);
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]!)) throw new InvalidArgumentError(`points[${i}]`, `expected a finite number, got ${points[i]}`);
  }
  const { weights, labels } = options;
  const logPrior = logPriorWeights(weights, count);
  if (labels === undefined) return { kind: 'empirical', count, dimension, points, logPrior, classCount: 1 };
  if (labels.length !== count) throw new InvalidArgumentError('labels', `expected ${count} labels (one per point), got ${labels.length}`);
  const classes = new Int32Array(count);
  let classCount = 0;
  for (let j = 0; j < count; j++) {
    const z = labels[j]!;
    if (!(Number.isInteger(z) && z >= 0 && z < 1e6)) throw new InvalidArgumentError(`labels[${j}]`, `expected an integer class in [0, 10⁶), got ${z}`);
    classes[j] = z;
    classCount = Math.max(classCount, z + 1);
  }
  return { kind: 'empirical', count, dimension, points, logPrior, labels: classes, classCount };
}

/**
 * Merges identical points (spec §3.5.7: duplicated data would split a posterior atom), summing their
 * prior weights; the first occurrence's label is kept. Order of first occurrences is preserved.
 *
 * @example
 * mergeDuplicates(empiricalSet(Float64Array.of(0, 0, 1), 3, 1)).count // → 2 (weights ⅔, ⅓)
 */
export function mergeDuplicates(set: EmpiricalSet): EmpiricalSet {
  const { count, dimension, points } = set;
  const firstOf = new Map<string, number>();
  const weights: number[] = [];
  const kept: number[] = [];
  for (let j = 0; j < count; j++) {
    const key = Array.from(points.subarray(j * dimension, (j + 1) * dimension)).join(',');
    const first = firstOf.get(key);
    const w = Math.exp(set.logPrior[j]!);
    if (first === undefined) {
      firstOf.set(key, kept.length);
      kept.push(j);
      weights.push(w);
    } else weights[first] = weights[first]! + w;
  }
  if (kept.length === count) return set;
  const merged = new Float64Array(kept.length * dimension);
  kept.forEach((j, m) => merged.set(points.subarray(j * dimension, (j + 1) * dimension), m * dimension));
  const labels = set.labels ? kept.map((j) => set.labels![j]!) : undefined;
  return empiricalSet(merged, kept.length, dimension, { weights, ...(labels ? { labels } : {}) });
}

/**
 * Computes the prior-weighted mean μ = Σ π_j x_j of an empirical dataset.
 *
 * @example
 * dataMean(empiricalSet(Float64Array.of(0, 2), 2, 1)) // → [1]
 */
export function dataMean(set: EmpiricalSet): Float64Array {
  const { count, dimension, points, logPrior } = set;
  const mean = new Float64Array(dimension);
  for (let j = 0; j < count; j++) {
    const w = Math.exp(logPrior[j]!);
    for (let k = 0, o = j * dimension; k < dimension; k++, o++) mean[k] = mean[k]! + w * points[o]!;
  }
  return mean;
}

/**
 * Computes the prior-weighted covariance Σ = Σ_j π_j (x_j − μ)(x_j − μ)ᵀ (the "bias = True" covariance
 * of spec §2.7), d × d row-major. Cost N·d²/2.
 *
 * @example
 * dataCovariance(empiricalSet(Float64Array.of(-1, 1), 2, 1)) // → [1]
 */
export function dataCovariance(set: EmpiricalSet): Float64Array {
  const { count, dimension: d, points, logPrior } = set;
  const mean = dataMean(set);
  const cov = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let j = 0; j < count; j++) {
    const w = Math.exp(logPrior[j]!);
    for (let k = 0; k < d; k++) c[k] = points[j * d + k]! - mean[k]!;
    for (let a = 0; a < d; a++) {
      const wa = w * c[a]!;
      if (wa === 0) continue;
      for (let b = 0, o = a * d; b <= a; b++) cov[o + b] = cov[o + b]! + wa * c[b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b]!;
  return cov;
}

/**
 * Computes the mean and covariance of a Gaussian mixture: μ = Σ π_k μ_k, Σ = Σ π_k (s_k² I + (μ_k − μ)(μ_k − μ)ᵀ).
 *
 * @example
 * gmmMoments({ kind: 'gmm', dimension: 1, components: [{ weight: 1, mean: [0], std: 2 }] }).covariance // → [4]
 */
export function gmmMoments(set: GmmSet): { mean: Float64Array; covariance: Float64Array } {
  const d = set.dimension;
  let total = 0;
  for (const c of set.components) total += c.weight;
  const mean = new Float64Array(d);
  for (const c of set.components) for (let k = 0; k < d; k++) mean[k] = mean[k]! + (c.weight / total) * c.mean[k]!;
  const covariance = new Float64Array(d * d);
  for (const c of set.components) {
    const p = c.weight / total;
    for (let a = 0; a < d; a++) {
      covariance[a * d + a] = covariance[a * d + a]! + p * c.std * c.std;
      for (let b = 0; b < d; b++) covariance[a * d + b] = covariance[a * d + b]! + p * (c.mean[a]! - mean[a]!) * (c.mean[b]! - mean[b]!);
    }
  }
  return { mean, covariance };
}

/**
 * Computes the Shannon entropy −Σ π_j ln π_j of a dataset's prior (H[x] for distinct points), in nats.
 *
 * @example
 * priorEntropyNats(empiricalSet(Float64Array.of(0, 1, 3), 3, 1)) // → 1.0986122886681098 (ln 3)
 */
export function priorEntropyNats(set: EmpiricalSet): number {
  let h = 0;
  for (const l of set.logPrior) if (l > -Infinity) h -= Math.exp(l) * l;
  return h;
}
