import { softmaxInto } from '../../math/logsumexp';
import { AnchorBounds, type AnchorCandidate } from './anchorBounds';
import { createSparseStage, refineScores, type SparseStageFactory } from './prunedSparse';
import { expansionScoreError, type SparseData } from './sparseData';
import { sparseSurvivors } from './sparseSurvivors';

/** The dataset and prior the exact stage reads. */
export interface ExactData {
  /** n × d, row-major. */
  readonly data: Float64Array;
  readonly d: number;
  /** ln π_j, normalised. */
  readonly logPrior: Float64Array;
}

/**
 * Computes the empirical posterior mean over a subset of the points, D̃ = Σ_{j∈S} w̃_j y_j with
 * w̃ = softmax_{j∈S}(ln π_j − (‖x − y_j‖² − min_{i∈S}‖x − y_i‖²)/(2σ²)), into `out`, and returns
 * tr C̃ = Σ_{j∈S} w̃_j ‖y_j − D̃‖² (NaN unless `withTrace`).
 *
 * The arithmetic of createEmpiricalDenoiser (spec info-dynamics-likelihood.md §1.2) over the first
 * `alive` entries of `survivors` (ascending j), operation for operation: with S = every point the
 * result is bit-identical to it. An empty S gives NaN. Units: data units (tr C in squared units).
 *
 * @example
 * exactOver(Int32Array.of(0, 1), 2, { data: Float64Array.of(-1, 1), d: 1, logPrior: Float64Array.of(-Math.LN2, -Math.LN2) }, Float64Array.of(0.5), 1, out, false)
 * // → NaN, out = [tanh(0.5)] = [0.4621…]
 */
export function exactOver(survivors: Int32Array, alive: number, set: ExactData, x: Float64Array, sigma: number, out: Float64Array, withTrace: boolean): number {
  const { data, d, logPrior } = set;
  out.fill(0);
  if (alive === 0) {
    out.fill(NaN);
    return NaN;
  }
  const logits = new Float64Array(alive);
  let nearest = Infinity;
  for (let a = 0; a < alive; a++) {
    let d2 = 0;
    for (let k = 0, o = survivors[a]! * d; k < d; k++, o++) d2 += (x[k]! - data[o]!) ** 2;
    logits[a] = d2;
    if (d2 < nearest) nearest = d2;
  }
  toWeights(logits, nearest, sigma, (a) => logPrior[survivors[a]!]!);
  for (let a = 0; a < alive; a++) {
    const w = logits[a]!;
    if (w === 0) continue;
    for (let k = 0, o = survivors[a]! * d; k < d; k++, o++) out[k] = out[k]! + w * data[o]!;
  }
  if (!withTrace) return NaN;
  let traceCov = 0;
  for (let a = 0; a < alive; a++) {
    const w = logits[a]!;
    if (w === 0) continue;
    let d2 = 0;
    for (let k = 0, o = survivors[a]! * d; k < d; k++, o++) d2 += (data[o]! - out[k]!) ** 2;
    traceCov += w * d2;
  }
  return traceCov;
}

/** Squared distances → weights in place, exactly as the reference: shift by the nearest, scale, prior, softmax. */
function toWeights(values: Float64Array, nearest: number, sigma: number, logPriorAt: (a: number) => number): void {
  const scale = 1 / (2 * sigma * sigma);
  for (let a = 0; a < values.length; a++) {
    const excess = values[a]! - nearest;
    values[a] = logPriorAt(a) - (excess === 0 ? 0 : excess * scale);
  }
  softmaxInto(values, values);
}

/**
 * Computes D(x_q; σ_q) over every point for four queries at once, into outs[q]: the exact empirical
 * denoiser with no pruning, register-blocked 4 queries × 4 points so each data row is loaded once per
 * four queries.
 *
 * Same formula as exactOver with S = all points; every accumulator (a squared distance, an output
 * coordinate) receives its terms in the reference's order, so each result is bit-identical to
 * createEmpiricalDenoiser's. Four times fewer data loads than four single queries; no allocation but
 * the n-vectors of squared distances.
 *
 * @example
 * exactDense4(set, count, [x0, x1, x2, x3], [80, 80, 80, 80], outs) // → outs[q] = D(x_q; 80)
 */
export function exactDense4(set: ExactData, count: number, xs: readonly Float64Array[], sigmas: ArrayLike<number>, outs: readonly Float64Array[]): void {
  const { data, d, logPrior } = set;
  const [x0, x1, x2, x3] = xs as [Float64Array, Float64Array, Float64Array, Float64Array];
  const dist = [new Float64Array(count), new Float64Array(count), new Float64Array(count), new Float64Array(count)];
  const [g0, g1, g2, g3] = dist as [Float64Array, Float64Array, Float64Array, Float64Array];
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (let k = 0; k < d; k++) {
      const y0 = data[o0 + k]!, y1 = data[o1 + k]!, y2 = data[o2 + k]!, y3 = data[o3 + k]!;
      const a0 = x0[k]!, a1 = x1[k]!, a2 = x2[k]!, a3 = x3[k]!;
      s00 += (a0 - y0) ** 2; s01 += (a0 - y1) ** 2; s02 += (a0 - y2) ** 2; s03 += (a0 - y3) ** 2;
      s10 += (a1 - y0) ** 2; s11 += (a1 - y1) ** 2; s12 += (a1 - y2) ** 2; s13 += (a1 - y3) ** 2;
      s20 += (a2 - y0) ** 2; s21 += (a2 - y1) ** 2; s22 += (a2 - y2) ** 2; s23 += (a2 - y3) ** 2;
      s30 += (a3 - y0) ** 2; s31 += (a3 - y1) ** 2; s32 += (a3 - y2) ** 2; s33 += (a3 - y3) ** 2;
    }
    g0[j] = s00; g0[j + 1] = s01; g0[j + 2] = s02; g0[j + 3] = s03;
    g1[j] = s10; g1[j + 1] = s11; g1[j + 2] = s12; g1[j + 3] = s13;
    g2[j] = s20; g2[j + 1] = s21; g2[j + 2] = s22; g2[j + 3] = s23;
    g3[j] = s30; g3[j + 1] = s31; g3[j + 2] = s32; g3[j + 3] = s33;
  }
  for (; j < count; j++) {
    for (let q = 0; q < 4; q++) {
      const x = xs[q]!;
      let s = 0;
      for (let k = 0, o = j * d; k < d; k++, o++) s += (x[k]! - data[o]!) ** 2;
      dist[q]![j] = s;
    }
  }
  dist.forEach((g, q) => {
    let nearest = Infinity;
    for (let i = 0; i < count; i++) if (g[i]! < nearest) nearest = g[i]!;
    toWeights(g, nearest, sigmas[q]!, (i) => logPrior[i]!);
    outs[q]!.fill(0);
  });
  weightedSum4(data, d, count, dist, outs);
}

/** outs[q] += Σ_j w_qj y_j in ascending j, four outputs per data row; a zero weight is skipped as in the reference. */
function weightedSum4(data: Float64Array, d: number, count: number, weights: readonly Float64Array[], outs: readonly Float64Array[]): void {
  const [w0, w1, w2, w3] = weights as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [u0, u1, u2, u3] = outs as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let j = 0; j < count; j++) {
    const a0 = w0[j]!, a1 = w1[j]!, a2 = w2[j]!, a3 = w3[j]!;
    const o = j * d;
    if (a0 !== 0 && a1 !== 0 && a2 !== 0 && a3 !== 0) {
      for (let k = 0; k < d; k++) {
        const y = data[o + k]!;
        u0[k] = u0[k]! + a0 * y;
        u1[k] = u1[k]! + a1 * y;
        u2[k] = u2[k]! + a2 * y;
        u3[k] = u3[k]! + a3 * y;
      }
      continue;
    }
    for (let q = 0; q < 4; q++) {
      const w = weights[q]![j]!;
      if (w === 0) continue;
      const u = outs[q]!;
      for (let k = 0; k < d; k++) u[k] = u[k]! + w * data[o + k]!;
    }
  }
}

/** The sparse path's options (PruningOptions' fields of the same names). */
export interface SparseRowsOptions {
  readonly sparseStage?: SparseStageFactory;
  /** δℓ (nats) the expansion's logits may carry before near points are recomputed directly (default 1e-9). */
  readonly expansionTolerance?: number;
  /** Whether rows are bounded from their anchors (PruningOptions.anchors; default false). */
  readonly anchors?: boolean;
}

/**
 * Cost of pruning a query per point and coordinate, in units of exactOver's (measured on the digits: 7 ms
 * per query against 50 ms for exactOver over all 9,999 × 784). A stage cheaper than this never prunes.
 */
const PRUNE_COST = 0.14;

/**
 * Cost of sparseSurvivors per entry of a survivor, in exactOver's units: ~18 ns per entry for its gather and
 * scatter in JavaScript (measured on the digits) against exactOver's 6.4 ns per point and coordinate.
 */
const SURVIVOR_COST = 2.8;
/** Cost of the anchor pass (AnchorBounds.prune) per point, in the same units (~3 ns). */
const ANCHOR_PASS_COST = 0.5;

/** What sparseRows uses of the pruned denoiser: its data and prior, its pruning, its statistics. */
export interface RowsHost {
  readonly data: Float64Array;
  readonly count: number;
  readonly d: number;
  readonly logPrior: Float64Array;
  /** Leaves the survivors in `survivors` (ascending j); returns their count and the certified neglected weight. */
  prune(x: Float64Array, sigma: number, survivors: Int32Array): { alive: number; neglected: number };
  record(alive: number, neglected: number): void;
}

/**
 * Computes D(x_r; σ_r) for the rows of a sparse dataset (`points`: its density is below
 * `sparseBelowDensity`). With `anchors`, each row first tries its anchor (anchorBounds.ts: the triangle
 * inequality from the last query of the same batch row that went through the stage since forgetAnchors());
 * when that leaves few enough points
 * (survivors' entries·SURVIVOR_COST below the stage's cost), the row takes sparseSurvivors over them: the
 * skipped points are those whose stage weight is exactly 0, so under a uniform prior the row gets the
 * stage's result bit for bit. Otherwise it runs through the sparse stage (every point, expansion
 * scores, near points recomputed directly where β/σ² exceeds the tolerance: ‖D̂ − D‖₂ ≤ tol·√(tr C), or
 * 2·tol·max_j‖y_j − D‖₂ when refined, to first order; prunedSparse.ts), which makes the query the row's
 * new anchor, when that costs less than the direct form over the level bounds' survivors (stage:
 * relativeCost·nnz, survivors: alive·d); those bounds are tried only when their own cost can be below the
 * stage's, and their survivors take exactOver (≤ 2ε·max‖y − μ‖). σ = 0, ∞ or NaN takes the direct form
 * over every point, bit-identical to the reference. Records one query per row.
 *
 * @example
 * const { rows } = sparseRows(sparseData(digits, 9999, 784), { sparseStage: createWasmSparseStage, anchors: true }, host);
 * rows(xs, sigmas, out) // → out[r] = D(x_r; σ_r): at large σ one WebAssembly stage call for all rows, at small σ most rows over a few survivors
 */
export function sparseRows(points: SparseData, options: SparseRowsOptions, host: RowsHost) {
  const { data, count, d, logPrior } = host;
  const stage = options.sparseStage?.(points, logPrior) ?? createSparseStage(points, logPrior);
  const stageCost = stage.relativeCost * points.values.length;
  const pruneFirst = stageCost > PRUNE_COST * count * d;
  const tolerance = options.expansionTolerance ?? 1e-9;
  const logPriorSpread = logPrior.reduce((a, b) => Math.max(a, b), -Infinity) - logPrior.reduce((a, b) => Math.min(a, b), Infinity);
  const anchors = new AnchorBounds(logPrior);
  const entriesPerPoint = points.values.length / count;
  const survivors = new Int32Array(count);
  const scratch = new Float64Array(count);
  const set: ExactData = { data, d, logPrior };

  /** The row's anchor pruning when its survivors cost less than the stage, else null. */
  const byAnchor = (r: number, x: Float64Array, sigma: number, scoreError: number) => {
    const pruned = anchors.prune(r, x, sigma, scoreError, survivors);
    return pruned !== null && (ANCHOR_PASS_COST * count + SURVIVOR_COST * pruned.alive * entriesPerPoint) < stageCost ? pruned : null;
  };

  return {
    rows(xs: Float64Array, sigmas: Float64Array, out: Float64Array): void {
      const staged: number[] = [];
      for (let r = 0; r < sigmas.length; r++) {
        const x = xs.subarray(r * d, (r + 1) * d), sigma = sigmas[r]!;
        const finite = sigma > 0 && sigma < Infinity;
        const bounded = options.anchors === true && finite;
        const scoreError = bounded ? expansionScoreError(points, x) : NaN;
        const anchored = bounded ? byAnchor(r, x, sigma, scoreError) : null;
        if (anchored !== null) {
          host.record(anchored.alive, anchored.neglected);
          const refine = scoreError / (sigma * sigma) <= tolerance ? undefined : { scoreError, tolerance, logPriorSpread, data };
          sparseSurvivors(points, logPrior, survivors, anchored.alive, { x, sigma, ...(refine ? { refine } : {}) }, out.subarray(r * d, (r + 1) * d), scratch);
          continue;
        }
        const pruned = pruneFirst || !finite ? host.prune(x, sigma, survivors) : { alive: count, neglected: 0 };
        const alive = pruned.alive;
        if (finite && alive * d > stageCost) {
          staged.push(r);
          host.record(count, 0);
          continue;
        }
        host.record(alive, pruned.neglected);
        exactOver(survivors, alive, set, x, sigma, out.subarray(r * d, (r + 1) * d), false);
      }
      if (staged.length === 0) return;
      const packed = new Float64Array(staged.length * d);
      staged.forEach((r, i) => packed.set(xs.subarray(r * d, (r + 1) * d), i * d));
      const rowSigmas = Float64Array.from(staged, (r) => sigmas[r]!);
      const result = new Float64Array(packed.length);
      stage.denoiseRows(packed, rowSigmas, result, (scores, stride) => {
        const candidates = Array.from(rowSigmas, (sigma, i) => {
          const x = packed.subarray(i * d, (i + 1) * d);
          const scoreError = expansionScoreError(points, x);
          const refined = !(scoreError / (sigma * sigma) <= tolerance);
          if (refined) refineScores(scores, stride, i, { x, sigma, scoreError, tolerance, logPriorSpread }, { data, count, d });
          return anchorCandidate(staged[i]!, x, sigma, i, refined, scoreError);
        });
        if (options.anchors === true) anchors.remember(candidates, scores, stride);
      });
      staged.forEach((r, i) => out.set(result.subarray(i * d, (i + 1) * d), r * d));
    },
    forgetAnchors: () => anchors.forget(),
  };
}

/**
 * The stage's row i as an anchor candidate for `slot`: its scores (n × stride, column i) are squared
 * distances e_j + ‖x‖², or, after refineScores, as it left them (direct ‖x − y_j‖² or e_j + ‖x‖²); each
 * is within β (the expansion's bound) + 1e-12·(|s_j| + ‖x‖²) of ‖x − y_j‖² (the additions and the direct
 * sums round by ≤ γ_d ≈ 9e-14 relative).
 */
function anchorCandidate(slot: number, x: Float64Array, sigma: number, i: number, refined: boolean, scoreError: number): AnchorCandidate {
  let squaredNorm = 0;
  for (let k = 0; k < x.length; k++) squaredNorm += x[k]! * x[k]!;
  return { slot, x, sigma, column: i, shift: refined ? 0 : squaredNorm, absoluteError: scoreError, magnitude: squaredNorm };
}
