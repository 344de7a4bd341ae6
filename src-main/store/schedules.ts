import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { fromLittleEndian, toLittleEndian } from './artifactCodec';
import { sha256Hex } from './hash';
import { cached } from './sql';
import { notFound, requireString, requireText } from './validate';

export interface ScheduleInput {
  readonly name: string;
  readonly notes?: string;
  /** The constructor that made it, e.g. 'karras', 'cosine', 'las', 'custom'. */
  readonly kind: string;
  /** The constructor's parameters (JSON). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** σ_0 > … > σ_N = 0 exactly as used: stored bit for bit. */
  readonly sigmas: Float64Array;
}

export interface ScheduleMeta {
  readonly id: string;
  readonly name: string;
  readonly notes: string;
  readonly kind: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** N: the number of sampler steps (sigmas has N + 1 entries). */
  readonly steps: number;
  /** sha256 of the little-endian float64 bytes: equal hashes, identical schedules. */
  readonly sigmasHash: string;
  readonly created: number;
  readonly updated: number;
}

export interface ScheduleRecord extends ScheduleMeta {
  readonly sigmas: Float64Array;
}

interface ScheduleDbRow {
  id: string;
  name: string;
  notes: string;
  kind: string;
  params: string;
  steps: number;
  sigmas_hash: string;
  created_at: number;
  updated_at: number;
}

const META = 'id, name, notes, kind, params, steps, sigmas_hash, created_at, updated_at';

function toMeta(row: ScheduleDbRow): ScheduleMeta {
  return {
    id: row.id, name: row.name, notes: row.notes, kind: row.kind, params: JSON.parse(row.params) as Record<string, unknown>,
    steps: row.steps, sigmasHash: row.sigmas_hash, created: row.created_at, updated: row.updated_at,
  };
}

/** Saves σ levels to the schedule library (validated: ≥ 2 finite levels, strictly decreasing, last exactly 0); returns its id. */
export function saveSchedule(db: Database, input: ScheduleInput, now: number): string {
  const { sigmas } = input;
  if (!(sigmas instanceof Float64Array) || sigmas.length < 2) throw new InvalidArgumentError('sigmas', 'expected a Float64Array of at least 2 levels');
  for (let i = 0; i < sigmas.length; i++) {
    const ok = Number.isFinite(sigmas[i]!) && (i === 0 || sigmas[i]! < sigmas[i - 1]!);
    if (!ok) throw new InvalidArgumentError(`sigmas[${i}]`, `expected a finite level below the previous one, got ${sigmas[i]}`);
  }
  if (sigmas[sigmas.length - 1] !== 0) throw new InvalidArgumentError(`sigmas[${sigmas.length - 1}]`, `expected exactly 0, got ${sigmas[sigmas.length - 1]}`);
  const bytes = toLittleEndian(sigmas);
  const id = randomUUID();
  cached(db, `INSERT INTO schedules (${META}, sigmas) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id, requireText('name', input.name), requireString('notes', input.notes ?? ''), requireText('kind', input.kind), JSON.stringify(input.params ?? {}),
    sigmas.length - 1, sha256Hex(bytes), now, now, bytes,
  );
  return id;
}

/** The schedule library, newest first, without the σ lists. */
export function listSchedules(db: Database): ScheduleMeta[] {
  return cached<[], ScheduleDbRow>(db, `SELECT ${META} FROM schedules ORDER BY created_at DESC, id`).all().map(toMeta);
}

export function getSchedule(db: Database, id: string): ScheduleRecord | undefined {
  const row = cached<[string], ScheduleDbRow & { sigmas: Buffer }>(db, `SELECT ${META}, sigmas FROM schedules WHERE id = ?`).get(id);
  return row === undefined ? undefined : { ...toMeta(row), sigmas: fromLittleEndian('float64', row.sigmas) as Float64Array };
}

/** Renames a schedule or edits its notes (the σ list itself never changes). */
export function updateSchedule(db: Database, id: string, patch: { name?: string; notes?: string }, now: number): void {
  const current = getSchedule(db, id);
  if (current === undefined) throw notFound('schedule', id);
  cached(db, 'UPDATE schedules SET name = ?, notes = ?, updated_at = ? WHERE id = ?').run(
    patch.name === undefined ? current.name : requireText('name', patch.name), patch.notes === undefined ? current.notes : requireString('notes', patch.notes), now, id,
  );
}

export function deleteSchedule(db: Database, id: string): void {
  if (cached(db, 'DELETE FROM schedules WHERE id = ?').run(id).changes === 0) throw notFound('schedule', id);
}
