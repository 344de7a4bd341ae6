import type { FinalMetrics, StepMetrics } from './records';
import type { VariantSpec } from './variants';

/** A number as CSV text: shortest round-trip decimal, empty for NaN (a missing value). */
export function csvNumber(x: number | null): string {
  return x === null || Number.isNaN(x) ? '' : String(x);
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Joins a header and rows into RFC 4180 CSV with a trailing newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

export const STEPS_CSV_HEADER = ['variant', 'delta', 'seed', 'step', 'sigma', 'e_inf', 'e_1', 'v', 'v_delta', 'v_delta_coarse', 'proj_cost', 'displacement', 'mse', 'psnr'] as const;
export const FINALS_CSV_HEADER = ['variant', 'delta', 'seed', 'e_inf', 'e_1', 'mse', 'psnr', 'v', 'v_delta', 'v_delta_coarse'] as const;

/** Tidy per-step metrics: one row per variant, seed and recorded step (information in nats). */
export function stepsCsv(variants: readonly VariantSpec[], steps: readonly (readonly StepMetrics[])[]): string {
  const rows = variants.flatMap((variant, v) =>
    steps[v]!.map((s) => [variant.id, csvNumber(variant.deltaTol), String(s.seed), String(s.step), csvNumber(s.sigma), csvNumber(s.eInf), csvNumber(s.e1), csvNumber(s.vNats), csvNumber(s.vDeltaNats), csvNumber(s.vDeltaCoarseNats), csvNumber(s.projCostNats), csvNumber(s.displacement), csvNumber(s.mse), csvNumber(s.psnr)]),
  );
  return toCsv(STEPS_CSV_HEADER, rows);
}

/** One row per variant and seed of the final metrics; `delta` is empty for the unprojected variant. */
export function finalsCsv(variants: readonly VariantSpec[], finals: readonly (readonly FinalMetrics[])[]): string {
  const rows = variants.flatMap((variant, v) =>
    finals[v]!.map((f) => [variant.id, csvNumber(variant.deltaTol), String(f.seed), csvNumber(f.eInf), csvNumber(f.e1), csvNumber(f.mse), csvNumber(f.psnr), csvNumber(f.vNats), csvNumber(f.vDeltaNats), csvNumber(f.vDeltaCoarseNats)]),
  );
  return toCsv(FINALS_CSV_HEADER, rows);
}
