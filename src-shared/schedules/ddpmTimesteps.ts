import type { DiscreteVp } from '../diffusion/schedules/discreteVp';
import { InvalidArgumentError } from '../errors';
import { lasDynamicProgramme } from './lasDp';
import type { SnrGrid } from './snrGrid';

/**
 * Continuous SNR grids on a trained discrete-time DDPM (spec schedules-las.md §4.3, §8 Q8): each
 * γ_k maps to the trained timestep t ∈ {1, …, T} nearest in log-SNR, λ_t = ln(ᾱ_t/(1 − ᾱ_t)). When
 * two grid points fall on one timestep (small K, or a grid denser than the trained steps), the spec's
 * remedy for LAS is to re-run the DP on the trained timesteps themselves; other grids are spread.
 */

/**
 * How duplicate timesteps are resolved [ASSUMED, spec §8 Q8 leaves it open beyond LAS]:
 * `las-dp`: the LAS DP with candidates = the trained timesteps between the mapped endpoints (needs the
 * loss; spec §8 Q8); `spread`: the nearest indices pushed apart to the closest distinct ones, keeping
 * both mapped endpoints (t_k = max(n_k, t_{k−1} + 1) forward, then t_k = min(t_k, t_{k+1} − 1) back).
 * Default: `las-dp` when a loss is given, else `spread`.
 */
export type DuplicateRule = 'las-dp' | 'spread';

/** Options of mapGridToTimesteps. */
export interface TimestepMapOptions {
  /** ℓ(γ), the loss LAS adapted to: enables (and defaults to) the `las-dp` rule. */
  readonly loss?: (gamma: number) => number;
  readonly duplicates?: DuplicateRule;
}

/**
 * Computes the log-SNR of every trained timestep, λ_t = ln(ᾱ_t/(1 − ᾱ_t)) = −ln expm1(−ln ᾱ_t) at index
 * t = 1 … T (index 0 is +∞), strictly decreasing in t. expm1 keeps full precision where ᾱ_t ≈ 1.
 *
 * @example
 * timestepLogSnrs(discreteVp([0.5]))[1] // → 0 (ᾱ_1 = ½: γ = 1)
 */
export function timestepLogSnrs(vp: DiscreteVp): Float64Array {
  const out = new Float64Array(vp.T + 1);
  out[0] = Infinity;
  for (let t = 1; t <= vp.T; t++) out[t] = -Math.log(Math.expm1(-vp.logAlphaBars[t]!));
  return out;
}

/**
 * Finds the trained timestep nearest in log-SNR: argmin_t |λ_t − λ| over t = 1 … T by bisection on the
 * decreasing λ_t; ties go to the smaller t (the cleaner step); beyond the trained range, 1 or T.
 *
 * @example
 * nearestTimestep(timestepLogSnrs(vp), Math.log(4.5e-5)) // → T for a linear-β DDPM (γ_T ≈ 4.04e-5)
 */
export function nearestTimestep(lambdas: Float64Array, lambda: number): number {
  const T = lambdas.length - 1;
  if (!(lambda < lambdas[1]!)) return 1;
  if (!(lambda > lambdas[T]!)) return T;
  // Invariant: λ_lo > λ ≥ λ_hi.
  let lo = 1;
  let hi = T;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (lambdas[mid]! > lambda) lo = mid;
    else hi = mid;
  }
  return lambdas[lo]! - lambda <= lambda - lambdas[hi]! ? lo : hi;
}

/**
 * Maps a continuous SNR grid γ_0 > … > γ_K to distinct trained timesteps t_0 < t_1 < … < t_K of a
 * discrete VP process (index k = 0 the clean end, so t increases with k): t_k is the timestep nearest
 * in log-SNR (nearestTimestep) when these are distinct; otherwise the duplicates are resolved by the
 * DuplicateRule, with t_0 and t_K kept at the nearest timesteps of the endpoints. `las-dp` minimises
 * S = ½ Σ (γ_{t_{k−1}} − γ_{t_k}) ℓ(γ_{t_k}) over the trained timesteps between them (spec §4.3, §8 Q8).
 * Throws InvalidArgumentError when fewer than K + 1 timesteps lie between the mapped endpoints.
 *
 * @example
 * mapGridToTimesteps(validateSnrGrid([499.5, 2.47, 4.54e-5]), discreteVp(linearBetas(1000, 1e-4, 0.02))) // → [t(499.5), t(2.47), 1000]
 */
export function mapGridToTimesteps(grid: SnrGrid, vp: DiscreteVp, options: TimestepMapOptions = {}): Int32Array {
  const rule = options.duplicates ?? (options.loss ? 'las-dp' : 'spread');
  if (rule === 'las-dp' && !options.loss) throw new InvalidArgumentError('loss', 'the las-dp duplicate rule needs the loss curve LAS used');
  const lambdas = timestepLogSnrs(vp);
  const K = grid.length - 1;
  const nearest = Int32Array.from(grid, (gamma) => nearestTimestep(lambdas, Math.log(gamma)));
  if (nearest.every((t, k) => k === 0 || t > nearest[k - 1]!)) return nearest;
  const first = nearest[0]!;
  const last = nearest[K]!;
  if (last - first < K) {
    throw new InvalidArgumentError('K', `expected K ≤ ${last - first}: only ${last - first + 1} trained timesteps (${first} … ${last}) lie between the grid's endpoints, got K = ${K}`);
  }
  if (rule === 'las-dp') {
    const count = last - first + 1;
    const candidates = Float64Array.from({ length: count }, (_, j) => Math.exp(lambdas[first + j]!));
    const { indices } = lasDynamicProgramme({ candidates, losses: candidates.map(options.loss!), K });
    return Int32Array.from(indices, (j) => first + j);
  }
  const out = Int32Array.from(nearest);
  for (let k = 1; k <= K; k++) out[k] = Math.max(out[k]!, out[k - 1]! + 1);
  out[K] = last;
  for (let k = K - 1; k >= 0; k--) out[k] = Math.min(out[k]!, out[k + 1]! - 1);
  return out;
}
