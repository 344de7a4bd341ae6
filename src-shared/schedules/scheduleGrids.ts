import { InvalidArgumentError } from '../errors';
import { baselineGrid, BASELINE_SCHEDULES, type BaselineName, type BaselineOptions } from './baselines';
import { entropicGrid, lasDensityGrid } from './equalised';
import { lasDynamicProgramme } from './lasDp';
import { refineLasGrid } from './lasRefine';
import { resampleGrid } from './resample';
import type { SnrEndpoints, SnrGrid } from './snrGrid';
import type { Cancellation } from '../diffusion/types';

/** What every schedule constructor of a comparison may use: the loss LAS adapts to, and the endpoints. */
export interface GridContext {
  readonly endpoints: SnrEndpoints;
  /** ℓ(γ): the loss LAS and entropic time adapt to. */
  readonly loss: (gamma: number) => number;
  /** −ℓ′(γ), for the asymptotic LAS density. */
  readonly lossSlope: (gamma: number) => number;
  /** LAS candidates c_0 = γ_max > … > c_{N−1} = γ_min and ℓ at them. */
  readonly candidates: Float64Array;
  readonly candidateLosses: Float64Array;
  readonly refine: boolean;
  readonly baseline: BaselineOptions;
  readonly cancellation?: Cancellation;
}

/**
 * Builds the K-step grid of a named schedule: 'las' (the exact DP of spec §4.3 on the candidates,
 * optionally refined), 'las-density' (√|ℓ′| equalised, §4.1), 'entropic' (ℓ equalised), or an
 * Appendix A baseline at the context's endpoints.
 *
 * @example
 * gridForSchedule('log-snr', 2, context) // → [γ_max, √(γ_max γ_min), γ_min]
 */
export function gridForSchedule(name: string, K: number, context: GridContext): SnrGrid {
  switch (name) {
    case 'las': {
      const { gammas } = lasDynamicProgramme({ candidates: context.candidates, losses: context.candidateLosses, K, ...(context.cancellation ? { cancellation: context.cancellation } : {}) });
      return context.refine ? refineLasGrid(gammas, context.loss) : gammas;
    }
    case 'las-density':
      return lasDensityGrid(context.lossSlope, K, context.endpoints);
    case 'entropic':
      return entropicGrid(context.loss, K, context.endpoints);
    default:
      if (!(BASELINE_SCHEDULES as readonly string[]).includes(name)) throw new InvalidArgumentError('schedule', `unknown schedule "${name}"`);
      return baselineGrid(name as BaselineName, K, context.endpoints, context.baseline);
  }
}

/**
 * A custom list at K steps: the list itself when K is its own step count (stored exactly as used),
 * else resampled log-linearly over the normalised index (resampleGrid), its own endpoints kept.
 *
 * @example
 * customAtK(validateSnrGrid([100, 1, 0.01]), 2) // → the same array values, bit for bit
 */
export function customAtK(grid: SnrGrid, K: number): SnrGrid {
  return grid.length - 1 === K ? grid : resampleGrid(grid, K);
}
