import { checkBounds, toleranceBand } from '../coarse/tolerance';
import type { ExperimentConfig } from './config';

/** One arm of a comparison: the unprojected baseline or a V_δ projection with a given band. */
export interface VariantSpec {
  /** Stable id used in files and the store: 'unprojected', 'delta=0.01', 'bounds'. */
  readonly id: string;
  readonly projected: boolean;
  /** δ of the band, null for the baseline and for per-block bounds. */
  readonly deltaTol: number | null;
}

/** The variants a config asks for, baseline first (it shares its noise path with every other variant). */
export function variantsOf(config: ExperimentConfig): VariantSpec[] {
  const variants: VariantSpec[] = [];
  if (config.includeUnprojected) variants.push({ id: 'unprojected', projected: false, deltaTol: null });
  const tolerance = config.tolerance;
  if (tolerance.mode === 'bounds') variants.push({ id: 'bounds', projected: true, deltaTol: null });
  else for (const delta of tolerance.deltas) variants.push({ id: `delta=${delta}`, projected: true, deltaTol: delta });
  return variants;
}

/**
 * The band [lower, upper] of a variant for target masses m. The baseline is measured against the
 * band of the first listed δ (or the per-block bounds), so its V_δ is comparable with the tightest
 * comparison the user set first.
 */
export function bandOf(config: ExperimentConfig, variant: VariantSpec, targets: Float64Array): { lower: Float64Array; upper: Float64Array } {
  const tolerance = config.tolerance;
  if (tolerance.mode === 'bounds') {
    const band = { lower: Float64Array.from(tolerance.lower), upper: Float64Array.from(tolerance.upper) };
    checkBounds(band.lower, band.upper);
    return band;
  }
  const delta = variant.deltaTol ?? tolerance.deltas[0]!;
  return toleranceBand(targets, delta, tolerance.mode);
}
