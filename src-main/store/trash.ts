import type { Database } from 'better-sqlite3';
import { LabError } from '../../src-shared/errors';
import { cached, placeholders, writeTransaction } from './sql';
import { notFound, requireIds } from './validate';

function requireRuns(db: Database, ids: readonly string[]): { id: string; status: string; deleted_at: number | null }[] {
  const rows = db.prepare<string[], { id: string; status: string; deleted_at: number | null }>(
    `SELECT id, status, deleted_at FROM runs WHERE id IN (${placeholders(ids.length)})`).all(...ids);
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing !== undefined) throw notFound('run', missing);
  return rows;
}

/** Moves runs to the trash (hidden from lists, kept whole); all or none. Trashing a trashed run keeps its first date. */
export function trashRuns(db: Database, ids: readonly string[], now: number): void {
  const unique = [...new Set(requireIds('ids', ids))];
  writeTransaction(db, () => {
    requireRuns(db, unique);
    const trash = cached(db, 'UPDATE runs SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?');
    for (const id of unique) trash.run(now, id);
  });
}

/** Takes runs back out of the trash; all or none. */
export function restoreRuns(db: Database, ids: readonly string[]): void {
  const unique = [...new Set(requireIds('ids', ids))];
  writeTransaction(db, () => {
    requireRuns(db, unique);
    const restore = cached(db, 'UPDATE runs SET deleted_at = NULL WHERE id = ?');
    for (const id of unique) restore.run(id);
  });
}

/**
 * Deletes runs for good: the run rows, their steps, finals, summary and artifacts (by cascade),
 * all or none; a run still queued or running is refused. The freed pages are then returned to the
 * file system (`PRAGMA incremental_vacuum`; the file shrinks at the next WAL checkpoint). Experiments
 * stay, even with no run left. Returns the bytes of artifact data freed.
 */
export function purgeRuns(db: Database, ids: readonly string[]): { runs: number; artifactBytes: number } {
  const unique = [...new Set(requireIds('ids', ids))];
  const freed = writeTransaction(db, () => {
    const rows = requireRuns(db, unique);
    const live = rows.find((row) => row.status === 'queued' || row.status === 'running');
    if (live !== undefined) throw new LabError('invalid-argument', `run ${live.id} is ${live.status}: cancel it before deleting it for good`);
    const bytes = db.prepare<string[], number>(`SELECT coalesce(sum(length(data)), 0) FROM artifacts WHERE run_id IN (${placeholders(unique.length)})`).pluck().get(...unique)!;
    const remove = cached(db, 'DELETE FROM runs WHERE id = ?');
    for (const id of unique) remove.run(id);
    return bytes;
  });
  db.pragma('incremental_vacuum');
  return { runs: unique.length, artifactBytes: freed };
}
