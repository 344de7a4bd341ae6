import { flushedExp } from './prunedSparse';
import type { SparseData } from './sparseData';

/** One query of sparseSurvivors. */
export interface SurvivorQuery {
  readonly x: Float64Array;
  readonly sigma: number;
  /**
   * Recomputes near points with the direct form (prunedSparse.ts refineScores over the survivors, with
   * the same threshold), given β of expansionScoreError for x and the tolerance; absent: no refinement.
   */
  readonly refine?: { readonly scoreError: number; readonly tolerance: number; readonly logPriorSpread: number; readonly data: Float64Array };
}

/**
 * D(x; σ) = Σ_a w_a y_{j_a} over the survivors j_a = survivors[0 … alive) only (ascending), renormalised
 * over them, into out (length d), with the sparse stage's arithmetic for one row (createSparseStage:
 * sparseScores, refineScores, scoresToWeights, sparseScatter, untransposeRows) restricted to those
 * points: e_j = ‖y_j‖² − (s + s), s = Σ v·x over y_j's entries ascending; the near ones rewritten by
 * the direct ‖x − y_j‖² when `refine` is given; logits ln π_j − (e_j − e_min)/(2σ²), the max-shifted
 * softmax with flushedExp; the weighted sum over the entries. With every point a survivor the result
 * equals the stage's row bit for bit; otherwise it is the stage's D over the survivors. Cost
 * O(Σ_a nnz_{j_a} + d) instead of O(nnz); `scratch` holds ≥ alive values.
 *
 * @example
 * sparseSurvivors(sparseData(digits, 9999, 784), logPrior, Int32Array.of(17, 4031), 2, { x, sigma: 0.01 }, out, scratch)
 * // → out = the posterior mean over digits 17 and 4031 only
 */
export function sparseSurvivors(points: SparseData, logPrior: Float64Array, survivors: Int32Array, alive: number, query: SurvivorQuery, out: Float64Array, scratch: Float64Array): void {
  const { x, sigma, refine } = query;
  let nearest = expansionScores(points, survivors, alive, x, scratch);
  if (refine !== undefined) nearest = refineSurvivors(points, survivors, alive, query, refine, scratch, nearest);
  toStageWeights(scratch, alive, nearest, sigma, logPrior, survivors);
  scatterSurvivors(points, survivors, alive, scratch, out);
  if (alive === 0 || hasNaN(out)) out.fill(NaN);
}

/** scores[a] = ‖y_j‖² − (s + s), s = Σ v·x over y_j's entries ascending, j = survivors[a]; returns their minimum. */
function expansionScores(points: SparseData, survivors: Int32Array, alive: number, x: Float64Array, scores: Float64Array): number {
  const { rowStart, entryColumns, values, squaredNorms, columns } = points;
  let nearest = Infinity;
  for (let a = 0; a < alive; a++) {
    const j = survivors[a]!;
    let acc = 0;
    for (let e = rowStart[j]!, end = rowStart[j + 1]!; e < end; e++) acc = acc + values[e]! * x[columns[entryColumns[e]!]!]!;
    const score = (scores[a] = squaredNorms[j]! - (acc + acc));
    if (score < nearest) nearest = score;
  }
  return nearest;
}

/** out = Σ_a w_a y_{j_a} over the survivors' entries (ascending a, then entries); the dropped columns 0. */
function scatterSurvivors(points: SparseData, survivors: Int32Array, alive: number, weights: Float64Array, out: Float64Array): void {
  const { rowStart, entryColumns, values, columns } = points;
  out.fill(0);
  for (let a = 0; a < alive; a++) {
    const w = weights[a]!;
    const j = survivors[a]!;
    for (let e = rowStart[j]!, end = rowStart[j + 1]!; e < end; e++) {
      const k = columns[entryColumns[e]!]!;
      out[k] = out[k]! + w * values[e]!;
    }
  }
}

function hasNaN(values: Float64Array): boolean {
  for (let k = 0; k < values.length; k++) if (values[k] !== values[k]) return true;
  return false;
}

/**
 * refineScores' rewrite over the survivors: with T = ln(n·δℓ/tol)⁺, n the whole set's size, the points with
 * e_j ≤ e_min + 2σ²(T + Δ) + 2β get the direct ‖x − y_j‖², the others e_j + ‖x‖². Returns the new minimum.
 */
function refineSurvivors(points: SparseData, survivors: Int32Array, alive: number, query: SurvivorQuery, refine: NonNullable<SurvivorQuery['refine']>, scores: Float64Array, nearest: number): number {
  const { x, sigma } = query;
  const { data } = refine;
  const d = points.dimension;
  const far = Math.max(0, Math.log((points.count * refine.scoreError) / (sigma * sigma) / refine.tolerance));
  const threshold = nearest + 2 * sigma * sigma * (far + refine.logPriorSpread) + 2 * refine.scoreError;
  let squaredNorm = 0;
  for (let k = 0; k < d; k++) squaredNorm += x[k]! * x[k]!;
  let least = Infinity;
  for (let a = 0; a < alive; a++) {
    if (!(scores[a]! <= threshold)) scores[a] = scores[a]! + squaredNorm;
    else {
      let d2 = 0;
      for (let k = 0, p = survivors[a]! * d; k < d; k++, p++) d2 += (x[k]! - data[p]!) ** 2;
      scores[a] = d2;
    }
    if (scores[a]! < least) least = scores[a]!;
  }
  return least;
}

/** scoresToWeights for one row of `count` survivors' scores in place: excess over `nearest`, logits, max-shifted softmax with flushedExp. */
function toStageWeights(scores: Float64Array, count: number, nearest: number, sigma: number, logPrior: Float64Array, survivors: Int32Array): void {
  const scale = 1 / (2 * sigma * sigma);
  let top = -Infinity;
  for (let a = 0; a < count; a++) {
    const excess = scores[a]! - nearest;
    const logit = (scores[a] = logPrior[survivors[a]!]! - (excess === 0 ? 0 : excess * scale));
    if (logit > top) top = logit;
    else if (logit !== logit) top = NaN;
  }
  let sum = 0;
  for (let a = 0; a < count; a++) {
    const w = flushedExp(scores[a]! - top);
    scores[a] = w;
    sum = sum + w;
  }
  const inverse = top - top === 0 ? 1 / sum : NaN;
  for (let a = 0; a < count; a++) scores[a] = scores[a]! * inverse;
}
