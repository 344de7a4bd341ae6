import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LabError } from '../../src-shared/errors';
import { DbVersionFromFutureError, type Migration, MIGRATIONS, migrate, schemaVersion } from './migrations';
import { isSqliteError } from './sql';

export interface OpenDatabaseOptions {
  /** better-sqlite3's `nativeBinding`: the Electron-ABI binary (see nativeBinding.ts); default: the package's own. */
  readonly nativeBinding?: string;
  /** For tests of the migration runner; default: all of them. */
  readonly migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly migrated: { readonly from: number; readonly to: number };
  /** The copy taken before migrating, if one was taken now. */
  readonly backupFile: string | undefined;
}

/**
 * Opens (creating if needed) the run database at `file` (or ':memory:') and makes it ready: WAL,
 * foreign keys, incremental auto-vacuum for a new file, `PRAGMA quick_check`, a refusal of files
 * from a newer build, a `VACUUM INTO` copy named with the old version before migrating a non-empty
 * older file (`<file>.v<version>.bak`), then the pending migrations in one transaction.
 * Throws LabError 'storage-corrupt', 'storage-future-version' or 'storage'.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  } catch (error) {
    throw new LabError('storage', `cannot open the run database at ${file}: ${(error as Error).message}`);
  }
  try {
    db.pragma('foreign_keys = ON');
    const hasSchema = (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) > 0;
    // auto_vacuum can only be chosen before the first table exists.
    if (!hasSchema) db.pragma('auto_vacuum = INCREMENTAL');
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 64 MiB page cache: listing 10,000 runs touches about 10 MB of pages.
    db.pragma('cache_size = -65536');
    checkIntegrity(db, file);
    const version = schemaVersion(db);
    if (version > latest) throw new DbVersionFromFutureError(version, latest, file);
    const backupFile = hasSchema && version < latest && file !== ':memory:' ? backup(db, file, version) : undefined;
    const migrated = migrateOrExplain(db, file, migrations, backupFile);
    return { db, migrated, backupFile };
  } catch (error) {
    db.close();
    throw asLabError(error, file);
  }
}

function checkIntegrity(db: Database.Database, file: string): void {
  const problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw corruptError(file, problems.join('; '));
}

function backup(db: Database.Database, file: string, version: number): string {
  let target = `${file}.v${version}.bak`;
  if (existsSync(target)) target = `${file}.v${version}-${Date.now()}.bak`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

function migrateOrExplain(db: Database.Database, file: string, migrations: readonly Migration[], backupFile: string | undefined): { from: number; to: number } {
  const from = schemaVersion(db);
  try {
    return migrate(db, migrations);
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError(
      'storage',
      `updating the run database at ${file} from schema ${from} to ${migrations.at(-1)?.version ?? 0} failed and was rolled back (the file is unchanged): ` +
        `${(error as Error).message}${backupFile === undefined ? '' : `. A copy taken before the update is at ${backupFile}`}`,
    );
  }
}

function asLabError(error: unknown, file: string): LabError {
  if (error instanceof LabError) return error;
  if (isSqliteError(error, 'SQLITE_CORRUPT') || isSqliteError(error, 'SQLITE_NOTADB')) return corruptError(file, error.message);
  return new LabError('storage', `cannot open the run database at ${file}: ${(error as Error).message}`);
}

/** The 'storage-corrupt' error: where the file is, whether a backup exists, and what to do. */
export function corruptError(file: string, detail: string): LabError {
  const backupFile = file === ':memory:' ? undefined : latestBackup(file);
  return new LabError(
    'storage-corrupt',
    `the run database at ${file} is damaged (integrity check: ${detail}). Quit InfoDiff Lab, move the file aside (keep it: ` +
      `"sqlite3 ${path.basename(file)} .recover" may save its runs), then ` +
      (backupFile === undefined
        ? 'start again to create a new, empty database.'
        : `copy the backup ${backupFile} (taken before the last schema update) to ${file}, or start again to create a new, empty database.`),
  );
}

/** The newest `<file>.v<N>[-<ms>].bak` beside `file`, if any. */
export function latestBackup(file: string): string | undefined {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.v`;
  let entries: string[];
  try {
    entries = readdirSync(folder).filter((name) => name.startsWith(prefix) && name.endsWith('.bak'));
  } catch {
    return undefined;
  }
  const newest = entries.map((name) => path.join(folder, name)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest;
}
