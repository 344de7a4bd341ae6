import { describe, expect, it } from 'vitest';
import { AnchorBounds, type AnchorCandidate } from '../../../../src-shared/diffusion/denoisers/anchorBounds';
import { createEmpiricalDenoiser } from '../../../../src-shared/diffusion/denoisers/empirical';
import { logPriorWeights } from '../../../../src-shared/diffusion/denoisers/logPrior';
import { CounterRng } from '../../../../src-shared/math/rng';

/** 400 points in ℝ^16: 8 clusters of 40 (centres ~N(0, 4²), points centre + N(0, 0.3²)), and 80 scattered ~N(0, 3²). */
const n = 400;
const d = 16;
const rng = new CounterRng(11, 0);
const centres = Array.from({ length: 8 }, () => Float64Array.from({ length: d }, () => 4 * rng.nextNormal()));
const data = new Float64Array(n * d);
for (let j = 0; j < n; j++) for (let k = 0; k < d; k++) data[j * d + k] = j < 320 ? centres[j % 8]![k]! + 0.3 * rng.nextNormal() : 3 * rng.nextNormal();

/** ‖x − y_j‖² by the direct sum, for every point. */
function squaredDistances(x: Float64Array): Float64Array {
  return Float64Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (x[k]! - data[j * d + k]!) ** 2;
    return s;
  });
}

/** x as an anchor candidate with its direct distances (stride 1; their rounding γ_16·s_j is inside the class's relative margin). */
function remember(anchors: AnchorBounds, slot: number, x: Float64Array, sigma: number): number {
  const candidate: AnchorCandidate = { slot, x, sigma, column: 0, shift: 0, absoluteError: 0, magnitude: x.reduce((s, v) => s + v * v, 0) };
  return anchors.remember([candidate], squaredDistances(x), 1);
}

/** A point near y_j: y_j plus noise of size `scale` per coordinate. */
function near(j: number, scale: number, stream: number): Float64Array {
  const r = new CounterRng(stream, 1);
  return Float64Array.from({ length: d }, (_, k) => data[j * d + k]! + scale * r.nextNormal());
}

describe('AnchorBounds: pruning by the triangle inequality from a remembered query', () => {
  for (const [prior, weights] of [['uniform', undefined], ['weighted (π_j ∝ 1 + j mod 5, some 0)', Array.from({ length: n }, (_, j) => (j % 7 === 3 ? 0 : 1 + (j % 5)))]] as const) {
    it(`${prior} prior: every skipped point's posterior weight is below e^{−700} of the largest (the sparse stage flushes it to 0), and all of them weigh no more than the certified bound`, () => {
      const logPrior = logPriorWeights(weights, n);
      const reference = createEmpiricalDenoiser(data, n, d, weights);
      let pruned = 0;
      for (const sigma of [0.5, 0.2, 0.1, 0.05]) {
        for (let trial = 0; trial < 6; trial++) {
          const anchors = new AnchorBounds(logPrior);
          const anchor = near(trial * 37, sigma, 100 * trial + 1);
          expect(remember(anchors, 0, anchor, sigma)).toBe(1);
          // a query a step away (moves of 0.7σ … 3.5σ), or far away (another cluster): the bound holds for any x
          const x = trial === 5 ? near(3, sigma, 9) : Float64Array.from(anchor, (v, k) => v + ((sigma * (1 + trial)) / 4) * Math.sin(k + trial));
          const survivors = new Int32Array(n);
          const result = anchors.prune(0, x, sigma, 0, survivors);
          if (result === null) continue;
          const w = reference.posteriorWeights(x, sigma);
          const largest = Math.max(...w);
          const kept = new Set(survivors.subarray(0, result.alive));
          for (let a = 1; a < result.alive; a++) expect(survivors[a]!).toBeGreaterThan(survivors[a - 1]!);
          let skippedWeight = 0;
          for (let j = 0; j < n; j++) {
            if (kept.has(j)) continue;
            expect(w[j]!).toBeLessThanOrEqual(Math.exp(-700) * largest);
            skippedWeight += w[j]!;
          }
          expect(skippedWeight).toBeLessThanOrEqual(result.neglected * (1 + 1e-9) + 1e-320);
          expect(result.neglected).toBeLessThanOrEqual(n * Math.exp(-710));
          if (result.alive < n) pruned++;
        }
      }
      // it does prune: at σ ≤ 0.2 a query stays near one cluster of 40 points out of 400
      expect(pruned).toBeGreaterThanOrEqual(10);
    });
  }

  it('keeps a point whose weight is e^{−690} of the largest after a move Δ toward it (1-D: y = 0, 1, 20; anchor 0, query 0.3, (1 − 2·0.3)/(2σ²) = 690 nats), under both priors', () => {
    const points = Float64Array.of(0, 1, 20);
    const sigma = Math.sqrt(1 / 3450);
    for (const weights of [undefined, [1, 1, 2]]) {
      const anchors = new AnchorBounds(logPriorWeights(weights, 3));
      anchors.remember([{ slot: 0, x: Float64Array.of(0), sigma, column: 0, shift: 0, absoluteError: 0, magnitude: 0 }], Float64Array.of(0, 1, 400), 1);
      const x = Float64Array.of(0.3);
      const w = createEmpiricalDenoiser(points, 3, 1, weights).posteriorWeights(x, sigma);
      expect(w[1]!).toBeGreaterThan(Math.exp(-700) * w[0]!);
      const survivors = new Int32Array(3);
      const result = anchors.prune(0, x, sigma, 0, survivors)!;
      expect(Array.from(survivors.subarray(0, result.alive))).toEqual([0, 1]);
      expect(w[2]!).toBeLessThanOrEqual(result.neglected);
    }
  });

  it('skips all but the query’s own cluster at σ = 0.05 one step from its anchor (uniform prior: one comparison per point)', () => {
    const anchors = new AnchorBounds(logPriorWeights(undefined, n));
    const anchor = near(16, 0.05, 3);
    remember(anchors, 2, anchor, 0.05);
    const survivors = new Int32Array(n);
    const result = anchors.prune(2, Float64Array.from(anchor, (v) => v + 0.01), 0.05, 0, survivors)!;
    expect(result.alive).toBeGreaterThanOrEqual(1);
    expect(result.alive).toBeLessThanOrEqual(40);
    expect(Array.from(survivors.subarray(0, result.alive)).every((j) => j % 8 === 0 && j < 320)).toBe(true);
  });

  it('prunes nothing (null) without an anchor for the slot, at a σ where nothing can be skipped, at σ = 0, ∞ or NaN, for a query with a NaN, and after forget()', () => {
    const logPrior = logPriorWeights(undefined, n);
    const anchors = new AnchorBounds(logPrior);
    const anchor = near(5, 0.1, 4);
    remember(anchors, 0, anchor, 0.1);
    const survivors = new Int32Array(n);
    expect(anchors.prune(0, anchor, 0.1, 0, survivors)).not.toBeNull();
    expect(anchors.prune(1, anchor, 0.1, 0, survivors)).toBeNull();
    expect(anchors.prune(0, anchor, 80, 0, survivors)).toBeNull();
    for (const sigma of [0, Infinity, NaN]) expect(anchors.prune(0, anchor, sigma, 0, survivors)).toBeNull();
    const nan = anchor.slice();
    nan[3] = NaN;
    expect(anchors.prune(0, nan, 0.1, 0, survivors)).toBeNull();
    anchors.forget();
    expect(anchors.prune(0, anchor, 0.1, 0, survivors)).toBeNull();
  });

  it('remember(…) keeps a query only where its distances could prune at its σ (spread/(2σ²) ≥ 700/4); a point with a NaN distance always survives; NaN distances throughout (a NaN query) are not kept', () => {
    const anchors = new AnchorBounds(logPriorWeights(undefined, n));
    const x = near(7, 0.1, 5);
    expect(remember(anchors, 0, x, 80)).toBe(0);
    expect(anchors.prune(0, x, 0.1, 0, new Int32Array(n))).toBeNull();
    expect(remember(anchors, 0, x, 0.1)).toBe(1);
    const distances = squaredDistances(x);
    distances[123] = NaN;
    anchors.remember([{ slot: 0, x, sigma: 0.1, column: 0, shift: 0, absoluteError: 0, magnitude: 1 }], distances, 1);
    const survivors = new Int32Array(n);
    const result = anchors.prune(0, x, 0.1, 0, survivors)!;
    expect(result.alive).toBeLessThan(100);
    expect(Array.from(survivors.subarray(0, result.alive))).toContain(123);
    expect(anchors.remember([{ slot: 0, x, sigma: 0.1, column: 0, shift: 0, absoluteError: 0, magnitude: 1 }], new Float64Array(n).fill(NaN), 1)).toBe(0);
  });
});
