import type { ToleranceBand } from '../../../src-shared/coarse/tolerance';
import { klNats } from '../../../src-shared/math/kl';
import type { CounterRng } from '../../../src-shared/math/rng';

/** A random point of Δ_n (Dirichlet(1) by normalised exponentials); each entry is 0 with probability `zeroProbability`. */
export function randomSimplex(rng: CounterRng, n: number, zeroProbability = 0): Float64Array {
  const v = Float64Array.from({ length: n }, () => (rng.nextUniform() < zeroProbability ? 0 : -Math.log(rng.nextUniform())));
  if (v.every((x) => x === 0)) v[rng.nextInt(n)] = 1;
  const total = v.reduce((s, x) => s + x, 0);
  return v.map((x) => x / total);
}

/** A random label map of n pixels onto K blocks, every block non-empty, not contiguous. */
export function randomLabels(rng: CounterRng, n: number, K: number): Int32Array {
  const labels = Int32Array.from({ length: n }, (_, i) => (i < K ? i : rng.nextInt(K)));
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return labels;
}

/** A random feasible box: absolute band, relative band, or random bounds around a random point of the simplex. */
export function randomBox(rng: CounterRng, K: number): ToleranceBand & { targets: Float64Array } {
  const targets = randomSimplex(rng, K);
  const kind = rng.nextInt(3);
  const delta = kind === 1 ? rng.nextUniform() : 0.3 * rng.nextUniform() ** 2;
  const lower = new Float64Array(K);
  const upper = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const m = targets[k]!;
    if (kind === 0) [lower[k], upper[k]] = [Math.max(m - delta, 0), Math.min(m + delta, 1)];
    else if (kind === 1) [lower[k], upper[k]] = [Math.max((1 - delta) * m, 0), Math.min((1 + delta) * m, 1)];
    else [lower[k], upper[k]] = [Math.max(m - 0.3 * rng.nextUniform(), 0), Math.min(m + 0.3 * rng.nextUniform(), 1)];
  }
  return { targets, lower, upper };
}

/** Sum of an array. */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Block masses by an explicit double loop over blocks and pixels (independent of blockMasses). */
export function massesByLoop(p: ArrayLike<number>, labels: ArrayLike<number>, K: number): Float64Array {
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < p.length; i++) if (labels[i] === k) w[k] = w[k]! + p[i]!;
  }
  return w;
}

/**
 * Brute force over active sets: every assignment of the K blocks to {at L, free, at U} (3^K), the free
 * blocks scaled by the common s that makes Σ c = 1 (the stationarity of both KL directions); keeps the
 * feasible candidate with the smallest objective. For w > 0 and K ≤ 7.
 */
export function bruteForceBox(w: Float64Array, lower: Float64Array, upper: Float64Array, objective: (c: Float64Array) => number): Float64Array {
  const K = w.length;
  let best: Float64Array | null = null;
  let bestValue = Infinity;
  for (let code = 0; code < 3 ** K; code++) {
    const c = new Float64Array(K);
    let fixed = 0;
    let freeMass = 0;
    for (let k = 0, rest = code; k < K; k++, rest = Math.floor(rest / 3)) {
      const role = rest % 3;
      if (role === 0) fixed += (c[k] = lower[k]!);
      else if (role === 2) fixed += (c[k] = upper[k]!);
      else freeMass += w[k]!;
    }
    const s = freeMass > 0 ? (1 - fixed) / freeMass : 0;
    if (freeMass === 0 && Math.abs(fixed - 1) > 1e-12) continue;
    let feasible = s >= 0;
    for (let k = 0, rest = code; k < K; k++, rest = Math.floor(rest / 3)) {
      if (rest % 3 === 1) c[k] = s * w[k]!;
      if (c[k]! < lower[k]! - 1e-12 || c[k]! > upper[k]! + 1e-12) feasible = false;
    }
    if (!feasible) continue;
    const value = objective(c);
    if (value < bestValue) [best, bestValue] = [c, value];
  }
  if (best === null) throw new Error('no feasible active set');
  return best;
}

/** D(w‖c) and D(c‖w) as objectives of c. */
export const forwardKl = (w: Float64Array) => (c: Float64Array) => klNats(w, c);
export const reverseKl = (w: Float64Array) => (c: Float64Array) => klNats(c, w);

/** Lifts block masses to a pixel distribution with a random within-block shape: q(x) = c_{b(x)} r_{b(x)}(x). */
export function liftWithRandomShape(rng: CounterRng, c: Float64Array, labels: Int32Array): Float64Array {
  const shape = Float64Array.from(labels, () => -Math.log(rng.nextUniform()));
  const shapeMass = massesByLoop(shape, labels, c.length);
  return Float64Array.from(labels, (k, i) => (c[k]! * shape[i]!) / shapeMass[k]!);
}

/**
 * Largest violation ratio max_i |a_i − e_i| / max(absTol, relTol·|e_i|) for long arrays, where one
 * expect per element would be slow: assert it is ≤ 1. NaN entries count as violations (ratio ∞).
 */
export function worstCloseness(actual: ArrayLike<number>, expected: ArrayLike<number>, { relTol = 0, absTol = 0 }: { relTol?: number; absTol?: number }): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const gap = Math.abs(actual[i]! - expected[i]!) / Math.max(absTol, relTol * Math.abs(expected[i]!));
    worst = Number.isNaN(gap) ? Infinity : Math.max(worst, gap);
  }
  return worst;
}
