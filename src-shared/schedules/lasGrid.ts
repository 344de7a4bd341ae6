import type { Cancellation } from '../diffusion/types';
import { lasDynamicProgramme, logSpacedCandidates } from './lasDp';
import { refineLasGrid } from './lasRefine';
import { prepareLossCurve, type PreparedLossCurve } from './lossCurve';
import { monteCarloMmse, type MonteCarloMmse, type PosteriorSource } from './mmseMonteCarlo';
import type { SnrEndpoints, SnrGrid } from './snrGrid';

/**
 * The two steps every LAS grid of the lab goes through, shared by `infodiff schedules` and the
 * experiment config's `las` schedule so that both give the same grid bit for bit: the loss curve
 * (imported samples, or the Monte Carlo MMSE curve of data with an exact denoiser) and the DP on
 * log-spaced candidates with the optional refinement (spec schedules-las.md §4.2, §4.3, §6.1).
 */

/** What the DP needs besides the loss: endpoints, steps K, candidates N, refinement. */
export interface LasGridOptions {
  readonly endpoints: SnrEndpoints;
  /** Steps K of the grid (K + 1 points). */
  readonly K: number;
  /** Candidates N, log-spaced over the endpoints; N ≥ K + 1. */
  readonly candidates: number;
  readonly refine: boolean;
  readonly cancellation?: Cancellation;
}

/**
 * Computes the LAS grid of a loss curve: the exact DP of spec §4.3 on N log-spaced candidates
 * (argmin of S = ½ Σ (γ_{k−1} − γ_k) ℓ(γ_k), ends fixed), then, with `refine`, coordinate-wise
 * golden-section in ln γ on the continuous ℓ (refineLasGrid). Returns γ_0 = γ_max > … > γ_K = γ_min.
 *
 * @example
 * lasGridForLoss((g) => 1 / (1 + g), { endpoints: { gammaMax: 100, gammaMin: 0.01 }, K: 2, candidates: 1500, refine: true }) // → [100, 1, 0.01] (to ~1e-9)
 */
export function lasGridForLoss(loss: (gamma: number) => number, options: LasGridOptions): SnrGrid {
  const candidates = logSpacedCandidates(options.endpoints, options.candidates);
  const { gammas } = lasDynamicProgramme({ candidates, losses: candidates.map(loss), K: options.K, ...(options.cancellation ? { cancellation: options.cancellation } : {}) });
  return options.refine ? refineLasGrid(gammas, loss) : gammas;
}

/** Draws M, levels G and seed of a Monte Carlo MMSE curve (spec §6.1; defaults 256, 120, 0). */
export interface MonteCarloCurveOptions {
  readonly draws: number;
  readonly levels: number;
  readonly seed: number;
}

/** A Monte Carlo MMSE curve ready for LAS: the raw estimates and the regularised loss. */
export interface MonteCarloLossCurve {
  readonly estimate: MonteCarloMmse;
  readonly prepared: PreparedLossCurve;
}

/**
 * Estimates the MMSE curve of data with an exact posterior on G levels log-spaced over the endpoints
 * (ends exact) by monteCarloMmse (M draws shared by every level, Rao–Blackwellised), and regularises
 * it as a loss curve: weights 1/s.e.², PAVA, log–log interpolation (spec §4.2, §6.1). A level whose
 * draws agree exactly (s.e. 0) gets the largest finite weight. Squared data units.
 *
 * @example
 * monteCarloLossCurve(gmmSource(components), { gammaMax: 500, gammaMin: 1e-4 }, { draws: 256, levels: 120, seed: 0 }).prepared.evaluate(1) // → m̂(1)
 */
export function monteCarloLossCurve(
  source: PosteriorSource,
  endpoints: SnrEndpoints,
  mc: MonteCarloCurveOptions,
  hooks: { readonly cancellation?: Cancellation; readonly onProgress?: (done: number, total: number) => void } = {},
): MonteCarloLossCurve {
  const { gammaMax, gammaMin } = endpoints;
  const levels = mc.levels;
  const gammas = Float64Array.from({ length: levels }, (_, i) => Math.exp(Math.log(gammaMin) + ((Math.log(gammaMax) - Math.log(gammaMin)) * i) / (levels - 1)));
  gammas[0] = gammaMin;
  gammas[levels - 1] = gammaMax;
  const estimate = monteCarloMmse(source, {
    gammas, draws: mc.draws, seed: mc.seed,
    ...(hooks.cancellation ? { cancellation: hooks.cancellation } : {}),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
  });
  // Weights 1/s.e.² (spec §4.2); a level whose draws agree exactly (s.e. 0) gets the largest finite weight.
  const inverse = Array.from(estimate.standardError, (se) => 1 / (se * se));
  const cap = Math.max(1, ...inverse.filter(Number.isFinite));
  const prepared = prepareLossCurve({ gammas: estimate.gammas, losses: estimate.mmse, weights: inverse.map((w) => (Number.isFinite(w) ? w : cap)) });
  return { estimate, prepared };
}
