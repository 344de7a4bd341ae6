import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import type { FinalMetrics, StepMetrics } from '../../src-shared/experiment/records';
import { requireWritable, runStatus } from './runs';
import { cached, isSqliteError, realOrNaN, writeTransaction } from './sql';
import { requireInteger } from './validate';

/** StepMetrics fields and their columns, in table order (NULL stores NaN). */
export const STEP_COLUMNS = [
  ['sigma', 'sigma'], ['eInf', 'e_inf'], ['e1', 'e1'], ['vNats', 'v_nats'], ['vDeltaNats', 'v_delta_nats'],
  ['vDeltaCoarseNats', 'v_delta_coarse_nats'], ['projCostNats', 'proj_cost_nats'], ['displacement', 'displacement'],
  ['mse', 'mse'], ['psnr', 'psnr'],
] as const satisfies readonly (readonly [keyof StepMetrics, string])[];

/** FinalMetrics fields and their columns, in table order. */
export const FINAL_COLUMNS = [
  ['eInf', 'e_inf'], ['e1', 'e1'], ['mse', 'mse'], ['psnr', 'psnr'], ['vNats', 'v_nats'], ['vDeltaNats', 'v_delta_nats'],
  ['vDeltaCoarseNats', 'v_delta_coarse_nats'],
] as const satisfies readonly (readonly [keyof FinalMetrics, string])[];

/** Inserts one run_steps row: (run_id, seed, step, …STEP_COLUMNS). */
export const STEP_INSERT = `INSERT INTO run_steps (run_id, seed, step, ${STEP_COLUMNS.map(([, c]) => c).join(', ')}) VALUES (?, ?, ?${', ?'.repeat(STEP_COLUMNS.length)})`;
/** Inserts one run_finals row: (run_id, seed, …FINAL_COLUMNS). */
export const FINAL_INSERT = `INSERT INTO run_finals (run_id, seed, ${FINAL_COLUMNS.map(([, c]) => c).join(', ')}) VALUES (?, ?${', ?'.repeat(FINAL_COLUMNS.length)})`;

/**
 * Appends per-step metrics of a queued or running run, all in one transaction: after a crash
 * either every row of the call is stored or none is. A (seed, step) stored before is refused.
 */
export function appendSteps(db: Database, runId: string, steps: readonly StepMetrics[]): void {
  const insert = cached(db, STEP_INSERT);
  writeTransaction(db, () => {
    requireWritable(db, runId);
    steps.forEach((metrics, k) => {
      const seed = requireInteger(`steps[${k}].seed`, metrics.seed);
      const step = requireInteger(`steps[${k}].step`, metrics.step, 0);
      const values = STEP_COLUMNS.map(([field]) => metricValue(`steps[${k}].${field}`, metrics[field]));
      insertOnce(() => insert.run(runId, seed, step, ...values), `steps[${k}]`, `(seed ${seed}, step ${step})`);
    });
  });
}

/** Appends final metrics (one row per seed) of a queued or running run, in one transaction. */
export function appendFinals(db: Database, runId: string, finals: readonly FinalMetrics[]): void {
  const insert = cached(db, FINAL_INSERT);
  writeTransaction(db, () => {
    requireWritable(db, runId);
    finals.forEach((metrics, k) => {
      const seed = requireInteger(`finals[${k}].seed`, metrics.seed);
      const values = FINAL_COLUMNS.map(([field]) => metricValue(`finals[${k}].${field}`, metrics[field]));
      insertOnce(() => insert.run(runId, seed, ...values), `finals[${k}]`, `seed ${seed}`);
    });
  });
}

function metricValue(argument: string, value: unknown): number {
  if (typeof value !== 'number') throw new InvalidArgumentError(argument, `expected a number (NaN allowed), got ${typeof value}`);
  return value;
}

function insertOnce(insert: () => void, argument: string, key: string): void {
  try {
    insert();
  } catch (error) {
    if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new InvalidArgumentError(argument, `${key} is already stored for this run`);
    throw error;
  }
}

/** Per-step metrics of a run (one seed, or all), ordered by seed then step; NULL reads back as NaN. */
export function getSteps(db: Database, runId: string, seed?: number): StepMetrics[] {
  runStatus(db, runId);
  const columns = `seed, step, ${STEP_COLUMNS.map(([, c]) => c).join(', ')}`;
  const rows =
    seed === undefined
      ? cached<[string], unknown[]>(db, `SELECT ${columns} FROM run_steps WHERE run_id = ? ORDER BY seed, step`).raw().all(runId)
      : cached<[string, number], unknown[]>(db, `SELECT ${columns} FROM run_steps WHERE run_id = ? AND seed = ? ORDER BY step`).raw().all(runId, seed);
  return rows.map((row) => {
    const metrics: Record<string, number> = { seed: row[0] as number, step: row[1] as number };
    STEP_COLUMNS.forEach(([field], k) => (metrics[field] = realOrNaN(row[k + 2] as number | null)));
    return metrics as unknown as StepMetrics;
  });
}

/** Final metrics of a run, one per seed, ordered by seed; NULL reads back as NaN. */
export function getFinals(db: Database, runId: string): FinalMetrics[] {
  runStatus(db, runId);
  const columns = `seed, ${FINAL_COLUMNS.map(([, c]) => c).join(', ')}`;
  const rows = cached<[string], unknown[]>(db, `SELECT ${columns} FROM run_finals WHERE run_id = ? ORDER BY seed`).raw().all(runId);
  return rows.map((row) => {
    const metrics: Record<string, number> = { seed: row[0] as number };
    FINAL_COLUMNS.forEach(([field], k) => (metrics[field] = realOrNaN(row[k + 1] as number | null)));
    return metrics as unknown as FinalMetrics;
  });
}
