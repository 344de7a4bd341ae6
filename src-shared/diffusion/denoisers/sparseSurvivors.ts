import { refineThreshold, scoresToWeights } from './prunedSparse';
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
 * the direct ‖x − y_j‖² when `refine` is given; the stage's weights (scoresToWeights on the survivors'
 * scores and ln π_j); the weighted sum over the entries. With every point a survivor the result
 * equals the stage's row bit for bit; otherwise it is the stage's D over the survivors. Cost
 * O(Σ_a nnz_{j_a} + d) instead of O(nnz); `scratch` holds ≥ alive values.
 *
 * @example
 * sparseSurvivors(sparseData(digits, 9999, 784), logPrior, Int32Array.of(17, 4031), 2, { x, sigma: 0.01 }, out, scratch)
 * // → out = the posterior mean over digits 17 and 4031 only
 */
export function sparseSurvivors(points: SparseData, logPrior: Float64Array, survivors: Int32Array, alive: number, query: SurvivorQuery, out: Float64Array, scratch: Float64Array): void {
  const { x, sigma, refine } = query;
  const nearest = expansionScores(points, survivors, alive, x, scratch);
  if (refine !== undefined) refineSurvivors(points, survivors, alive, query, refine, scratch, nearest);
  scoresToWeights(scratch, alive, 1, [sigma], Float64Array.from(survivors.subarray(0, alive), (j) => logPrior[j]!));
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
 * refineScores' rewrite over the survivors, with its threshold (refineThreshold over the whole set's n
 * points): the points with e_j at or below it get the direct ‖x − y_j‖², the others e_j + ‖x‖².
 */
function refineSurvivors(points: SparseData, survivors: Int32Array, alive: number, query: SurvivorQuery, refine: NonNullable<SurvivorQuery['refine']>, scores: Float64Array, nearest: number): void {
  const { x, sigma } = query;
  const { data } = refine;
  const d = points.dimension;
  const threshold = refineThreshold(nearest, points.count, { x, sigma, ...refine });
  let squaredNorm = 0;
  for (let k = 0; k < d; k++) squaredNorm += x[k]! * x[k]!;
  for (let a = 0; a < alive; a++) {
    if (!(scores[a]! <= threshold)) scores[a] = scores[a]! + squaredNorm;
    else {
      let d2 = 0;
      for (let k = 0, p = survivors[a]! * d; k < d; k++, p++) d2 += (x[k]! - data[p]!) ** 2;
      scores[a] = d2;
    }
  }
}
