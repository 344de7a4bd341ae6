import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DbVersionFromFutureError, LATEST_VERSION, MIGRATIONS, migrate } from '../../../src-main/store/migrations';
import { openDatabase } from '../../../src-main/store/open';
import { tempDir } from './support/fixtures';

const tableCount = (db: Database.Database) => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
const version = (db: Database.Database) => db.pragma('user_version', { simple: true });

describe('migrate(db)', () => {
  it('brings an empty database to the latest version, then is a no-op', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(version(db)).toBe(LATEST_VERSION);
    const tables = tableCount(db);
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(tableCount(db)).toBe(tables);
  });

  it('numbers the migrations in increasing multiples of 10', () => {
    MIGRATIONS.forEach((m, k) => {
      expect(m.version % 10).toBe(0);
      if (k > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[k - 1]!.version);
    });
  });

  it('applies only the migrations newer than user_version', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    const hasTable = (name: string) => db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(name) === 1;
    expect(hasTable('run_steps')).toBe(true);
    expect(hasTable('artifacts')).toBe(false);
    expect(migrate(db)).toEqual({ from: MIGRATIONS[1]!.version, to: LATEST_VERSION });
    expect(hasTable('artifacts')).toBe(true);
  });

  it('0060 fills runs.seed_count for existing runs and keeps it for every later insert', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 60));
    db.prepare("INSERT INTO experiments (id, name, created_at, updated_at) VALUES ('e', 'x', 0, 0)").run();
    const insert = db.prepare("INSERT INTO runs (id, experiment_id, variant, seeds, status, backend, app_version, config, config_hash, created_at) VALUES (?, 'e', 'v', ?, 'completed', 'cpu', '0', '{}', 'h', 0)");
    insert.run('old', JSON.stringify([0, 1, 2]));
    migrate(db);
    insert.run('new', JSON.stringify([4, 5, 6, 7, 8]));
    const count = (id: string) => db.prepare('SELECT seed_count FROM runs WHERE id = ?').pluck().get(id);
    expect(count('old')).toBe(3);
    expect(count('new')).toBe(5);
  });

  it('rolls back every step when one fails: the version stays 0 and no table exists', () => {
    const db = new Database(':memory:');
    const broken = { version: LATEST_VERSION + 10, name: 'broken', up: () => { throw new Error('boom'); } };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(version(db)).toBe(0);
    expect(tableCount(db)).toBe(0);
  });

  it('refuses a database written by a newer build with code storage-future-version', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 990}`);
    expect(() => migrate(db)).toThrow(DbVersionFromFutureError);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'storage-future-version' }));
  });
});

describe('openDatabase(file) and migrations', () => {
  it('copies a non-empty older database to <file>.v<old version>.bak before migrating it, with its data', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.db.prepare("INSERT INTO experiments (id, name, created_at, updated_at) VALUES ('e1', 'kept', 1, 1)").run();
    old.db.close();

    const opened = openDatabase(file);
    expect(opened.migrated).toEqual({ from: 10, to: LATEST_VERSION });
    expect(opened.backupFile).toBe(`${file}.v10.bak`);
    opened.db.close();
    const backup = new Database(opened.backupFile!, { readonly: true });
    expect(version(backup)).toBe(10);
    expect(backup.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['kept']);
    backup.close();
  });

  it('takes no copy of a new file or of one already at the latest version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'infodiff.db');
    const first = openDatabase(file);
    expect(first.backupFile).toBeUndefined();
    first.db.close();
    const second = openDatabase(file);
    expect(second.backupFile).toBeUndefined();
    expect(second.migrated).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    second.db.close();
    expect(existsSync(`${file}.v0.bak`)).toBe(false);
  });

  it('refuses a file from a newer build with a message that says what to do, and leaves it unchanged', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    const before = statSync(file).size;
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'storage-future-version', message: expect.stringMatching(/newer InfoDiff Lab.*Update the app/) }));
    const after = new Database(file);
    expect(version(after)).toBe(LATEST_VERSION + 10);
    expect(tableCount(after)).toBe(0);
    after.close();
    expect(statSync(file).size).toBe(before);
  });

  it('reports a failing migration as a storage error naming the backup, and keeps the old version', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const broken = { version: LATEST_VERSION + 10, name: 'broken', up: () => { throw new Error('boom'); } };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] })).toThrow(
      expect.objectContaining({ code: 'storage', message: expect.stringMatching(/rolled back.*boom.*v10\.bak/) }),
    );
    const db = new Database(file);
    expect(version(db)).toBe(10);
    db.close();
  });

  it('sets WAL, foreign keys and incremental auto-vacuum on a new file', () => {
    const { db } = openDatabase(path.join(tempDir(), 'infodiff.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    db.close();
  });
});
