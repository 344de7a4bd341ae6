import type { FinalMetrics, StepMetrics } from '../../src-shared/experiment/records';
import type { FinalRowData, RunRecordData, RunRowData, StepSeriesData } from '../../src-shared/ipc/contract';
import { FINAL_FIELDS, STEP_FIELDS } from '../../src-shared/ipc/schemas';
import type { RunRecord, RunRow, RunSummary } from '../store';

/**
 * Store records → contract shapes. The store keeps undefined metrics as NaN; JSON has no NaN (nor
 * ±∞), and structured clone would keep it, so the transports would disagree. Every metric is
 * therefore mapped here, once: a finite number stays, anything else becomes null.
 */

/**
 * A metric as it crosses the boundary: x when finite, else null.
 *
 * @example
 * jsonNumber(0.25) // → 0.25
 * jsonNumber(Number.NaN) // → null
 * jsonNumber(Number.POSITIVE_INFINITY) // → null
 */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function summaryJson(summary: RunSummary | null): RunRowData['summary'] {
  if (summary === null) return null;
  const out: Record<string, number | null> = { seedsFinished: summary.seedsFinished };
  for (const key of FINAL_FIELDS) out[key] = jsonNumber(summary[key]);
  return out as RunRowData['summary'];
}

/**
 * A run list row with JSON-safe metrics (see {@link jsonNumber}).
 *
 * @example
 * runRowJson({ ...row, summary: { ...summary, psnr: Infinity } }).summary.psnr // → null
 */
export function runRowJson(row: RunRow): RunRowData {
  return { ...row, summary: summaryJson(row.summary) };
}

/**
 * A run's stored record with JSON-safe metrics and plain (unfrozen) arrays.
 *
 * @example
 * runRecordJson(record).seeds // → [0, 1, 2, 3]
 */
export function runRecordJson(record: RunRecord): RunRecordData {
  return {
    ...record,
    summary: summaryJson(record.summary),
    tags: [...record.tags],
    seeds: [...record.seeds],
    timings: record.timings === null ? null : { ...record.timings },
  };
}

/**
 * Step rows → one column per field (row k of every column belongs together), in the store's order
 * (seed, then step).
 *
 * @example
 * stepSeriesJson('r', []).length // → 0
 */
export function stepSeriesJson(runId: string, steps: readonly StepMetrics[]): StepSeriesData {
  const columns = Object.fromEntries(STEP_FIELDS.map((key) => [key, steps.map((s) => jsonNumber(s[key]))]));
  return {
    runId,
    length: steps.length,
    seed: steps.map((s) => s.seed),
    step: steps.map((s) => s.step),
    ...(columns as Record<(typeof STEP_FIELDS)[number], (number | null)[]>),
  };
}

/**
 * Final metrics per seed with JSON-safe values.
 *
 * @example
 * finalRowsJson([{ seed: 0, eInf: 0.01, e1: 0.02, mse: NaN, psnr: NaN, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0 }])[0].mse // → null
 */
export function finalRowsJson(finals: readonly FinalMetrics[]): FinalRowData[] {
  return finals.map((f) => {
    const row: Record<string, number | null> = { seed: f.seed };
    for (const key of FINAL_FIELDS) row[key] = jsonNumber(f[key]);
    return row as FinalRowData;
  });
}
