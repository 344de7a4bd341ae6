import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { cached, writeTransaction } from './sql';
import type { ExperimentInput, ExperimentPatch, ExperimentRecord } from './types';
import { notFound, requireString, requireTags, requireText } from './validate';

interface ExperimentDbRow {
  id: string;
  name: string;
  preset: string | null;
  notes: string;
  starred: number;
  created_at: number;
  updated_at: number;
  tags: string;
  run_count: number;
}

const SELECT = `
  SELECT e.id, e.name, e.preset, e.notes, e.starred, e.created_at, e.updated_at,
         (SELECT json_group_array(tag) FROM (SELECT tag FROM experiment_tags WHERE experiment_id = e.id ORDER BY tag)) AS tags,
         (SELECT count(*) FROM runs WHERE experiment_id = e.id) AS run_count
  FROM experiments e`;

function toRecord(row: ExperimentDbRow): ExperimentRecord {
  return {
    id: row.id,
    name: row.name,
    preset: row.preset,
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
    starred: row.starred === 1,
    created: row.created_at,
    updated: row.updated_at,
    runCount: row.run_count,
  };
}

/** Inserts an experiment (validated) and its tags; returns its new id. `id` and `originId` are for imports. */
export function insertExperiment(db: Database, input: ExperimentInput & { id?: string; originId?: string | null; starred?: boolean; created?: number }, now: number): string {
  const name = requireText('name', input.name).trim();
  const preset = input.preset === undefined || input.preset === null ? null : requireText('preset', input.preset);
  const notes = requireString('notes', input.notes ?? '');
  const tags = requireTags('tags', input.tags ?? []);
  const id = input.id ?? randomUUID();
  writeTransaction(db, () => {
    cached(db, 'INSERT INTO experiments (id, name, preset, notes, starred, created_at, updated_at, origin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, name, preset, notes, input.starred === true ? 1 : 0, input.created ?? now, now, input.originId ?? null,
    );
    writeTags(db, id, tags);
  });
  return id;
}

/** Applies `patch` to an experiment; throws 'not-found' for an unknown id. */
export function updateExperiment(db: Database, id: string, patch: ExperimentPatch, now: number): void {
  const current = getExperiment(db, id);
  if (current === undefined) throw notFound('experiment', id);
  const name = patch.name === undefined ? current.name : requireText('name', patch.name).trim();
  const preset = patch.preset === undefined ? current.preset : patch.preset === null ? null : requireText('preset', patch.preset);
  const notes = patch.notes === undefined ? current.notes : requireString('notes', patch.notes);
  const starred = patch.starred === undefined ? current.starred : patch.starred;
  writeTransaction(db, () => {
    cached(db, 'UPDATE experiments SET name = ?, preset = ?, notes = ?, starred = ?, updated_at = ? WHERE id = ?').run(name, preset, notes, starred ? 1 : 0, now, id);
    if (patch.tags !== undefined) {
      const tags = requireTags('tags', patch.tags);
      cached(db, 'DELETE FROM experiment_tags WHERE experiment_id = ?').run(id);
      writeTags(db, id, tags);
    }
  });
}

function writeTags(db: Database, id: string, tags: readonly string[]): void {
  const insert = cached(db, 'INSERT INTO experiment_tags (experiment_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(id, tag);
}

export function getExperiment(db: Database, id: string): ExperimentRecord | undefined {
  const row = cached<[string], ExperimentDbRow>(db, `${SELECT} WHERE e.id = ?`).get(id);
  return row === undefined ? undefined : toRecord(row);
}

/** All experiments, newest first. */
export function listExperiments(db: Database): ExperimentRecord[] {
  return cached<[], ExperimentDbRow>(db, `${SELECT} ORDER BY e.created_at DESC, e.seq DESC`).all().map(toRecord);
}

/**
 * Deletes an experiment that has no runs left (trashed runs count: purge them first). An
 * experiment outlives its last run on purpose: its name, notes and tags are the user's.
 */
export function deleteExperiment(db: Database, id: string): void {
  const current = getExperiment(db, id);
  if (current === undefined) throw notFound('experiment', id);
  if (current.runCount > 0) {
    throw new InvalidArgumentError('id', `experiment ${id} still has ${current.runCount} run(s), trashed ones included; purge them first`);
  }
  cached(db, 'DELETE FROM experiments WHERE id = ?').run(id);
}
