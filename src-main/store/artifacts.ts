import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { LabError } from '../../src-shared/errors';
import type { ArtifactData } from '../../src-shared/experiment/records';
import { type Dtype, fromLittleEndian, toLittleEndian, validateArtifact } from './artifactCodec';
import { runStatus } from './runs';
import { cached } from './sql';
import type { ArtifactInput, ArtifactMeta } from './types';
import { requireInteger, requireText } from './validate';

interface ArtifactDbRow {
  id: string;
  run_id: string;
  name: string;
  seed: number | null;
  step: number | null;
  dtype: Dtype;
  shape: string;
  byte_length: number;
  created_at: number;
}

/** Inserts one artifacts row: (id, run_id, name, seed, step, dtype, shape JSON, little-endian data, created_at). */
export const ARTIFACT_INSERT = 'INSERT INTO artifacts (id, run_id, name, seed, step, dtype, shape, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Stores a dense array with a run (any status) as a little-endian BLOB; returns its id. */
export function putArtifact(db: Database, runId: string, artifact: ArtifactInput, now: number, id: string = randomUUID()): string {
  runStatus(db, runId);
  validateArtifact(artifact);
  cached(db, ARTIFACT_INSERT).run(
    id, runId, requireText('artifact.name', artifact.name),
    artifact.seed === undefined ? null : requireInteger('artifact.seed', artifact.seed),
    artifact.step === undefined ? null : requireInteger('artifact.step', artifact.step, 0),
    artifact.dtype, JSON.stringify(artifact.shape), toLittleEndian(artifact.data), now,
  );
  return id;
}

/** An artifact's array; undefined for an unknown id. */
export function getArtifact(db: Database, id: string): ArtifactData | undefined {
  const row = cached<[string], { name: string; dtype: Dtype; shape: string; data: Buffer }>(db, 'SELECT name, dtype, shape, data FROM artifacts WHERE id = ?').get(id);
  if (row === undefined) return undefined;
  const data = fromLittleEndian(row.dtype, row.data);
  if (data === undefined) throw new LabError('storage', `artifact ${id}: ${row.data.byteLength} bytes do not hold whole ${row.dtype} elements`);
  return { name: row.name, dtype: row.dtype, shape: JSON.parse(row.shape) as number[], data };
}

/** What a run keeps (without the arrays), ordered by seed, step, name. */
export function listArtifacts(db: Database, runId: string): ArtifactMeta[] {
  runStatus(db, runId);
  return cached<[string], ArtifactDbRow>(db, `
    SELECT id, run_id, name, seed, step, dtype, shape, length(data) AS byte_length, created_at FROM artifacts
    WHERE run_id = ? ORDER BY seed NULLS FIRST, step NULLS FIRST, name, created_at`)
    .all(runId)
    .map((row) => ({
      id: row.id,
      runId: row.run_id,
      name: row.name,
      seed: row.seed,
      step: row.step,
      dtype: row.dtype,
      shape: JSON.parse(row.shape) as number[],
      byteLength: row.byte_length,
      created: row.created_at,
    }));
}
