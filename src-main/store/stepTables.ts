import type { Database } from 'better-sqlite3';
import { InvalidArgumentError, LabError } from '../../src-shared/errors';
import { getArtifact } from './artifacts';
import { runStatus } from './runs';
import { cached } from './sql';
import type { ArtifactInput } from './types';

/**
 * Per-step tables kept with a run as float64 artifacts, one per (run, seed), written when the seed
 * finishes (so a crash keeps exactly the finished seeds' tables, like their finals and frames), and
 * carried by bundles as any artifact is:
 *
 * - `blockMasses`, shape [R, K]: row r holds the block masses w̄_k (mean over the seed's batch) of
 *   the state after the r-th recorded step of the run's plan (plan.isRecorded, ascending);
 * - `pruning`, shape [n, 4]: per recorded step the pruned denoiser evaluated, the columns
 *   (step i, ε, skipped fraction of (query, training point) pairs, largest neglected weight), over
 *   the lockstep group the seed ran in (the statistics are the group's, not the seed's alone).
 */
export const BLOCK_MASSES_ARTIFACT = 'blockMasses';
export const PRUNING_ARTIFACT = 'pruning';
/** Columns of a pruning table, in order. */
export const PRUNING_COLUMNS = ['step', 'epsilon', 'skippedFraction', 'neglectedWeight'] as const;

/** A seed's stored block-mass table: `masses` is rows × blockCount, row-major. */
export interface StoredBlockMasses {
  readonly seed: number;
  readonly rows: number;
  readonly blockCount: number;
  readonly masses: Float64Array;
}

/** What the pruned denoiser did at the recorded steps of one seed's group. */
export interface StoredPruning {
  readonly seed: number;
  readonly step: number[];
  readonly epsilon: number[];
  readonly skippedFraction: number[];
  readonly neglectedWeight: number[];
}

/**
 * The artifact holding one seed's block-mass table: rows = recorded steps, masses R·K numbers.
 *
 * @example
 * blockMassArtifact(3, Float64Array.of(0.5, 0.5, 0.25, 0.75), 2) // → { name: 'blockMasses', dtype: 'float64', shape: [2, 2], seed: 3, … }
 */
export function blockMassArtifact(seed: number, masses: Float64Array, rows: number): ArtifactInput {
  if (!(Number.isInteger(rows) && rows > 0 && masses.length % rows === 0)) {
    throw new InvalidArgumentError('rows', `expected a positive integer dividing the table's ${masses.length} numbers, got ${rows}`);
  }
  return { name: BLOCK_MASSES_ARTIFACT, dtype: 'float64', shape: [rows, masses.length / rows], data: masses, seed };
}

/**
 * The artifact holding one seed's pruning table, from per-step rows (PRUNING_COLUMNS order).
 *
 * @example
 * pruningArtifact(0, [{ step: 9, epsilon: 1e-12, skippedFraction: 0.5, neglectedWeight: 1e-15 }]).shape // → [1, 4]
 */
export function pruningArtifact(seed: number, steps: readonly { step: number; epsilon: number; skippedFraction: number; neglectedWeight: number }[]): ArtifactInput {
  const data = new Float64Array(steps.length * PRUNING_COLUMNS.length);
  steps.forEach((s, r) => data.set([s.step, s.epsilon, s.skippedFraction, s.neglectedWeight], r * PRUNING_COLUMNS.length));
  return { name: PRUNING_ARTIFACT, dtype: 'float64', shape: [steps.length, PRUNING_COLUMNS.length], data, seed };
}

/** The id and seed of a run's artifact `name` for `seed`, or for the lowest seed that has one. */
function findTable(db: Database, runId: string, name: string, seed: number | undefined): { id: string; seed: number } | undefined {
  runStatus(db, runId);
  const sql = seed === undefined
    ? 'SELECT id, seed FROM artifacts WHERE run_id = ? AND name = ? AND seed IS NOT NULL ORDER BY seed, created_at LIMIT 1'
    : 'SELECT id, seed FROM artifacts WHERE run_id = ? AND name = ? AND seed = ? ORDER BY created_at LIMIT 1';
  const args: (string | number)[] = seed === undefined ? [runId, name] : [runId, name, seed];
  return cached<(string | number)[], { id: string; seed: number }>(db, sql).get(...args);
}

function readTable(db: Database, id: string, columns?: number): { data: Float64Array; rows: number; columns: number } {
  const artifact = getArtifact(db, id)!;
  const [rows, width] = artifact.shape;
  if (artifact.dtype !== 'float64' || artifact.shape.length !== 2 || rows === undefined || width === undefined || (columns !== undefined && width !== columns)) {
    throw new LabError('storage', `artifact ${id} (${artifact.name}): expected a float64 table${columns === undefined ? '' : ` of ${columns} columns`}, got ${artifact.dtype} ${JSON.stringify(artifact.shape)}`);
  }
  return { data: artifact.data as Float64Array, rows, columns: width };
}

/**
 * A run's stored block-mass table for `seed` (default: the lowest seed with one); undefined when
 * it has none (runs stored before the tables existed, or a seed that did not finish).
 */
export function getBlockMasses(db: Database, runId: string, seed?: number): StoredBlockMasses | undefined {
  const found = findTable(db, runId, BLOCK_MASSES_ARTIFACT, seed);
  if (found === undefined) return undefined;
  const table = readTable(db, found.id);
  return { seed: found.seed, rows: table.rows, blockCount: table.columns, masses: table.data };
}

/** A run's stored pruning table for `seed` (default: the lowest seed with one); undefined when none. */
export function getPruning(db: Database, runId: string, seed?: number): StoredPruning | undefined {
  const found = findTable(db, runId, PRUNING_ARTIFACT, seed);
  if (found === undefined) return undefined;
  const { data, rows } = readTable(db, found.id, PRUNING_COLUMNS.length);
  const column = (c: number) => Array.from({ length: rows }, (_, r) => data[r * PRUNING_COLUMNS.length + c]!);
  return { seed: found.seed, step: column(0), epsilon: column(1), skippedFraction: column(2), neglectedWeight: column(3) };
}
