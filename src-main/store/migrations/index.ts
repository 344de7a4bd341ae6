import type { Database } from 'better-sqlite3';
import { BugIndicatingError, LabError } from '../../../src-shared/errors';
import experimentsAndRuns from './0010-experiments-and-runs';
import runMetrics from './0020-run-metrics';
import artifacts from './0030-artifacts';
import libraries from './0040-libraries';
import search from './0050-search';
import runSeedCount from './0060-run-seed-count';
import runList from './0070-run-list';
import runListLine from './0080-run-list-line';
import runListValues from './0090-run-list-values';
import type { Migration } from './types';

export type { Migration } from './types';

/** Append only. Never edit a migration that has shipped; add a new one. */
export const MIGRATIONS: readonly Migration[] = [experimentsAndRuns, runMetrics, artifacts, libraries, search, runSeedCount, runList, runListLine, runListValues];

/** The schema version this build writes. */
export const LATEST_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/** The file was written by a newer build; refuse rather than guess. */
export class DbVersionFromFutureError extends LabError {
  override readonly name = 'DbVersionFromFutureError';
  constructor(found: number, latest: number, file?: string) {
    super(
      'storage-future-version',
      `the run database${file === undefined ? '' : ` at ${file}`} has schema version ${found}, newer than this build supports (${latest}): ` +
        'it was written by a newer InfoDiff Lab. Update the app, or point it at another data folder (--data-dir or INFODIFF_DATA_DIR).',
    );
  }
}

/** The schema version recorded in the file (`PRAGMA user_version`; 0 for a new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` to the latest schema in one transaction; `PRAGMA user_version` records where it is.
 * A failing step rolls back every step (SQLite DDL is transactional): the version stays.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  for (let k = 1; k < migrations.length; k++) {
    if (migrations[k]!.version <= migrations[k - 1]!.version) {
      throw new BugIndicatingError(`migration versions not increasing at ${migrations[k]!.name}`);
    }
  }
  const to = migrations.at(-1)?.version ?? 0;
  const seen = schemaVersion(db);
  if (seen > to) throw new DbVersionFromFutureError(seen, to);
  if (seen === to) return { from: seen, to };

  // BEGIN IMMEDIATE, then read the version again: another process may have migrated meanwhile.
  return db.transaction(() => {
    const from = schemaVersion(db);
    if (from > to) throw new DbVersionFromFutureError(from, to);
    for (const migration of migrations) {
      if (migration.version > from) migration.up(db);
    }
    db.pragma(`user_version = ${to}`);
    return { from, to };
  }).immediate();
}
