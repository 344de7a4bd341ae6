import type { Database, Statement } from 'better-sqlite3';

const statements = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared once per connection. */
export function cached<Params extends unknown[] = unknown[], Row = unknown>(db: Database, sql: string): Statement<Params, Row> {
  let byText = statements.get(db);
  if (byText === undefined) {
    byText = new Map();
    statements.set(db, byText);
  }
  let statement = byText.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement as unknown as Statement<Params, Row>;
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), so it
 * waits its turn behind another process's writes instead of failing with SQLITE_BUSY when its
 * first read is older than their commit (WAL cannot upgrade a stale read to a write).
 * Nested calls become savepoints.
 */
export function writeTransaction<T>(db: Database, work: () => T): T {
  return db.transaction(work).immediate();
}

/** Whether `error` is a SQLite error whose code starts with `prefix` (e.g. 'SQLITE_CONSTRAINT'). */
export function isSqliteError(error: unknown, prefix: string): error is Error & { code: string } {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith(prefix);
}

/** A REAL column read back: SQLite stores NaN as NULL, so NULL is NaN. */
export function realOrNaN(value: number | null): number {
  return value ?? Number.NaN;
}

/** `?, ?, …, ?` with `count` placeholders, for `IN (…)` lists. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
