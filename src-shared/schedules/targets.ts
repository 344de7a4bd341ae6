import type { GmmComponent } from '../diffusion/denoisers/gmm';
import type { ImageDataset } from '../experiment/inputs';
import { PRESETS } from '../experiment/presets';
import { InvalidArgumentError } from '../errors';
import { discreteLineCurve, lineDistribution } from './discreteLine';
import { empiricalSource, gmmSource, type PosteriorSource } from './mmseMonteCarlo';
import { binaryMmseCurve, gaussianMmseCurve, type MmseCurve } from './mmseCurve';
import type { LineTarget } from './propagate1d';
import type { SnrEndpoints } from './snrGrid';
import { tabulateMmseCurve } from './tabulatedCurve';

/**
 * The targets of `infodiff schedules`: data whose denoiser is exact, so that D and the sample quality
 * have true answers. 1-D targets have exact MMSE curves and exact density propagation; n-D targets
 * get a Monte Carlo MMSE curve and sample-based metrics (spec schedules-las.md §5.2, §6).
 */
export const TARGET_NAMES = ['gaussian', 'binary', 'lattice16', 'gmm-2d', 'digits'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** The integers 0 … 15 with equal weights: the spec's 16-point lattice (H = ln 16). */
export const LATTICE16_POINTS: readonly number[] = Array.from({ length: 16 }, (_, i) => i);

/** What a target is: exact 1-D (curve + propagation) or n-D (posterior source for MC and sampling). */
export type ResolvedTarget =
  | { readonly name: TargetName; readonly kind: 'line'; readonly dimension: 1; readonly curve: MmseCurve; readonly line: LineTarget }
  | { readonly name: TargetName; readonly kind: 'points'; readonly dimension: number; readonly source: PosteriorSource; readonly preset: 'gmm-2d' | 'digits' };

/**
 * Reads the gmm-2d preset's mixture: 8 isotropic components on a ring, s = 0.15.
 *
 * @example
 * gmm2dComponents().length // → 8
 */
export function gmm2dComponents(): readonly GmmComponent[] {
  const data = PRESETS['gmm-2d'].data;
  if (data.kind !== 'gmm') throw new InvalidArgumentError('gmm-2d', 'the preset is not a Gaussian mixture');
  return data.components.map((c) => ({ weight: c.weight, mean: c.mean, std: c.std }));
}

/** What resolving a target needs besides its name. */
export interface TargetInputs {
  /** SNR range of the exact curves' tables (the run's endpoints, widened by a factor e each way). */
  readonly endpoints: SnrEndpoints;
  /** The digits dataset (needed for 'digits' only). */
  readonly digits?: ImageDataset;
  /** Digits used as the empirical target (a prefix of the dataset, balanced by class). */
  readonly digitsCount?: number;
}

/**
 * Resolves a target name into its exact objects: gaussian N(0, 1) (closed-form curve), binary ±1
 * and lattice16 (tabulated exact curves), gmm-2d (the preset's mixture) and digits (the first
 * `digitsCount` bundled digits as an empirical distribution in [0, 1]^784).
 *
 * @example
 * resolveTarget('binary', { endpoints: endpointsFromTimes(1e-3, 5) }).kind // → 'line'
 */
export function resolveTarget(name: TargetName, inputs: TargetInputs): ResolvedTarget {
  const range = { gammaMin: inputs.endpoints.gammaMin / Math.E, gammaMax: inputs.endpoints.gammaMax * Math.E };
  switch (name) {
    case 'gaussian':
      return { name, kind: 'line', dimension: 1, curve: gaussianMmseCurve(1), line: { kind: 'gaussian', variance: 1 } };
    case 'binary': {
      const distribution = lineDistribution([-1, 1]);
      return { name, kind: 'line', dimension: 1, curve: tabulateMmseCurve(binaryMmseCurve(), range), line: { kind: 'discrete', distribution } };
    }
    case 'lattice16': {
      const distribution = lineDistribution(LATTICE16_POINTS);
      return { name, kind: 'line', dimension: 1, curve: discreteLineCurve(distribution, { ...range, nodesPerUnit: 24 }), line: { kind: 'discrete', distribution } };
    }
    case 'gmm-2d':
      return { name, kind: 'points', dimension: 2, source: gmmSource(gmm2dComponents()), preset: 'gmm-2d' };
    case 'digits': {
      const digits = inputs.digits;
      if (!digits) throw new InvalidArgumentError('digits', 'the digits dataset was not loaded');
      const count = inputs.digitsCount ?? 1000;
      if (!Number.isInteger(count) || count < 2 || count > digits.count) throw new InvalidArgumentError('digitsCount', `expected an integer in [2, ${digits.count}], got ${count}`);
      const size = digits.height * digits.width;
      return { name, kind: 'points', dimension: size, source: empiricalSource(digits.pixels.subarray(0, count * size), count, size), preset: 'digits' };
    }
  }
}
