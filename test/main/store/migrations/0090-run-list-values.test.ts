import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { openDatabase } from '../../../../src-main/store/open';
import { listRuns } from '../../../../src-main/store/runList';
import { toRunRow } from '../../../../src-main/store/runRow';
import { tempDir } from '../support/fixtures';

const RUN_INSERT = `INSERT INTO runs (id, experiment_id, name, variant, delta_tol, seeds, status, backend, app_version, config, config_hash, created_at, finished_at)
  VALUES (?, ?, ?, ?, ?, '[0,1]', ?, 'cpu', '0', '{}', 'h', ?, ?)`;

/** Doubles whose decimal form needs all 17 digits, extremes, a subnormal and ∞ (psnr of an exact reconstruction). */
const HARD = [1 / 3, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, Math.PI * 1e-300, 2 / 3, 1e-7 / 3, Number.POSITIVE_INFINITY];

/** A file at version 80 with runs of every kind the list shows: summaries with hard doubles and NULL means, trashed, starred, unicode, a dangling experiment. */
function version80File(): string {
  const file = path.join(tempDir(), 'infodiff.db');
  const { db } = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 80) });
  db.exec(`
    INSERT INTO experiments (id, name, preset, created_at, updated_at)
      VALUES ('e1', 'Toy grid "δ" sweep', 'paper-toy', 0, 0), ('e2', 'Digits', NULL, 0, 0), ('e3', 'Gone', 'x', 0, 0);
  `);
  const insert = db.prepare(RUN_INSERT);
  insert.run('r1', 'e1', 'Zürich \\ run', 'projected', 0.1 + 0.2, 'completed', 1_795_389_004_026, 1_795_389_004_029);
  insert.run('r2', 'e2', '', 'unprojected', null, 'failed', 1_795_389_004_030, 1_795_389_004_031);
  insert.run('r3', 'e1', 'queued one', 'projected', 1e-300 / 7, 'queued', 1_795_389_004_032, null);
  insert.run('r4', 'e3', 'orphan', 'projected', 0.05, 'interrupted', 1_795_389_004_033, null);
  const final = db.prepare('INSERT INTO run_finals (run_id, seed, e_inf, e1, mse, psnr, v_nats, v_delta_nats, v_delta_coarse_nats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  HARD.forEach((x, seed) => final.run('r1', seed, x, HARD[(seed + 1) % 7], seed === 2 ? null : x / 3, HARD[7], -x, x * 1e-10, 7 / (seed + 3)));
  final.run('r2', 0, null, null, null, null, null, null, null);
  db.exec(`
    UPDATE runs SET starred = 1 WHERE id = 'r1';
    UPDATE runs SET deleted_at = 1795389009999 WHERE id = 'r2';
    PRAGMA foreign_keys = OFF;
    DELETE FROM experiments WHERE id = 'e3';
  `);
  db.close();
  return file;
}

/** Every run as version 80 lists it: its `list_line` read back with toRunRow, newest first. */
function listedAt80(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  const lines = db.prepare('SELECT list_line FROM runs ORDER BY created_at DESC, seq DESC').pluck().all() as string[];
  db.close();
  return lines.map((line) => toRunRow(JSON.parse(line) as unknown[]));
}

describe('migration 0090 (run list values)', () => {
  it('a file at version 80 lists every run exactly as before (doubles to the bit, ∞, NULL means as NaN, trash, stars, a missing experiment)', () => {
    const file = version80File();
    const before = listedAt80(file);
    expect(before).toHaveLength(4);
    const { db } = openDatabase(file);
    const after = listRuns(db, { trash: 'include' }).rows;
    expect(after).toEqual(before);
    const r1 = after.find((r) => r.id === 'r1')!;
    expect(r1.summary!.psnr).toBe(Number.POSITIVE_INFINITY);
    expect(r1.deltaTol).toBe(0.1 + 0.2);
    expect(after.find((r) => r.id === 'r2')!.summary!.eInf).toBeNaN();
    expect(after.find((r) => r.id === 'r4')).toMatchObject({ experimentId: 'e3', experiment: 'Gone', preset: 'x' });
    db.close();
  });

  it('replaces list_line and its index and triggers by list_values, runs_live_values and their triggers, leaving an intact file', () => {
    const file = version80File();
    openDatabase(file).db.close();
    const db = new Database(file, { readonly: true });
    const columns = (db.prepare("SELECT name FROM pragma_table_info('runs')").pluck().all() as string[]);
    expect(columns).toContain('list_values');
    expect(columns).not.toContain('list_line');
    const schema = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND (name LIKE '%list%' OR name LIKE 'runs_live%') ORDER BY name").pluck().all();
    expect(schema).toEqual([
      'experiments_list_rename', 'experiments_list_values_delete', 'experiments_list_values_insert', 'experiments_list_values_update',
      'run_summary_list_delete', 'run_summary_list_insert', 'run_summary_list_update', 'runs_list_experiment', 'runs_list_insert',
      'runs_list_values_insert', 'runs_list_values_update', 'runs_live_values',
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('user_version', { simple: true })).toBe(90);
    db.close();
  });
});
