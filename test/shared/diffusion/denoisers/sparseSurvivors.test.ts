import { describe, expect, it } from 'vitest';
import { createSparseStage, refineScores } from '../../../../src-shared/diffusion/denoisers/prunedSparse';
import { expansionScoreError, sparseData } from '../../../../src-shared/diffusion/denoisers/sparseData';
import { sparseSurvivors } from '../../../../src-shared/diffusion/denoisers/sparseSurvivors';
import { CounterRng } from '../../../../src-shared/math/rng';

/** 200 points in [0, 1]^50, ~25 % of the values non-zero, columns 0 and 49 zero throughout. */
const n = 200;
const d = 50;
const rng = new CounterRng(21, 0);
const data = Float64Array.from({ length: n * d }, (_, i) => (i % d === 0 || i % d === d - 1 || rng.nextUniform() > 0.25 ? 0 : rng.nextUniform()));
const points = sparseData(data, n, d);
const logPrior = Float64Array.from({ length: n }, (_, j) => Math.log((1 + (j % 3)) / (2 * n)));
const tolerance = 1e-9;
const spread = Math.log(3);
/** A query near point j at level σ. */
const query = (j: number, sigma: number) => Float64Array.from({ length: d }, (_, k) => data[j * d + k]! + sigma * Math.sin(3 * k + j));

/** The stage's row for x (one row), with refineScores where β/σ² exceeds the tolerance. */
function stageRow(x: Float64Array, sigma: number, stagePoints = points, stagePrior = logPrior, stageData = data): Float64Array {
  const out = new Float64Array(d);
  const scoreError = expansionScoreError(stagePoints, x);
  createSparseStage(stagePoints, stagePrior).denoiseRows(x, Float64Array.of(sigma), out, (scores, stride) => {
    if (!(scoreError / (sigma * sigma) <= tolerance)) refineScores(scores, stride, 0, { x, sigma, scoreError, tolerance, logPriorSpread: spread }, { data: stageData, count: stagePoints.count, d });
  });
  return out;
}

/** sparseSurvivors with the refinement the engine gives it (sparseRows). */
function survivorsRow(x: Float64Array, sigma: number, survivors: Int32Array): Float64Array {
  const out = new Float64Array(d);
  const scoreError = expansionScoreError(points, x);
  const refine = scoreError / (sigma * sigma) <= tolerance ? undefined : { scoreError, tolerance, logPriorSpread: spread, data };
  sparseSurvivors(points, logPrior, survivors, survivors.length, { x, sigma, ...(refine ? { refine } : {}) }, out, new Float64Array(n));
  return out;
}

describe('sparseSurvivors(points, logPrior, survivors, alive, query, out, scratch)', () => {
  const every = Int32Array.from({ length: n }, (_, j) => j);

  for (const sigma of [5, 0.3, 0.05, 0.002]) {
    it(`with every point a survivor equals the sparse stage's row bit for bit at σ = ${sigma}${sigma === 0.002 ? ' (near points refined)' : ''}`, () => {
      for (const j of [3, 77, 150]) {
        const x = query(j, sigma);
        if (sigma === 0.002) expect(expansionScoreError(points, x) / (sigma * sigma)).toBeGreaterThan(tolerance);
        expect(Array.from(survivorsRow(x, sigma, every))).toEqual(Array.from(stageRow(x, sigma)));
      }
    });
  }

  it('over a subset equals the stage run on those points alone (their own CSR, their ln π_j) bit for bit', () => {
    const subset = Int32Array.from({ length: 40 }, (_, a) => 5 * a + 2);
    const subData = new Float64Array(subset.length * d);
    subset.forEach((j, a) => subData.set(data.subarray(j * d, (j + 1) * d), a * d));
    const subPoints = sparseData(subData, subset.length, d);
    const subPrior = Float64Array.from(subset, (j) => logPrior[j]!);
    for (const sigma of [1, 0.1]) {
      const x = query(12, sigma);
      expect(Array.from(survivorsRow(x, sigma, subset))).toEqual(Array.from(stageRow(x, sigma, subPoints, subPrior, subData)));
    }
  });

  it('is NaN throughout for a query with a NaN or with no survivor; the all-zero columns are 0', () => {
    const x = query(9, 0.1);
    const nan = x.slice();
    nan[10] = NaN;
    expect(survivorsRow(nan, 0.1, every).every(Number.isNaN)).toBe(true);
    expect(survivorsRow(x, 0.1, new Int32Array(0)).every(Number.isNaN)).toBe(true);
    const out = survivorsRow(x, 0.1, every);
    expect([out[0], out[d - 1]]).toEqual([0, 0]);
  });
});
