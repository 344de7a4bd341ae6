import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError, LabError } from '../../src-shared/errors';
import type { RunStatus } from '../../src-shared/experiment/records';
import { RUN_ROW_COLUMNS, RUN_ROW_WIDTH, toRunRow } from './runRow';
import { cached, writeTransaction } from './sql';
import type { RunInput, RunOutcome, RunPatch, RunRecord } from './types';
import { describe, notFound, requireInteger, requireString, requireText } from './validate';
import type { WriterIdentity } from './writers';

/** Inserts a run (validated) written by `writer`; returns its id. The experiment must exist. */
export function insertRun(db: Database, input: RunInput, writer: WriterIdentity, now: number): string {
  const experimentId = requireText('experimentId', input.experimentId);
  if (cached(db, 'SELECT 1 FROM experiments WHERE id = ?').get(experimentId) === undefined) throw notFound('experiment', experimentId);
  if (input.deltaTol !== null && !(typeof input.deltaTol === 'number' && input.deltaTol >= 0 && Number.isFinite(input.deltaTol))) {
    throw new InvalidArgumentError('deltaTol', `expected a finite δ ≥ 0 or null, got ${describe(input.deltaTol)}`);
  }
  if (!Array.isArray(input.seeds) || input.seeds.length === 0) throw new InvalidArgumentError('seeds', `expected one or more integer seeds, got ${describe(input.seeds)}`);
  input.seeds.forEach((seed, k) => requireInteger(`seeds[${k}]`, seed));
  const config = JSON.stringify(input.config);
  if (config === undefined) throw new InvalidArgumentError('config', 'expected a JSON-serialisable value, got undefined');
  const status = input.status ?? 'running';
  if (status !== 'queued' && status !== 'running') throw new InvalidArgumentError('status', `expected 'queued' or 'running', got ${describe(status)}`);
  const id = randomUUID();
  cached(db, `INSERT INTO runs (id, experiment_id, name, notes, variant, delta_tol, seeds, status, backend, app_version, config, config_hash,
      data_hash, created_at, started_at, writer_pid, writer_host, writer_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id, experimentId, requireString('name', input.name ?? ''), requireString('notes', input.notes ?? ''), requireText('variant', input.variant),
    input.deltaTol, JSON.stringify(input.seeds), status, requireText('backend', input.backend), requireText('appVersion', input.appVersion),
    config, requireText('configHash', input.configHash), input.dataHash === null ? null : requireText('dataHash', input.dataHash),
    now, status === 'running' ? now : null, writer.pid, writer.host, writer.token,
  );
  return id;
}

/**
 * The full id of the run named by `idOrPrefix`: its id, or a unique prefix of at least 4
 * characters (as `infodiff list` shows the first 8). Throws 'not-found', or 'invalid-argument'
 * when the prefix names several runs.
 */
export function resolveRunId(db: Database, idOrPrefix: string): string {
  const text = requireText('id', idOrPrefix).trim().toLowerCase();
  if (cached(db, 'SELECT 1 FROM runs WHERE id = ?').get(text) !== undefined) return text;
  if (text.length < 4 || !/^[0-9a-f-]+$/u.test(text)) throw notFound('run', idOrPrefix);
  const matches = cached<[string], string>(db, 'SELECT id FROM runs WHERE id GLOB ? LIMIT 2').pluck().all(`${text}*`);
  if (matches.length === 0) throw notFound('run', idOrPrefix);
  if (matches.length > 1) throw new InvalidArgumentError('id', `${idOrPrefix} is the start of several run ids; give more characters`);
  return matches[0]!;
}

/** The status of a run; throws 'not-found' for an unknown id. */
export function runStatus(db: Database, runId: string): RunStatus {
  const status = cached<[string], string>(db, 'SELECT status FROM runs WHERE id = ?').pluck().get(runId);
  if (status === undefined) throw notFound('run', runId);
  return status as RunStatus;
}

/** Throws unless the run exists and is still being written (queued or running). */
export function requireWritable(db: Database, runId: string): void {
  const status = runStatus(db, runId);
  if (status !== 'queued' && status !== 'running') throw new LabError('invalid-argument', `run ${runId} is ${status}: it takes no more steps or finals`);
}

/** Moves a queued run to running (a running run stays as it is). */
export function startRun(db: Database, runId: string, now: number): void {
  writeTransaction(db, () => {
    requireWritable(db, runId);
    cached(db, "UPDATE runs SET status = 'running', started_at = coalesce(started_at, ?) WHERE id = ?").run(now, runId);
  });
}

/** Records how a queued or running run ended. */
export function finishRun(db: Database, runId: string, outcome: RunOutcome, now: number): void {
  if (!['completed', 'cancelled', 'failed'].includes(outcome.status)) {
    throw new InvalidArgumentError('outcome.status', `expected 'completed', 'cancelled' or 'failed', got ${describe(outcome.status)}`);
  }
  const timings = outcome.timings === undefined ? null : JSON.stringify(outcome.timings);
  const error = outcome.error === undefined ? null : requireString('outcome.error', outcome.error);
  writeTransaction(db, () => {
    requireWritable(db, runId);
    cached(db, 'UPDATE runs SET status = ?, error = ?, timings = ?, finished_at = ? WHERE id = ?').run(outcome.status, error, timings, now, runId);
  });
}

/** Applies `patch` (name, notes, starred) to a run. */
export function updateRun(db: Database, runId: string, patch: RunPatch): void {
  runStatus(db, runId);
  if (patch.name !== undefined) cached(db, 'UPDATE runs SET name = ? WHERE id = ?').run(requireString('name', patch.name), runId);
  if (patch.notes !== undefined) cached(db, 'UPDATE runs SET notes = ? WHERE id = ?').run(requireString('notes', patch.notes), runId);
  if (patch.starred !== undefined) cached(db, 'UPDATE runs SET starred = ? WHERE id = ?').run(patch.starred ? 1 : 0, runId);
}

/** Everything stored about a run except its series and artifacts; undefined for an unknown id. */
export function getRun(db: Database, id: string): RunRecord | undefined {
  const row = cached<[string], unknown[]>(db, `
    SELECT ${RUN_ROW_COLUMNS}, r.notes, r.seeds, r.error, r.app_version, r.config, r.config_hash, r.data_hash, r.timings, r.started_at, r.origin_id,
      (SELECT json_group_array(tag) FROM (SELECT tag FROM experiment_tags WHERE experiment_id = r.experiment_id ORDER BY tag)),
      (SELECT count(*) FROM run_steps WHERE run_id = r.id)
    FROM runs r
    WHERE r.id = ?`).raw().get(id);
  if (row === undefined) return undefined;
  const [notes, seeds, error, appVersion, config, configHash, dataHash, timings, started, originId, tags, stepCount] = row.slice(RUN_ROW_WIDTH) as [
    string, string, string | null, string, string, string, string | null, string | null, number | null, string | null, string, number,
  ];
  return {
    ...toRunRow(row),
    notes,
    tags: JSON.parse(tags) as string[],
    seeds: JSON.parse(seeds) as number[],
    error,
    appVersion,
    config: JSON.parse(config) as unknown,
    configHash,
    dataHash,
    timings: timings === null ? null : (JSON.parse(timings) as Record<string, number>),
    started,
    originId,
    stepCount,
  };
}
