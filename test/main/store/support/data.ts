import type { FinalMetrics, StepMetrics } from '../../../../src-shared/experiment/records';

/** Deterministic step metrics of (seed, step), all fields distinct; mse/psnr NaN for odd seeds (no reference). */
export function stepMetrics(seed: number, step: number): StepMetrics {
  const base = seed * 1000 + step;
  const noReference = seed % 2 === 1;
  return {
    seed, step, sigma: 80 / (step + 1), eInf: base + 0.125, e1: base + 0.25, vNats: base + 0.375, vDeltaNats: base + 0.5,
    vDeltaCoarseNats: base + 0.625, projCostNats: base + 0.75, displacement: base + 0.875,
    mse: noReference ? Number.NaN : base + 1.5, psnr: noReference ? Number.NaN : base + 1.75,
  };
}

/** Deterministic final metrics of a seed, offset by `shift`. */
export function finalMetrics(seed: number, shift = 0): FinalMetrics {
  return { seed, eInf: 0.01 * seed + shift, e1: 0.1 * seed + shift, mse: 1 + seed + shift, psnr: 30 - seed + shift, vNats: 2 + shift, vDeltaNats: 1 + shift, vDeltaCoarseNats: 0.5 + shift };
}

/** A config as the runner would store it. */
export const CONFIG = { name: 'toy grid', steps: 40, schedule: { kind: 'karras', rho: 7 }, seeds: { count: 2 } };

/** Blocks of the crash writer's block-mass tables. */
export const CRASH_BLOCKS = 4;

/** The crash writer's block-mass table of batch k: 10 rows × CRASH_BLOCKS, every value distinct. */
export function blockMassTable(k: number): Float64Array {
  return Float64Array.from({ length: 10 * CRASH_BLOCKS }, (_, j) => k + j / 64);
}
