import { FLUSH_NATS } from './prunedSparse';

/** Relative widening of the distances and thresholds below: covers the rounding of √, of the squares and of Δ's d-term sum (γ_784 ≈ 9e-14). */
const RELATIVE_MARGIN = 1e-12;
/**
 * The stage flushes a weight to exactly 0 when its logit is more than FLUSH_NATS = 700 below the row's
 * largest (prunedSparse.ts flushedExp); a point is skipped only when it is provably more than FLUSH_NATS +
 * SLACK_NATS below, so that its stage weight is 0 whatever the rounding of the stage's logits (relative
 * ~1e-13 on values of any size, plus the expansion's error, added per query).
 */
const SLACK_NATS = 10;
/** Points sampled (evenly spaced) to decide whether a query is worth remembering. */
const SAMPLE = 256;

/**
 * One remembered query: a point a, its squared distances s_j to the points, each within ±margin of
 * ‖a − y_j‖², and their extremes.
 */
interface Anchor {
  readonly at: Float64Array;
  readonly squared: Float64Array;
  margin: number;
  least: number;
  most: number;
}

/**
 * A query offered as an anchor, with its squared distances to the n points in a column of an n × stride
 * array (the sparse stage's scores): s_j = values[j·stride + column] + shift, each within absoluteError +
 * 1e-12·(|s_j| + magnitude) of ‖x − y_j‖².
 */
export interface AnchorCandidate {
  readonly slot: number;
  readonly x: Float64Array;
  readonly sigma: number;
  readonly column: number;
  readonly shift: number;
  readonly absoluteError: number;
  /** The size of the terms s_j was computed from (‖x‖² for s_j = e_j + ‖x‖²): its rounding is relative to it. */
  readonly magnitude: number;
}

/** What prune found: `alive` survivors (ascending j, in the caller's array) and the certified weight of the rest. */
export interface AnchorPruning {
  readonly alive: number;
  /** An upper bound on Σ_{skipped} w_j (≤ n·e^{−710}; their stage weights are exactly 0). */
  readonly neglected: number;
}

/**
 * Pruning by the triangle inequality from remembered queries ("anchors"), one per slot (a batch row):
 * a query x at Δ ≥ ‖x − a‖ from its slot's anchor a has, for every point, with ρ⁻_j ≤ ‖a − y_j‖ ≤ ρ⁺_j,
 *   max(0, ρ⁻_j − Δ) ≤ ‖x − y_j‖ ≤ ρ⁺_j + Δ,
 * so its logit ℓ_j = ln π_j − ‖x − y_j‖²/(2σ²) lies in [l_j, u_j] with l_j = ln π_j − (ρ⁺_j + Δ)²/(2σ²) and
 * u_j = ln π_j − max(0, ρ⁻_j − Δ)²/(2σ²), and ℓ_j − max_i ℓ_i ≤ u_j − L with L = max_i l_i. A point with
 * u_j ≤ L − g, g = 710 nats plus the logits' possible rounding, has a weight the sparse stage flushes to
 * exactly 0 (below e^{−700} of the largest): skipping it leaves the stage's result unchanged bit for bit
 * (sparseSurvivors over the rest, under a uniform prior), so the skipped weight is 0, far inside any ε
 * (the certified bound returned is n_skipped·e^{max u_skipped − L} ≤ n·e^{−710}). The bound holds for any
 * x, whatever the anchor, so a slot's anchor only decides how much is skipped: along a trajectory, where
 * x moves little between steps and σ is small, nearly every point. Under a uniform prior,
 * L = ln π − (min_j ρ⁺_j + Δ)²/(2σ²) and the test is s_j ≥ T for one threshold T on the stored squared
 * distances: a comparison per point.
 *
 * @example
 * const anchors = new AnchorBounds(logPrior);
 * anchors.remember([{ slot: 0, x: x0, sigma: 0.06, column: 0, shift: ‖x0‖², absoluteError: β, magnitude: ‖x0‖² }], scores, 32);  // after the stage
 * anchors.prune(0, x1, 0.05, β₁, survivors)   // → { alive: 12, neglected: 0 } (the points near x1)
 */
export class AnchorBounds {
  private readonly anchors: (Anchor | undefined)[] = [];
  /** max_j ln π_j − min_j ln π_j (0: uniform prior). */
  private readonly logPriorSpread: number;

  constructor(private readonly logPrior: Float64Array) {
    let min = Infinity, max = -Infinity;
    for (const v of logPrior) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.logPriorSpread = max - min;
  }

  /**
   * Makes each candidate its slot's anchor (its x and its squared distances copied) when it could prune at
   * a level down to its σ: when the spread of the distances of SAMPLE points spaced evenly, a lower bound
   * on max_j s_j − min_j s_j, reaches 2σ²·700/4 (at larger σ nothing can be skipped, and the anchor of a
   * much larger σ is seldom of use). Returns how many it kept.
   */
  remember(candidates: readonly AnchorCandidate[], values: Float64Array, stride: number): number {
    const n = this.logPrior.length;
    const step = Math.max(1, Math.floor(n / SAMPLE));
    let kept = 0;
    for (const c of candidates) {
      let least = Infinity, most = -Infinity;
      for (let j = 0, o = c.column; j < n; j += step, o += step * stride) {
        const s = values[o]!;
        if (s < least) least = s;
        if (s > most) most = s;
      }
      if (!((most - least) / (2 * c.sigma * c.sigma) >= FLUSH_NATS / 4)) continue;
      this.keep(c, values, stride);
      kept++;
    }
    return kept;
  }

  /** Copies the candidate into its slot's anchor, with the extremes and the margin of its distances. */
  private keep(c: AnchorCandidate, values: Float64Array, stride: number): void {
    const n = this.logPrior.length;
    let anchor = this.anchors[c.slot];
    if (anchor === undefined || anchor.at.length !== c.x.length) {
      anchor = { at: new Float64Array(c.x.length), squared: new Float64Array(n), margin: 0, least: Infinity, most: -Infinity };
      this.anchors[c.slot] = anchor;
    }
    anchor.at.set(c.x);
    const { squared } = anchor;
    const shift = c.shift;
    // A NaN distance (a point the anchor cannot bound) always survives the skip test, !(NaN ≥ T); the
    // extremes pass over it, or become NaN when it comes last (as for a query of NaNs), and then the
    // anchor never prunes.
    let least = Infinity, most = -Infinity, largest = 0;
    for (let j = 0, o = c.column; j < n; j++, o += stride) {
      const s = (squared[j] = values[o]! + shift);
      if (!(s >= least)) least = s;
      if (!(s <= most)) most = s;
      if (!(Math.abs(s) <= largest)) largest = Math.abs(s);
    }
    anchor.least = least;
    anchor.most = most;
    anchor.margin = c.absoluteError + RELATIVE_MARGIN * (largest + c.magnitude);
  }

  /** Forgets every anchor (a new set of trajectories starts). */
  forget(): void {
    this.anchors.length = 0;
  }

  /**
   * The points whose stage weight may be non-zero for x at level σ (β: expansionScoreError of x, the
   * stage's error on each squared distance), from slot's anchor, into `survivors` (ascending j); null when
   * there is no anchor, when nothing can be skipped (checked in O(d) before the O(n) pass, from the
   * anchor's extreme distances), or when σ or x is not finite.
   */
  prune(slot: number, x: Float64Array, sigma: number, scoreError: number, survivors: Int32Array): AnchorPruning | null {
    const anchor = this.anchors[slot];
    const scale = 1 / (2 * sigma * sigma);
    if (anchor === undefined || anchor.at.length !== x.length || !(scale > 0 && scale < Infinity)) return null;
    let sq = 0;
    for (let k = 0; k < x.length; k++) sq += (x[k]! - anchor.at[k]!) ** 2;
    const delta = Math.sqrt(sq) * (1 + RELATIVE_MARGIN);
    const nearest = Math.sqrt(anchor.least + anchor.margin) * (1 + RELATIVE_MARGIN);
    const farthest = Math.sqrt(Math.max(0, anchor.most - anchor.margin)) * (1 - RELATIVE_MARGIN);
    // The gap g in nats a skipped point must clear: the flush level, slack, and two logits' expansion error.
    const gap = FLUSH_NATS + SLACK_NATS + 2 * (scoreError + anchor.margin) * scale;
    // Some u_j ≤ L − g needs (ρ⁻_max − Δ)₊² − (ρ⁺_min + Δ)² ≥ 2σ²(g − the prior's spread).
    const reach = Math.max(0, farthest - delta);
    if (!((reach * reach - (nearest + delta) ** 2) * scale >= gap - this.logPriorSpread)) return null;
    return this.logPriorSpread === 0 ? this.pruneUniform(anchor, delta, nearest, scale, gap, survivors) : this.pruneWeighted(anchor, delta, scale, gap, survivors);
  }

  /**
   * Uniform prior: u_j ≤ L − g ⟺ (ρ⁻_j − Δ)₊² ≥ (ρ⁺_min + Δ)² + g/s =: R² ⟺ ρ⁻_j ≥ Δ + R
   * ⟺ s_j ≥ (Δ + R)² + margin (s = 1/(2σ²)).
   */
  private pruneUniform(anchor: Anchor, delta: number, nearest: number, scale: number, gap: number, survivors: Int32Array): AnchorPruning {
    const { squared, margin } = anchor;
    const n = squared.length;
    const radius = Math.sqrt((nearest + delta) ** 2 + gap / scale);
    const reach = (delta + radius) * (1 + RELATIVE_MARGIN);
    const threshold = reach * reach * (1 + RELATIVE_MARGIN) + margin;
    let alive = 0, leastSkipped = Infinity;
    for (let j = 0; j < n; j++) {
      const s = squared[j]!;
      if (!(s >= threshold)) survivors[alive++] = j;
      else if (s < leastSkipped) leastSkipped = s;
    }
    if (alive === n) return { alive, neglected: 0 };
    // The largest skipped u_j − L, from the skipped point nearest to the anchor.
    const near = Math.sqrt(Math.max(0, leastSkipped - margin)) * (1 - RELATIVE_MARGIN) - delta;
    const excess = ((nearest + delta) ** 2 - near * near) * scale;
    return { alive, neglected: (n - alive) * Math.exp(excess) };
  }

  /** Any prior: l_j, u_j per point from ρ±_j = √(s_j ± margin), L = max_j l_j. */
  private pruneWeighted(anchor: Anchor, delta: number, scale: number, gap: number, survivors: Int32Array): AnchorPruning {
    const { squared, margin } = anchor;
    const logPrior = this.logPrior;
    const n = squared.length;
    let floor = -Infinity;
    for (let j = 0; j < n; j++) {
      const far = Math.sqrt(squared[j]! + margin) * (1 + RELATIVE_MARGIN) + delta;
      const lower = logPrior[j]! - far * far * (1 + RELATIVE_MARGIN) * scale;
      if (lower > floor) floor = lower;
    }
    const threshold = floor - gap;
    let alive = 0, maxSkipped = -Infinity;
    for (let j = 0; j < n; j++) {
      const near = Math.sqrt(Math.max(0, squared[j]! - margin)) * (1 - RELATIVE_MARGIN) - delta;
      const upper = near > 0 ? logPrior[j]! - near * near * scale : logPrior[j]!;
      if (upper > threshold) survivors[alive++] = j;
      else if (upper > maxSkipped) maxSkipped = upper;
    }
    return { alive, neglected: alive === n ? 0 : (n - alive) * Math.exp(maxSkipped - floor) };
  }
}
