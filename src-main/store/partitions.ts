import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { fromLittleEndian, toLittleEndian } from './artifactCodec';
import { cached } from './sql';
import { notFound, requireInteger, requireString, requireText } from './validate';

/** A named label map: block id of each pixel, row-major, ids in [0, blockCount). */
export interface PartitionInput {
  readonly name: string;
  readonly notes?: string;
  readonly height: number;
  readonly width: number;
  readonly labels: Int32Array;
  /** Default: max label + 1. */
  readonly blockCount?: number;
}

export interface PartitionMeta {
  readonly id: string;
  readonly name: string;
  readonly notes: string;
  readonly height: number;
  readonly width: number;
  readonly blockCount: number;
  readonly created: number;
  readonly updated: number;
}

export interface PartitionRecord extends PartitionMeta {
  readonly labels: Int32Array;
}

interface PartitionDbRow {
  id: string;
  name: string;
  notes: string;
  height: number;
  width: number;
  block_count: number;
  created_at: number;
  updated_at: number;
}

const META = 'id, name, notes, height, width, block_count, created_at, updated_at';

function toMeta(row: PartitionDbRow): PartitionMeta {
  return { id: row.id, name: row.name, notes: row.notes, height: row.height, width: row.width, blockCount: row.block_count, created: row.created_at, updated: row.updated_at };
}

/** Saves a label map to the partition library (validated: every label an integer block id in [0, blockCount)); returns its id. */
export function savePartition(db: Database, input: PartitionInput, now: number): string {
  const height = requireInteger('height', input.height, 1);
  const width = requireInteger('width', input.width, 1);
  if (!(input.labels instanceof Int32Array) || input.labels.length !== height * width) {
    throw new InvalidArgumentError('labels', `expected an Int32Array of height × width = ${height * width} labels`);
  }
  const blockCount = input.blockCount === undefined ? input.labels.reduce((a, b) => Math.max(a, b), 0) + 1 : requireInteger('blockCount', input.blockCount, 1);
  const bad = input.labels.findIndex((label) => label < 0 || label >= blockCount);
  if (bad >= 0) throw new InvalidArgumentError(`labels[${bad}]`, `expected an integer block id in [0, ${blockCount}), got ${input.labels[bad]}`);
  const id = randomUUID();
  cached(db, `INSERT INTO partitions (${META}, labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id, requireText('name', input.name), requireString('notes', input.notes ?? ''), height, width, blockCount, now, now, toLittleEndian(input.labels),
  );
  return id;
}

/** The partition library, newest first, without the label maps. */
export function listPartitions(db: Database): PartitionMeta[] {
  return cached<[], PartitionDbRow>(db, `SELECT ${META} FROM partitions ORDER BY created_at DESC, id`).all().map(toMeta);
}

export function getPartition(db: Database, id: string): PartitionRecord | undefined {
  const row = cached<[string], PartitionDbRow & { labels: Buffer }>(db, `SELECT ${META}, labels FROM partitions WHERE id = ?`).get(id);
  return row === undefined ? undefined : { ...toMeta(row), labels: fromLittleEndian('int32', row.labels) as Int32Array };
}

/** Renames a partition or edits its notes. */
export function updatePartition(db: Database, id: string, patch: { name?: string; notes?: string }, now: number): void {
  const current = getPartition(db, id);
  if (current === undefined) throw notFound('partition', id);
  cached(db, 'UPDATE partitions SET name = ?, notes = ?, updated_at = ? WHERE id = ?').run(
    patch.name === undefined ? current.name : requireText('name', patch.name), patch.notes === undefined ? current.notes : requireString('notes', patch.notes), now, id,
  );
}

export function deletePartition(db: Database, id: string): void {
  if (cached(db, 'DELETE FROM partitions WHERE id = ?').run(id).changes === 0) throw notFound('partition', id);
}
