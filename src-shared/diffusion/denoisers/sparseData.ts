import { InvalidArgumentError } from '../../errors';

/**
 * A point set stored by its non-zero entries (CSR), for the dense regime of the pruned empirical
 * denoiser on sparse data such as digits (19 % of MNIST's pixels are non-zero). Columns that are zero
 * in every point are dropped: entry columns index `columns`, the kept ones in ascending order.
 */
export interface SparseData {
  readonly count: number;
  readonly dimension: number;
  /** Original index of each kept column, ascending (length c ≤ d). */
  readonly columns: Int32Array;
  /** Point j's entries are rowStart[j] … rowStart[j + 1] − 1 (length n + 1). */
  readonly rowStart: Int32Array;
  /** Kept-column index of each entry, ascending within a point. */
  readonly entryColumns: Int32Array;
  readonly values: Float64Array;
  /** ‖y_j‖², summed over the point's entries in ascending column order. */
  readonly squaredNorms: Float64Array;
  /** max_j ‖y_j‖², max_j ‖y_j‖₁ and max_j (entries of y_j): the constants of expansionScoreError. */
  readonly maxSquaredNorm: number;
  readonly maxAbsSum: number;
  readonly maxEntries: number;
}

/**
 * The fraction of non-zero values in an n × d point set: nnz / (n·d), in [0, 1].
 *
 * @example
 * dataDensity(Float64Array.of(0, 1, 0, 0)) // → 0.25
 * dataDensity(new Float64Array(0)) // → 0
 */
export function dataDensity(data: Float64Array): number {
  let nonZero = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nonZero++;
  return data.length === 0 ? 0 : nonZero / data.length;
}

/**
 * Stores n points y_j ∈ ℝ^d (row-major) by their non-zero entries, without the columns that are zero
 * in every point, with ‖y_j‖² and the constants of the expansion's rounding bound. Exact: the values
 * are copied, nothing is rounded. Cost O(n·d) once; memory 12 bytes per non-zero.
 *
 * @example
 * const s = sparseData(Float64Array.of(0, 2, 0, 0, 3, 4), 2, 3);
 * s.columns // → [1, 2];  s.rowStart // → [0, 1, 3];  s.entryColumns // → [0, 0, 1];  s.squaredNorms // → [4, 25]
 */
export function sparseData(data: Float64Array, count: number, dimension: number): SparseData {
  return sparseDataBelow(data, count, dimension, Infinity)!;
}

/**
 * sparseData(data, count, dimension) when the density nnz/(n·d) is below `maxDensity`, else null; the
 * counting pass stops as soon as the limit is passed, so a dense dataset costs little.
 *
 * @example
 * sparseDataBelow(Float64Array.of(1, 2, 0, 4), 2, 2, 0.5) // → null (density 0.75)
 */
export function sparseDataBelow(data: Float64Array, count: number, dimension: number, maxDensity: number): SparseData | null {
  const d = dimension;
  if (data.length !== count * d) throw new InvalidArgumentError('data', `expected count × dimension = ${count * d} values, got ${data.length}`);
  const compact = new Int32Array(d).fill(-1);
  const limit = maxDensity * count * d;
  let nonZero = 0;
  for (let j = 0, o = 0; j < count; j++) {
    for (let k = 0; k < d; k++, o++) {
      if (data[o] === 0) continue;
      nonZero++;
      compact[k] = 0;
    }
    if (nonZero >= limit) return null;
  }
  const columns = Int32Array.from(Array.from(compact.keys()).filter((k) => compact[k] === 0));
  columns.forEach((k, c) => (compact[k] = c));
  const rowStart = new Int32Array(count + 1);
  const entryColumns = new Int32Array(nonZero);
  const values = new Float64Array(nonZero);
  const squaredNorms = new Float64Array(count);
  let e = 0, maxSquaredNorm = 0, maxAbsSum = 0, maxEntries = 0;
  for (let j = 0; j < count; j++) {
    let sq = 0, abs = 0;
    for (let k = 0, o = j * d; k < d; k++, o++) {
      const v = data[o]!;
      if (v === 0) continue;
      entryColumns[e] = compact[k]!;
      values[e++] = v;
      sq += v * v;
      abs += Math.abs(v);
    }
    rowStart[j + 1] = e;
    squaredNorms[j] = sq;
    maxSquaredNorm = Math.max(maxSquaredNorm, sq);
    maxAbsSum = Math.max(maxAbsSum, abs);
    maxEntries = Math.max(maxEntries, e - rowStart[j]!);
  }
  return { count, dimension: d, columns, rowStart, entryColumns, values, squaredNorms, maxSquaredNorm, maxAbsSum, maxEntries };
}

/** A SparseData's entries again, by column within chunks of consecutive points (CSC per chunk). */
export interface ColumnChunks {
  readonly chunks: number;
  /** Chunk h's entries of kept column k: chunkStart[h·(c + 1) + k] … chunkStart[h·(c + 1) + k + 1] − 1 (length chunks·(c + 1)). */
  readonly chunkStart: Int32Array;
  /** The point of each entry, ascending within a chunk's column. */
  readonly points: Int32Array;
  readonly values: Float64Array;
}

/**
 * Stores a sparse point set's entries by column within chunks of `chunkPoints` consecutive points, so
 * that a weighted sum Σ_j w_j y_j can be accumulated column by column with each chunk's weights held
 * in cache (sparseKernels.wat `gather`). Within a column the points stay ascending, so the sums keep
 * the order of a pass over the points. Cost O(nnz + chunks·c); memory 12 bytes per non-zero.
 *
 * @example
 * const s = sparseData(Float64Array.of(0, 2, 0, 3, 4, 0, 5, 0, 6), 3, 3);  // columns 0, 1, 2 all kept
 * columnChunks(s, 2) // → { chunks: 2, chunkStart: [0, 1, 3, 3, 3, 4, 4, 5], points: [1, 0, 1, 2, 2], values: [3, 2, 4, 5, 6] }
 */
export function columnChunks(sparse: SparseData, chunkPoints: number): ColumnChunks {
  if (!Number.isInteger(chunkPoints) || chunkPoints < 1) throw new InvalidArgumentError('chunkPoints', `expected a positive integer, got ${chunkPoints}`);
  const { count, rowStart, entryColumns, values } = sparse;
  const c = sparse.columns.length;
  const chunks = Math.ceil(count / chunkPoints);
  const chunkStart = new Int32Array(chunks * (c + 1));
  const points = new Int32Array(values.length);
  const chunkValues = new Float64Array(values.length);
  const next = new Int32Array(c);
  for (let h = 0; h < chunks; h++) {
    const first = h * chunkPoints, end = Math.min(count, first + chunkPoints);
    const starts = h * (c + 1);
    for (let e = rowStart[first]!; e < rowStart[end]!; e++) chunkStart[starts + entryColumns[e]! + 1]!++;
    chunkStart[starts] = rowStart[first]!;
    for (let k = 0; k < c; k++) {
      chunkStart[starts + k + 1]! += chunkStart[starts + k]!;
      next[k] = chunkStart[starts + k]!;
    }
    for (let j = first; j < end; j++) {
      for (let e = rowStart[j]!; e < rowStart[j + 1]!; e++) {
        const at = next[entryColumns[e]!]!++;
        points[at] = j;
        chunkValues[at] = values[e]!;
      }
    }
  }
  return { chunks, chunkStart, points, values: chunkValues };
}

/** Unit roundoff of float64, u = 2⁻⁵³. */
const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Bounds the rounding error of the expansion scores e_j = ‖y_j‖² − 2x·y_j of one query:
 * |fl(e_j) − e_j| ≤ β = γ_{m+1}·(max_j ‖y_j‖² + 2‖x‖_∞·max_j ‖y_j‖₁), γ_m = m·u/(1 − m·u), m = max_j nnz(y_j).
 *
 * Both sums run over y_j's m entries, so |fl(e_j) − e_j| ≤ γ_{m+1}(‖y_j‖² + 2Σ_k|x_k y_jk|) (Higham,
 * Accuracy and Stability of Numerical Algorithms, §3.1). The common ‖x‖² of ‖x − y_j‖² = ‖x‖² + e_j cancels
 * in the softmax and is never formed. A logit −(e_j − e_min)/(2σ²) then moves by δℓ ≤ β/σ² nats, and
 * the posterior mean by ‖δD‖₂ ≤ δℓ·Σ_j w_j‖y_j − D‖₂ ≤ δℓ·√(tr C) to first order (dD = Σ_j w_j dℓ_j (y_j − D)).
 * Unlike the direct form, whose error is relative to ‖x − y_j‖², β does not shrink with σ: the bound
 * grows as 1/σ². Squared data units; ‖x‖_∞ over the kept columns; NaN in x gives NaN.
 *
 * @example
 * expansionScoreError(sparseData(Float64Array.of(1, 0, 0, 1), 2, 2), Float64Array.of(2, 0)) // → 5·γ_2 ≈ 1.1e-15
 */
export function expansionScoreError(sparse: SparseData, x: Float64Array): number {
  let maxAbs = 0;
  for (let c = 0; c < sparse.columns.length; c++) {
    const v = Math.abs(x[sparse.columns[c]!]!);
    if (!(v <= maxAbs)) maxAbs = v;
  }
  const m = sparse.maxEntries + 1;
  const gamma = (m * UNIT_ROUNDOFF) / (1 - m * UNIT_ROUNDOFF);
  return gamma * (sparse.maxSquaredNorm + 2 * maxAbs * sparse.maxAbsSum);
}
