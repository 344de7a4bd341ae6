import { buildSchedule } from '../../src-shared/diffusion/schedules/spec';
import type { ScheduleConfig } from '../../src-shared/experiment/config';

/** What the schedule plot draws: σ_i and λ_i = log SNR = −2 ln σ_i against the step i. */
export interface ScheduleTrace {
  readonly sigma: readonly { readonly x: number; readonly y: number }[];
  readonly logSnr: readonly { readonly x: number; readonly y: number }[];
  readonly variancePreserving: boolean;
  readonly steps: number;
}

/**
 * The noise levels of a schedule config against the step i = 0 … N − 1 (σ_N = 0 is left out: its
 * log-SNR is +∞ and a log axis has no 0), with λ_i = −2 ln σ_i (the VE form; for a VP schedule σ is
 * √((1 − ᾱ)/ᾱ), so λ = ln(ᾱ/(1 − ᾱ)) as well). Returns an error message instead when the schedule
 * cannot be built (e.g. σ_min ≥ σ_max).
 *
 * @example
 * scheduleTrace({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 3 }).sigma // → [{ x: 0, y: 80 }, { x: 1, y: 2.515… }, { x: 2, y: 0.002 }]
 */
export function scheduleTrace(spec: ScheduleConfig): ScheduleTrace | { error: string } {
  if (spec.kind === 'las' && spec.sigmas === undefined) {
    return { error: `The loss-adaptive levels are computed when the run starts (on a worker, from ${spec.source.kind === 'mmse' ? "the MMSE curve of the run's data" : 'the loss table'}) and stored with the run; its record shows them.` };
  }
  try {
    const { sigmas, variancePreserving } = buildSchedule(spec);
    const n = sigmas.length - 1;
    const sigma = Array.from({ length: n }, (_, i) => ({ x: i, y: sigmas[i]! }));
    return { sigma, logSnr: sigma.map((p) => ({ x: p.x, y: -2 * Math.log(p.y) })), variancePreserving, steps: n };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
