import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { LabError } from '../../../src-shared/errors';
import type { RunStatus } from '../../../src-shared/experiment/records';
import { ARTIFACT_INSERT } from '../artifacts';
import { insertExperiment } from '../experiments';
import { FINAL_COLUMNS, FINAL_INSERT, STEP_COLUMNS, STEP_INSERT } from '../metrics';
import { cached, writeTransaction } from '../sql';
import type { RunRecordLine } from './format';
import { type ParsedBundle, parseBundle } from './read';

export interface ImportResult {
  /** Runs written now. */
  readonly imported: number;
  /** Runs already here (the same origin), left as they are. */
  readonly skipped: number;
  /** Bundle run id → id in this database (new for imported runs, existing for skipped ones). */
  readonly idMap: Record<string, string>;
}

/**
 * Imports a bundle file: checks all of it first (parseBundle), then writes in one transaction,
 * with new ids. A run or experiment whose origin is already here (its id or its origin_id equals
 * the bundle's originId) is not written again, so re-importing a bundle duplicates nothing.
 * Runs exported while queued or running arrive as `interrupted`.
 */
export function importBundle(db: Database, file: string, now: number): ImportResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new LabError('not-found', `cannot read the bundle ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const bundle = parseBundle(bytes);
  return writeTransaction(db, () => writeBundle(db, bundle, now));
}

function writeBundle(db: Database, bundle: ParsedBundle, now: number): ImportResult {
  const findByOrigin = (table: 'runs' | 'experiments', originId: string) =>
    cached<[string, string], string>(db, `SELECT id FROM ${table} WHERE id = ? OR origin_id = ?`).pluck().get(originId, originId);
  const experimentIds = new Map<string, string>();
  for (const e of bundle.experiments) {
    const existing = findByOrigin('experiments', e.originId);
    const id = existing ?? insertExperiment(db, { name: e.name, preset: e.preset, notes: e.notes, tags: e.tags, starred: e.starred, created: e.created, originId: e.originId }, now);
    experimentIds.set(e.id, id);
  }
  const idMap: Record<string, string> = {};
  let imported = 0;
  for (const run of bundle.runs) {
    const existing = findByOrigin('runs', run.originId);
    if (existing !== undefined) {
      idMap[run.id] = existing;
      continue;
    }
    const id = insertImportedRun(db, run, experimentIds.get(run.experimentId)!, now);
    writeSeries(db, bundle, run.id, id);
    idMap[run.id] = id;
    imported += 1;
  }
  return { imported, skipped: bundle.runs.length - imported, idMap };
}

function insertImportedRun(db: Database, run: RunRecordLine, experimentId: string, now: number): string {
  const id = randomUUID();
  const unfinished = run.status === 'queued' || run.status === 'running';
  const status: RunStatus = unfinished ? 'interrupted' : (run.status as RunStatus);
  cached(db, `INSERT INTO runs (id, experiment_id, name, notes, starred, variant, delta_tol, seeds, status, error, backend, app_version, config,
      config_hash, data_hash, timings, created_at, started_at, finished_at, origin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id, experimentId, run.name, run.notes, run.starred ? 1 : 0, run.variant, run.deltaTol, JSON.stringify(run.seeds), status,
    unfinished ? 'the run was still being written when it was exported' : run.error, run.backend, run.appVersion, run.configJson,
    run.configHash, run.dataHash, run.timings === null ? null : JSON.stringify(run.timings), run.created, run.started,
    unfinished ? (run.finished ?? now) : run.finished, run.originId,
  );
  return id;
}

function writeSeries(db: Database, bundle: ParsedBundle, bundleRunId: string, runId: string): void {
  const stepInsert = cached(db, STEP_INSERT);
  for (const s of bundle.steps.get(bundleRunId) ?? []) stepInsert.run(runId, s.seed, s.step, ...STEP_COLUMNS.map(([f]) => s[f]));
  const finalInsert = cached(db, FINAL_INSERT);
  for (const f of bundle.finals.get(bundleRunId) ?? []) finalInsert.run(runId, f.seed, ...FINAL_COLUMNS.map(([k]) => f[k]));
  const artifactInsert = cached(db, ARTIFACT_INSERT);
  for (const a of bundle.artifacts) {
    if (a.runId === bundleRunId) artifactInsert.run(randomUUID(), runId, a.name, a.seed, a.step, a.dtype, JSON.stringify(a.shape), a.bytes, a.created);
  }
}
