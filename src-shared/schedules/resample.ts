import { InvalidArgumentError } from '../errors';
import { asSnrGrid, type SnrGrid } from './snrGrid';

/**
 * Computes the log-SNR of a grid at a fractional index position u ∈ [0, 1]: λ piecewise linear
 * over the normalised index i/K (u = 0 → λ_0 = ln γ_max, u = 1 → ln γ_min).
 */
function logSnrAt(grid: SnrGrid, u: number): number {
  const K = grid.length - 1;
  const position = u * K;
  const i = Math.min(K - 1, Math.floor(position));
  const theta = position - i;
  return (1 - theta) * Math.log(grid[i]!) + theta * Math.log(grid[i + 1]!);
}

/**
 * Resamples a grid to K steps: λ = ln γ interpolated linearly over the normalised index, the ends
 * kept exactly.
 *
 * λ′_j = λ(j/K) with λ(u) piecewise linear through (i/K₀, λ_i), j = 0 … K (the `loglinear_interp`
 * of Align Your Steps, Sabour et al. 2024; spec schedules-las.md Appendix A, equivalent to log σ).
 * Resampling to the grid's own K returns the same values (to rounding), and ends are exact. The result
 * strictly decreases because λ(u) does.
 *
 * @example
 * resampleGrid(validateSnrGrid([100, 0.01]), 2) // → [100, 1, 0.01]
 */
export function resampleGrid(grid: SnrGrid, K: number): SnrGrid {
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `expected an integer ≥ 1, got ${K}`);
  const out = new Float64Array(K + 1);
  for (let j = 1; j < K; j++) out[j] = Math.exp(logSnrAt(grid, j / K));
  out[0] = grid[0]!;
  out[K] = grid[grid.length - 1]!;
  for (let j = 1; j <= K; j++) {
    if (!(out[j]! < out[j - 1]!)) throw new InvalidArgumentError('K', `too many steps: resampled levels ${j - 1} and ${j} merge in float64`);
  }
  return asSnrGrid(out);
}

/** How two grids differ: on the first grid's normalised index, in log-SNR. */
export interface GridDiff {
  readonly stepsA: number;
  readonly stepsB: number;
  /** Bit-for-bit equal (same K, same values). */
  readonly identical: boolean;
  /** λ_a − λ_b at the K_a + 1 points of a, b read at the same normalised index (resampled if K differs). */
  readonly logSnrGap: Float64Array;
  readonly maxAbsLogSnrGap: number;
  /** Whether both grids share γ_max and γ_min exactly. */
  readonly sameEndpoints: boolean;
}

/**
 * Compares two grids: λ_a(u) − λ_b(u) at the points u = i/K_a of grid a, with b read by the
 * log-linear resampling rule of resampleGrid (nats of log-SNR; positive where a is cleaner).
 *
 * @example
 * diffGrids(validateSnrGrid([100, 1, 0.01]), validateSnrGrid([100, 0.01])).maxAbsLogSnrGap // → 0
 */
export function diffGrids(a: SnrGrid, b: SnrGrid): GridDiff {
  const Ka = a.length - 1;
  const gap = new Float64Array(Ka + 1);
  let maxAbs = 0;
  for (let i = 0; i <= Ka; i++) {
    gap[i] = Math.log(a[i]!) - logSnrAt(b, i / Ka);
    maxAbs = Math.max(maxAbs, Math.abs(gap[i]!));
  }
  const identical = a.length === b.length && a.every((g, i) => Object.is(g, b[i]));
  const sameEndpoints = a[0] === b[0] && a[Ka] === b[b.length - 1];
  return { stepsA: Ka, stepsB: b.length - 1, identical, logSnrGap: gap, maxAbsLogSnrGap: maxAbs, sameEndpoints };
}
