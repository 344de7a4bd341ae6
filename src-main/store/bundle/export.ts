import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { StepMetrics } from '../../../src-shared/experiment/records';
import { getExperiment } from '../experiments';
import { sha256Hex } from '../hash';
import { FINAL_COLUMNS, STEP_COLUMNS, getFinals, getSteps } from '../metrics';
import { cached } from '../sql';
import { notFound, requireIds } from '../validate';
import { encodeFloat64 } from './columns';
import { gzipChecked } from './gzip';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleHeader, type BundleRecord } from './format';

interface RunExportRow {
  id: string;
  origin_id: string | null;
  experiment_id: string;
  name: string;
  notes: string;
  starred: number;
  variant: string;
  delta_tol: number | null;
  seeds: string;
  status: string;
  error: string | null;
  backend: string;
  app_version: string;
  config: string;
  config_hash: string;
  data_hash: string | null;
  timings: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/**
 * Writes runs (trashed ones too, if named), their experiments, step series, finals and artifacts
 * to one bundle file (format.ts). The file appears whole or not at all (written beside, then renamed).
 */
export function exportBundle(db: Database, runIds: readonly string[], file: string, now: number): { runs: number; bytes: number } {
  const ids = [...new Set(requireIds('runIds', runIds))];
  const lines = db.transaction(() => bundleLines(db, ids, now))();
  const body = lines.map((line) => `${line}\n`).join('');
  const trailer = JSON.stringify({ type: 'end', records: lines.length - 1, sha256: sha256Hex(body) });
  const gz = gzipChecked(Buffer.from(`${body}${trailer}\n`));
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, gz);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { runs: ids.length, bytes: gz.byteLength };
}

function bundleLines(db: Database, ids: readonly string[], now: number): string[] {
  const runs = ids.map((id) => {
    const row = cached<[string], RunExportRow>(db, 'SELECT * FROM runs WHERE id = ?').get(id);
    if (row === undefined) throw notFound('run', id);
    return row;
  });
  const header: BundleHeader = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, created: now, runs: runs.length };
  const records: BundleRecord[] = [];
  for (const experimentId of new Set(runs.map((run) => run.experiment_id))) {
    const experiment = getExperiment(db, experimentId)!;
    const originId = cached<[string], string | null>(db, 'SELECT origin_id FROM experiments WHERE id = ?').pluck().get(experimentId) ?? experimentId;
    const { id, name, preset, notes, tags, starred, created } = experiment;
    records.push({ type: 'experiment', id, originId, name, preset, notes, tags: [...tags], starred, created });
  }
  for (const run of runs) records.push(runRecord(run), ...seriesRecords(db, run.id));
  return [JSON.stringify(header), ...records.map((record) => JSON.stringify(record))];
}

function runRecord(run: RunExportRow): BundleRecord {
  return {
    type: 'run', id: run.id, originId: run.origin_id ?? run.id, experimentId: run.experiment_id, name: run.name, notes: run.notes,
    starred: run.starred === 1, variant: run.variant, deltaTol: run.delta_tol, seeds: JSON.parse(run.seeds) as number[], status: run.status,
    error: run.error, backend: run.backend, appVersion: run.app_version, configJson: run.config, configHash: run.config_hash,
    dataHash: run.data_hash, timings: run.timings === null ? null : (JSON.parse(run.timings) as Record<string, number>),
    created: run.created_at, started: run.started_at, finished: run.finished_at,
  };
}

function seriesRecords(db: Database, runId: string): BundleRecord[] {
  const records: BundleRecord[] = [];
  const bySeed = new Map<number, StepMetrics[]>();
  for (const s of getSteps(db, runId)) {
    const ofSeed = bySeed.get(s.seed);
    if (ofSeed === undefined) bySeed.set(s.seed, [s]);
    else ofSeed.push(s);
  }
  for (const [seed, ofSeed] of bySeed) {
    const columns = Object.fromEntries(STEP_COLUMNS.map(([field]) => [field, encodeFloat64(ofSeed.map((s) => s[field]))]));
    records.push({ type: 'steps', runId, seed, step: ofSeed.map((s) => s.step), columns });
  }
  const finals = getFinals(db, runId);
  if (finals.length > 0) {
    const columns = Object.fromEntries(FINAL_COLUMNS.map(([field]) => [field, encodeFloat64(finals.map((f) => f[field]))]));
    records.push({ type: 'finals', runId, seed: finals.map((f) => f.seed), columns });
  }
  const artifacts = cached<[string], { name: string; seed: number | null; step: number | null; dtype: string; shape: string; created_at: number; data: Buffer }>(
    db, 'SELECT name, seed, step, dtype, shape, created_at, data FROM artifacts WHERE run_id = ? ORDER BY created_at, id').all(runId);
  for (const a of artifacts) {
    records.push({ type: 'artifact', runId, name: a.name, seed: a.seed, step: a.step, dtype: a.dtype, shape: JSON.parse(a.shape) as number[], created: a.created_at, data: a.data.toString('base64') });
  }
  return records;
}
