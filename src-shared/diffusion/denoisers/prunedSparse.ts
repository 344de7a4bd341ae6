import type { SparseData } from './sparseData';

/** What refineScores needs about one row besides its scores. */
export interface RefineRow {
  readonly x: Float64Array;
  readonly sigma: number;
  /** β of expansionScoreError for x. */
  readonly scoreError: number;
  /** The logit error the expansion may leave in the far points' share, in nats (the caller's tolerance). */
  readonly tolerance: number;
  /** max_j ln π_j − min_j ln π_j (0 for a uniform prior). */
  readonly logPriorSpread: number;
}

/**
 * refineScores' cut for a row whose smallest score is `nearest`, among `count` points: points with a score
 * ≤ e_min + 2σ²(T + Δ) + 2β, T = ln(count·β/σ²/tol)⁺, are recomputed with the direct form.
 *
 * @example
 * refineThreshold(2, 9999, { x, sigma: 0.01, scoreError: 3e-11, tolerance: 1e-9, logPriorSpread: 0 }) // → 2 + 2e-4·ln(3e6) + 6e-11
 */
export function refineThreshold(nearest: number, count: number, row: RefineRow): number {
  const { sigma } = row;
  const far = Math.max(0, Math.log((count * row.scoreError) / (sigma * sigma) / row.tolerance));
  return nearest + 2 * sigma * sigma * (far + row.logPriorSpread) + 2 * row.scoreError;
}

/**
 * Recomputes the near points of row r of the scores (n × stride) with the direct form, so that every
 * point that carries weight gets the reference's logit. With δℓ = β/σ² and T = ln(n·δℓ/tol)⁺, points
 * with e_jr ≤ e_min + 2σ²(T + Δ) + 2β (Δ the prior's log spread) get ‖x − y_j‖² = Σ_k (x_k − y_jk)² over
 * all d in ascending k (createEmpiricalDenoiser's arithmetic); the others get e_jr + ‖x‖². Each of
 * those has an exact logit more than T below the largest, so together they weigh ≤ n·e^{−T} ≤ tol/δℓ,
 * and their logit errors (≤ δℓ) move D by ≤ 2·tol·max_j‖y_j − D‖₂ to first order: the bound of an
 * unrefined row at δℓ = tol. Returns how many points were refined.
 *
 * @example
 * refineScores(scores, 32, r, { x, sigma: 0.01, scoreError: β, tolerance: 1e-9, logPriorSpread: 0 }, { data, count, d }) // → 3 (three digits within reach)
 */
export function refineScores(scores: Float64Array, stride: number, r: number, row: RefineRow, dense: { readonly data: Float64Array; readonly count: number; readonly d: number }): number {
  const { data, count, d } = dense;
  const { x, sigma } = row;
  let nearest = Infinity;
  for (let j = 0, o = r; j < count; j++, o += stride) if (scores[o]! < nearest) nearest = scores[o]!;
  const threshold = refineThreshold(nearest, count, row);
  let squaredNorm = 0;
  for (let k = 0; k < d; k++) squaredNorm += x[k]! * x[k]!;
  let refined = 0;
  for (let j = 0, o = r; j < count; j++, o += stride) {
    if (!(scores[o]! <= threshold)) {
      scores[o] = scores[o]! + squaredNorm;
      continue;
    }
    let d2 = 0;
    for (let k = 0, p = j * d; k < d; k++, p++) d2 += (x[k]! - data[p]!) ** 2;
    scores[o] = d2;
    refined++;
  }
  return refined;
}

/**
 * The stride of the transposed layouts: the row count padded to even, so two rows fill an f64x2 pair.
 *
 * @example
 * paddedRows(3) // → 4
 * paddedRows(32) // → 32
 */
export function paddedRows(rows: number): number {
  return rows + (rows & 1);
}

/**
 * Writes the kept columns of R rows x_r (R × d, row-major) transposed into xt (c × stride, column
 * c of the data at xt[c·stride + r]); the padding rows are zero.
 *
 * @example
 * transposeRows(sparseData(Float64Array.of(1, 0, 1, 0), 2, 2), Float64Array.of(5, 6, 7, 8), 2, xt) // → xt = [5, 7] (column 1 dropped)
 */
export function transposeRows(sparse: SparseData, xs: Float64Array, rows: number, xt: Float64Array): void {
  const { columns, dimension: d } = sparse;
  const stride = paddedRows(rows);
  for (let c = 0; c < columns.length; c++) {
    const k = columns[c]!;
    const o = c * stride;
    for (let r = 0; r < rows; r++) xt[o + r] = xs[r * d + k]!;
    if (stride > rows) xt[o + rows] = 0;
  }
}

/**
 * Writes dt (c × stride) back as R rows of length d into out; the dropped columns are 0, and a row with
 * a NaN anywhere is NaN throughout (its weights were NaN: the reference's Σ_j w_j y_j is NaN in every
 * coordinate, zeros included).
 *
 * @example
 * untransposeRows(sparseData(Float64Array.of(1, 0, 1, 0), 2, 2), Float64Array.of(5, 7), 2, out) // → out = [5, 0, 7, 0]
 */
export function untransposeRows(sparse: SparseData, dt: Float64Array, rows: number, out: Float64Array): void {
  const { columns, dimension: d } = sparse;
  const stride = paddedRows(rows);
  out.fill(0, 0, rows * d);
  for (let c = 0; c < columns.length; c++) {
    const k = columns[c]!;
    const o = c * stride;
    for (let r = 0; r < rows; r++) out[r * d + k] = dt[o + r]!;
  }
  for (let r = 0; r < rows; r++) {
    const row = out.subarray(r * d, (r + 1) * d);
    if (row.some((v) => v !== v)) row.fill(NaN);
  }
}

/**
 * Computes the scores e_jr = ‖y_j‖² − 2 x_r·y_j of every point against the transposed rows, into
 * scores[j·stride + r] (n × stride); the dot product runs over y_j's entries in ascending column
 * order, e = ‖y_j‖² − (s + s) with s = Σ v·x (the JavaScript reference of the `scores` WebAssembly
 * kernel, which performs the same operations in the same order). ‖x − y_j‖² = ‖x‖² + e_jr.
 *
 * @example
 * sparseScores(sparseData(Float64Array.of(3), 1, 1), Float64Array.of(1, 2), 2, scores) // → scores = [9 − 6, 9 − 12] = [3, −3]
 */
export function sparseScores(sparse: SparseData, xt: Float64Array, stride: number, scores: Float64Array): void {
  const { rowStart, entryColumns, values, squaredNorms, count } = sparse;
  const acc = new Float64Array(stride);
  for (let j = 0; j < count; j++) {
    acc.fill(0);
    for (let e = rowStart[j]!, end = rowStart[j + 1]!; e < end; e++) {
      const v = values[e]!;
      const o = entryColumns[e]! * stride;
      for (let r = 0; r < stride; r++) acc[r] = acc[r]! + v * xt[o + r]!;
    }
    const sq = squaredNorms[j]!;
    for (let r = 0, o = j * stride; r < stride; r++, o++) scores[o] = sq - (acc[r]! + acc[r]!);
  }
}

/** 1/k! for k = 13 … 2: the Taylor coefficients of e^r beyond 1 + r, highest first. */
const EXP_TAYLOR = [1.6059043836821613e-10, 2.08767569878681e-9, 2.505210838544172e-8, 2.755731922398589e-7, 2.7557319223985893e-6, 2.48015873015873e-5, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333, 0.041666666666666664, 0.16666666666666666, 0.5];
/** flushedExp(v) is 0 for v < −FLUSH_NATS: a weight below e^{−700} of the row's largest is exactly 0 in the stage. */
export const FLUSH_NATS = 700;

/** 2^−i for i = 0 … 1010, exact (all normal). */
const HALF_POWERS = Float64Array.from({ length: 1011 }, (_, i) => 2 ** -i);

/**
 * Computes e^v for v ≤ 0, flushed to 0 below v = −700, with the operations of the `weights`
 * WebAssembly kernel (sparseKernels.wat), so both give the same bits: v = k·ln 2 + r, k = round(v·log₂e)
 * (ties to even, by adding and removing 1.5·2⁵²), r = (v − k·ln2_hi) − k·ln2_lo (Cody–Waite with
 * fdlibm's split: k·ln2_hi is exact), e^r by its Taylor polynomial of degree 13 in Horner form
 * (truncation ≤ 0.347¹⁴/14! ≈ 4e-18 < u/2), times 2^k (exact). Accuracy: within 1 ulp of Math.exp
 * (test). The flush keeps every weight and every product w·y_jk normal: subnormal operands cost ~100
 * cycles each on x86 (measured: a 5× slower stage at σ ≈ 0.3), and a weight below e^{−700} ≈ 1e-304 of
 * the largest moves D by less than n·1e-304·max‖y_j − D‖. Domain: v < −700 (−∞ included) gives 0,
 * NaN gives NaN, 0 gives 1.
 *
 * @example
 * flushedExp(0) // → 1
 * flushedExp(-1) // → 0.36787944117144233 (Math.exp(-1))
 * flushedExp(-701) // → 0
 */
export function flushedExp(v: number): number {
  if (v < -FLUSH_NATS) return 0;
  const k = v * 1.4426950408889634 + 6755399441055744 - 6755399441055744;
  const r = v - k * 0.6931471803691238 - k * 1.9082149292705877e-10;
  let p = EXP_TAYLOR[0]!;
  for (let i = 1; i < EXP_TAYLOR.length; i++) p = p * r + EXP_TAYLOR[i]!;
  p = p * r + 1;
  p = p * r + 1;
  return p * HALF_POWERS[-(k | 0)]!;
}

/**
 * Turns scores (n × stride) into posterior weights in place, row r at level sigmas[r], with the
 * reference's arithmetic (createEmpiricalDenoiser) but for the exponential: excess over the row's
 * smallest score, ℓ = ln π_j − excess/(2σ²) (exactly ln π_j at the nearest), then the max-shifted
 * softmax of softmaxInto with flushedExp for Math.exp. A row with a NaN logit or a non-finite
 * maximum gets NaN weights; the padding rows (sigmas.length ≤ r < stride) get weight 0. The
 * JavaScript reference of the `weights` WebAssembly kernel (same operations, same order).
 *
 * @example
 * const scores = Float64Array.of(0, 2 * Math.LN2); // e_0, e_1 of one row (stride 1) at σ = 1
 * scoresToWeights(scores, 2, 1, [1], Float64Array.of(-Math.LN2, -Math.LN2)) // → scores = [2/3, 1/3]
 */
export function scoresToWeights(scores: Float64Array, count: number, stride: number, sigmas: ArrayLike<number>, logPrior: Float64Array): void {
  const rows = sigmas.length;
  const nearest = new Float64Array(rows).fill(Infinity);
  const top = new Float64Array(rows).fill(-Infinity);
  const sum = new Float64Array(rows);
  const scale = Float64Array.from({ length: rows }, (_, r) => 1 / (2 * sigmas[r]! * sigmas[r]!));
  for (let j = 0; j < count; j++) {
    for (let r = 0, o = j * stride; r < rows; r++, o++) if (scores[o]! < nearest[r]!) nearest[r] = scores[o]!;
  }
  for (let j = 0; j < count; j++) {
    for (let r = 0, o = j * stride; r < rows; r++, o++) {
      const excess = scores[o]! - nearest[r]!;
      const logit = (scores[o] = logPrior[j]! - (excess === 0 ? 0 : excess * scale[r]!));
      // The maximum as maxOf takes it: a NaN logit makes it NaN for good.
      if (logit > top[r]!) top[r] = logit;
      else if (logit !== logit) top[r] = NaN;
    }
  }
  for (let j = 0; j < count; j++) {
    for (let r = 0, o = j * stride; r < rows; r++, o++) {
      const w = flushedExp(scores[o]! - top[r]!);
      scores[o] = w;
      sum[r] = sum[r]! + w;
    }
  }
  for (let r = 0; r < rows; r++) sum[r] = top[r]! - top[r]! === 0 ? 1 / sum[r]! : NaN;
  for (let j = 0; j < count; j++) {
    let o = j * stride;
    for (let r = 0; r < rows; r++, o++) scores[o] = scores[o]! * sum[r]!;
    for (let r = rows; r < stride; r++, o++) scores[o] = 0;
  }
}

/**
 * Accumulates dt[c·stride + r] += w_jr·y_jc over every point j ascending and its entries (the
 * reference's weighted sum restricted to the non-zeros: adding a zero product never changes a sum that
 * starts at +0, so the result equals Σ_j w_jr y_j over all d bit for bit). dt must start at zero. The
 * JavaScript reference of the `scatter` WebAssembly kernel.
 *
 * @example
 * sparseScatter(sparseData(Float64Array.of(2, 4), 2, 1), Float64Array.of(0.25, 0.75), 1, dt) // → dt = [0.5 + 3] = [3.5]
 */
export function sparseScatter(sparse: SparseData, weights: Float64Array, stride: number, dt: Float64Array): void {
  const { rowStart, entryColumns, values, count } = sparse;
  for (let j = 0; j < count; j++) {
    const w = j * stride;
    for (let e = rowStart[j]!, end = rowStart[j + 1]!; e < end; e++) {
      const v = values[e]!;
      const o = entryColumns[e]! * stride;
      for (let r = 0; r < stride; r++) dt[o + r] = dt[o + r]! + weights[w + r]! * v;
    }
  }
}

/**
 * relativeCost of the JavaScript stage: 33 ms per row for the 1.5M non-zeros of 9,999 digits against
 * 6.4 ns per point and coordinate for exactOver (measured on the 2-core Xeon of docs/performance-engine.md).
 */
const JS_STAGE_COST = 3.4;

/** The dense regime of the pruned denoiser on sparse data: D over every point for a batch of rows. */
export interface SparseStage {
  /**
   * Time per non-zero entry per row, in units of the direct form's time per point and coordinate
   * (exactOver): what the pruned denoiser weighs the stage's n·nnz against pruning and survivors with.
   */
  readonly relativeCost: number;
  /**
   * D(x_r; σ_r) = Σ_j w_jr y_j over every point, w from the expansion scores (sparseScores,
   * scoresToWeights), for the R = sigmas.length rows of xs (R × d) into out (R × d). `refine`, when
   * given, may rewrite the scores (n × stride, row r at j·stride + r) before they become weights.
   */
  denoiseRows(xs: Float64Array, sigmas: Float64Array, out: Float64Array, refine?: (scores: Float64Array, stride: number) => void): void;
}

/** Builds a SparseStage (the WebAssembly one of src-main/engine/wasm/sparseKernels.ts), or null to use the JavaScript one. */
export type SparseStageFactory = (sparse: SparseData, logPrior: Float64Array) => SparseStage | null;

/**
 * Creates the JavaScript SparseStage: transposeRows, sparseScores, scoresToWeights, sparseScatter,
 * untransposeRows. Cost per row 4·nnz flops plus n exponentials, against 4·n·d for the dense form.
 *
 * @example
 * const stage = createSparseStage(sparseData(Float64Array.of(-1, 1), 2, 1), Float64Array.of(-Math.LN2, -Math.LN2));
 * stage.denoiseRows(Float64Array.of(0.5), Float64Array.of(1), out) // → out = [tanh(0.5)] = [0.4621…]
 */
export function createSparseStage(sparse: SparseData, logPrior: Float64Array): SparseStage {
  return {
    relativeCost: JS_STAGE_COST,
    denoiseRows(xs, sigmas, out, refine) {
      const rows = sigmas.length;
      const stride = paddedRows(rows);
      const xt = new Float64Array(sparse.columns.length * stride);
      const scores = new Float64Array(sparse.count * stride);
      transposeRows(sparse, xs, rows, xt);
      sparseScores(sparse, xt, stride, scores);
      refine?.(scores, stride);
      scoresToWeights(scores, sparse.count, stride, sigmas, logPrior);
      xt.fill(0);
      sparseScatter(sparse, scores, stride, xt);
      untransposeRows(sparse, xt, rows, out);
    },
  };
}
