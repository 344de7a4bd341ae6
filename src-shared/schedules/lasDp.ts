import type { Cancellation } from '../diffusion/types';
import { CancelledError, InvalidArgumentError } from '../errors';
import { asSnrGrid, checkEndpoints, type SnrEndpoints, type SnrGrid } from './snrGrid';

/**
 * Computes N log-spaced LAS candidates from γ_max down to γ_min: c_j = exp(ln γ_max + j/(N−1)·(ln γ_min − ln γ_max)),
 * the ends exact (spec schedules-las.md §4.3, N ≈ 1000–2000).
 *
 * @example
 * logSpacedCandidates({ gammaMax: 100, gammaMin: 0.01 }, 3) // → [100, 1, 0.01]
 */
export function logSpacedCandidates(endpoints: SnrEndpoints, count: number): Float64Array {
  checkEndpoints(endpoints);
  if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError('count', `expected an integer ≥ 2, got ${count}`);
  const hi = Math.log(endpoints.gammaMax);
  const lo = Math.log(endpoints.gammaMin);
  const out = new Float64Array(count);
  for (let j = 1; j < count - 1; j++) out[j] = Math.exp(hi + (j / (count - 1)) * (lo - hi));
  out[0] = endpoints.gammaMax;
  out[count - 1] = endpoints.gammaMin;
  return out;
}

/** Input of the LAS dynamic programme. */
export interface LasDpInput {
  /** Candidate SNRs c_0 = γ_max > c_1 > … > c_{N−1} = γ_min. */
  readonly candidates: Float64Array;
  /** ℓ(c_j), the x₀-MSE loss at each candidate (≥ 0). */
  readonly losses: Float64Array;
  /** Steps K; needs N ≥ K + 1. */
  readonly K: number;
  /** Checked between layers k; a set flag throws CancelledError. */
  readonly cancellation?: Cancellation;
  /** Called after each layer k = 1 … K. */
  readonly onProgress?: (k: number, K: number) => void;
}

/** The optimal grid: candidate indices, the SNRs, and the minimal objective S. */
export interface LasDpResult {
  readonly indices: Int32Array;
  readonly gammas: SnrGrid;
  /** S(γ*) = ½ Σ_k (γ_{k−1} − γ_k) ℓ(γ_k), the minimum over grids on the candidates. */
  readonly objective: number;
}

function checkInput({ candidates, losses, K }: LasDpInput): void {
  const N = candidates.length;
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `expected an integer ≥ 1, got ${K}`);
  if (N < K + 1) throw new InvalidArgumentError('candidates', `expected at least K + 1 = ${K + 1} candidates, got ${N}`);
  if (losses.length !== N) throw new InvalidArgumentError('losses', `expected one loss per candidate (${N}), got ${losses.length}`);
  for (let j = 0; j < N; j++) {
    if (!(candidates[j]! > 0 && Number.isFinite(candidates[j]!)) || (j > 0 && !(candidates[j]! < candidates[j - 1]!))) {
      throw new InvalidArgumentError(`candidates[${j}]`, `expected a finite SNR > 0, strictly decreasing, got ${candidates[j]}`);
    }
    if (!(losses[j]! >= 0 && Number.isFinite(losses[j]!))) throw new InvalidArgumentError(`losses[${j}]`, `expected a finite loss ≥ 0, got ${losses[j]}`);
  }
}

/**
 * Finds the K-step grid on the candidates that minimises the training-loss Riemann sum (LAS):
 * γ* = argmin S(γ), S = ½ Σ_{k=1}^K (γ_{k−1} − γ_k) ℓ(γ_k), with γ_0 = c_0 and γ_K = c_{N−1} fixed.
 *
 * Exact dynamic programme of spec schedules-las.md §4.3: V_0[0] = 0, V_k[j] = min_{i<j} V_{k−1}[i]
 * + ½(c_i − c_j) ℓ(c_j), backtracked from j = N − 1. Written as ½c_i ℓ_j + V_{k−1}[i] minimised over
 * i, minus ½c_j ℓ_j, so the inner loop is one multiply-add and a compare. Layer k only visits
 * k ≤ j ≤ N − 1 − (K − k) (room for the remaining steps) and the last layer only j = N − 1.
 * O(K N²) time, O(K N) memory (the back-pointers). Ties go to the smallest i (the cleaner point).
 * S is in the loss's units times SNR (nats when ℓ is an exact MMSE: then S − ΔI = D, spec §2 (S)).
 *
 * @example
 * lasDynamicProgramme({ candidates: Float64Array.of(4, 2, 1), losses: Float64Array.of(0, 1, 2), K: 1 }).objective // → 3
 */
export function lasDynamicProgramme(input: LasDpInput): LasDpResult {
  checkInput(input);
  const { candidates, losses, K, cancellation, onProgress } = input;
  const N = candidates.length;
  const half = new Float64Array(N);
  for (let j = 0; j < N; j++) half[j] = 0.5 * candidates[j]!;
  let previous = new Float64Array(N).fill(Infinity);
  let current = new Float64Array(N);
  previous[0] = 0;
  const back = new Int32Array((K + 1) * N);
  for (let k = 1; k <= K; k++) {
    if (cancellation?.aborted) throw new CancelledError();
    current.fill(Infinity);
    const first = k === K ? N - 1 : k;
    const last = N - 1 - (K - k);
    const row = k * N;
    for (let j = first; j <= last; j++) {
      const ell = losses[j]!;
      let best = Infinity;
      let arg = k - 1;
      for (let i = k - 1; i < j; i++) {
        const value = previous[i]! + half[i]! * ell;
        if (value < best) {
          best = value;
          arg = i;
        }
      }
      current[j] = best - half[j]! * ell;
      back[row + j] = arg;
    }
    [previous, current] = [current, previous];
    onProgress?.(k, K);
  }
  const indices = new Int32Array(K + 1);
  indices[K] = N - 1;
  for (let k = K; k >= 1; k--) indices[k - 1] = back[k * N + indices[k]!]!;
  const gammas = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) gammas[k] = candidates[indices[k]!]!;
  return { indices, gammas: asSnrGrid(gammas), objective: previous[N - 1]! };
}

/**
 * Computes the training-loss Riemann sum of a grid, S = ½ Σ_{k=1}^K (γ_{k−1} − γ_k) ℓ(γ_k)
 * (spec schedules-las.md §2 (S); the VDM discrete-time loss on the sampling grid).
 *
 * @example
 * lossRiemannSum(validateSnrGrid([4, 2, 1]), (g) => 1 / g) // → ½(2·½ + 1·1) = 1
 */
export function lossRiemannSum(grid: SnrGrid, loss: (gamma: number) => number): number {
  let sum = 0;
  for (let k = 1; k < grid.length; k++) sum += 0.5 * (grid[k - 1]! - grid[k]!) * loss(grid[k]!);
  return sum;
}
