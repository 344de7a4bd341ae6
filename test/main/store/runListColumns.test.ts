import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { type Store, openStore } from '../../../src-main/store';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { RUN_STATUSES } from '../../../src-shared/experiment/records';
import { LIST_VALUES_SQL, LIST_VALUES_STATUSES } from '../../../src-main/store/migrations/0090-run-list-values';
import { openDatabase } from '../../../src-main/store/open';
import { listRuns } from '../../../src-main/store/runList';
import { LIST_VALUES_WIDTH, RUN_ROW_COLUMNS, toRunRow } from '../../../src-main/store/runRow';
import { finalMetrics, seedRun, tempDir } from './support/fixtures';

/**
 * Runs whose copied list columns (migration 0070) differ from what the joins they replace give:
 * the experiment's name and preset, the run_summary row (all NULL when there is none); or whose
 * list values (migration 0090) are not the JSON array elements of LIST_VALUES_SQL as they are now.
 */
function staleRuns(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const means = ['e_inf', 'e1', 'mse', 'psnr', 'v_nats', 'v_delta_nats', 'v_delta_coarse_nats'];
  const stale = db.prepare(`
    SELECT r.id FROM runs r JOIN experiments e ON e.id = r.experiment_id LEFT JOIN run_summary s ON s.run_id = r.id
    WHERE r.experiment_name IS NOT e.name OR r.experiment_preset IS NOT e.preset OR r.seeds_finished IS NOT s.seeds_finished
      OR ${means.map((m) => `r.mean_${m} IS NOT s.${m}`).join(' OR ')}
      OR '[' || r.list_values || ']' IS NOT json_array(${LIST_VALUES_SQL.join(', ')})`).pluck().all() as string[];
  db.close();
  return stale;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function fileStore(): { store: Store; file: string } {
  const file = path.join(tempDir(), 'infodiff.db');
  return { store: openStore({ file }), file };
}

describe('runs list columns (migration 0070) and list values (migration 0090)', () => {
  it('list_values holds LIST_VALUES_WIDTH values and codes every RunStatus (a change of the list columns needs a new migration)', () => {
    expect(LIST_VALUES_SQL).toHaveLength(LIST_VALUES_WIDTH);
    expect([...LIST_VALUES_STATUSES].sort()).toEqual([...RUN_STATUSES].sort());
  });

  it('every write of a list column rewrites the line: listRuns gives what the columns read one by one give, numbers exactly', () => {
    const { store, file } = fileStore();
    const a = seedRun(store, { experiment: 'Toy grid', preset: 'paper-toy', deltaTol: 0.1 + 0.2 });
    const b = seedRun(store, { experiment: 'Digits', preset: null, deltaTol: null });
    const hard = [1 / 3, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0, Math.PI * 1e-300];
    store.appendFinals(a.runId, hard.map((eInf, seed) => ({ ...finalMetrics(seed), eInf, mse: eInf })));
    store.startRun(b.runId);
    store.updateRun(a.runId, { name: 'renamed', starred: true });
    store.finishRun(a.runId, { status: 'completed' });
    store.finishRun(b.runId, { status: 'failed', error: 'boom' });
    store.trashRuns([b.runId]);
    expect(staleRuns(file)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const fromColumns = (db.prepare(`SELECT ${RUN_ROW_COLUMNS} FROM runs r ORDER BY r.created_at DESC, r.seq DESC`).raw().all() as unknown[][]).map(toRunRow);
    db.close();
    expect(store.listRuns({ trash: 'include' }).rows).toEqual(fromColumns);
    expect(fromColumns.find((r) => r.id === a.runId)).toMatchObject({ name: 'renamed', starred: true, status: 'completed', deltaTol: 0.1 + 0.2 });
    expect(store.listRuns().rows.map((r) => r.id)).toEqual([a.runId]);
    expect(store.listRuns({ sort: 'eInf', limit: 1, offset: 0 }).rows[0]!.summary!.eInf).toBe(store.getRun(a.runId)!.summary!.eInf);
    store.close();
  });

  it('updateExperiment(id, { name, preset }) carries the new name and preset to every run of the experiment, for lists, filters and sorts', () => {
    const { store, file } = fileStore();
    const a = seedRun(store, { experiment: 'Toy grid', preset: 'paper-toy' });
    const second = store.createRun({ experimentId: a.experimentId, variant: 'unprojected', deltaTol: null, seeds: [0], config: {}, configHash: 'h', dataHash: null, appVersion: '0', backend: 'cpu' });
    const other = seedRun(store, { experiment: 'Digits', preset: 'digits' });
    store.updateExperiment(a.experimentId, { name: 'Zeta sweep', preset: 'digits' });
    expect(staleRuns(file)).toEqual([]);
    const rows = store.listRuns({ sort: 'experiment' }).rows;
    expect(rows.map((r) => [r.id, r.experiment, r.preset])).toEqual([
      [other.runId, 'Digits', 'digits'], [a.runId, 'Zeta sweep', 'digits'], [second, 'Zeta sweep', 'digits'],
    ]);
    expect(store.listRuns({ preset: 'digits' }).total).toBe(3);
    expect(store.listRuns({ preset: 'paper-toy' }).total).toBe(0);
    expect(store.listRuns({ search: 'zeta' }).rows.map((r) => r.id).sort()).toEqual([a.runId, second].sort());
    store.updateExperiment(a.experimentId, { preset: null, notes: 'only the notes and preset change' });
    expect(store.getRun(second)).toMatchObject({ experiment: 'Zeta sweep', preset: null });
    expect(staleRuns(file)).toEqual([]);
    store.close();
  });

  it('appendFinals(runId, finals) sets the run\'s listed summary to the means over all seeds stored so far, after each call', () => {
    const { store, file } = fileStore();
    const { runId } = seedRun(store);
    expect(store.listRuns().rows[0]!.summary).toBeNull();
    store.appendFinals(runId, [finalMetrics(0, 0.5)]);
    expect(store.listRuns().rows[0]!.summary).toMatchObject({ seedsFinished: 1, eInf: 0.5, psnr: 30.5 });
    store.appendFinals(runId, [finalMetrics(1, 0.25), { ...finalMetrics(2), mse: Number.NaN }]);
    const summary = store.listRuns().rows[0]!.summary!;
    expect(summary.seedsFinished).toBe(3);
    expect(summary.eInf).toBeCloseTo(mean([0.5, 0.01 + 0.25, 0.02]), 14);
    // NaN is stored as NULL and skipped by the mean, as in run_summary.
    expect(summary.mse).toBeCloseTo(mean([1.5, 2.25]), 14);
    expect(store.listRuns({ sort: 'eInf' }).rows[0]!.summary).toEqual(summary);
    expect(staleRuns(file)).toEqual([]);
    store.close();
  });

  it('importBundle(file) lists each imported run with its local experiment and its summary, as the source lists it', () => {
    const dir = tempDir();
    const source = openStore({ file: path.join(dir, 'source.db') });
    const a = seedRun(source, { experiment: 'Toy grid', preset: 'paper-toy' });
    const b = seedRun(source, { experiment: 'Digits', preset: null });
    source.appendFinals(a.runId, [finalMetrics(0, 0.1), finalMetrics(1, 0.3)]);
    source.finishRun(a.runId, { status: 'completed' });
    source.finishRun(b.runId, { status: 'failed', error: 'boom' });
    const bundle = path.join(dir, 'runs.infodiff');
    source.exportBundle([a.runId, b.runId], bundle);
    const targetFile = path.join(dir, 'target.db');
    const target = openStore({ file: targetFile });
    const { idMap } = target.importBundle(bundle);
    expect(staleRuns(targetFile)).toEqual([]);
    const listed = (store: Store, ids: string[]) =>
      ids.map((id) => store.listRuns().rows.find((r) => r.id === id)).map((r) => r && { experiment: r.experiment, preset: r.preset, summary: r.summary });
    expect(listed(target, [idMap[a.runId]!, idMap[b.runId]!])).toEqual(listed(source, [a.runId, b.runId]));
    expect(listed(target, [idMap[a.runId]!])[0]).toMatchObject({ experiment: 'Toy grid', preset: 'paper-toy', summary: { seedsFinished: 2 } });
    source.close();
    target.close();
  });

  it('trashRuns, restoreRuns and purgeRuns keep every remaining run\'s list columns exact', () => {
    const { store, file } = fileStore();
    const runs = [0, 1, 2].map((k) => seedRun(store, { experiment: `e${k}` }).runId);
    runs.forEach((id, k) => {
      store.appendFinals(id, [finalMetrics(0, k)]);
      store.finishRun(id, { status: 'completed' });
    });
    store.trashRuns([runs[0]!, runs[1]!]);
    expect(store.listRuns({ trash: 'only' }).rows.map((r) => [r.experiment, r.summary?.seedsFinished])).toEqual([['e1', 1], ['e0', 1]]);
    store.restoreRuns([runs[1]!]);
    store.purgeRuns([runs[0]!]);
    expect(staleRuns(file)).toEqual([]);
    expect(store.listRuns({ trash: 'include' }).rows.map((r) => r.experiment)).toEqual(['e2', 'e1']);
    store.close();
  });

  it('a file at version 60 with runs in it migrates with each run\'s experiment and summary filled in', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 60) }).db;
    old.exec(`
      INSERT INTO experiments (id, name, preset, created_at, updated_at) VALUES ('e1', 'Toy grid', 'paper-toy', 0, 0), ('e2', 'Digits', NULL, 0, 0);
      INSERT INTO runs (id, experiment_id, variant, seeds, status, backend, app_version, config, config_hash, created_at)
        VALUES ('r1', 'e1', 'projected', '[0,1]', 'completed', 'cpu', '0', '{}', 'h', 1), ('r2', 'e2', 'projected', '[0]', 'failed', 'cpu', '0', '{}', 'h', 2);
      INSERT INTO run_finals (run_id, seed, e_inf, e1, mse, psnr, v_nats, v_delta_nats, v_delta_coarse_nats)
        VALUES ('r1', 0, 0.5, 1, NULL, 30, 2, 1, 0.5), ('r1', 1, 0.25, 2, 4, 32, 2, 1, 0.5);
    `);
    old.close();
    const opened = openDatabase(file);
    expect(opened.migrated).toEqual({ from: 60, to: MIGRATIONS.at(-1)!.version });
    const row = (id: string) => opened.db.prepare('SELECT experiment_name, experiment_preset, seed_count, seeds_finished, mean_e_inf, mean_e1, mean_mse, mean_psnr FROM runs WHERE id = ?').raw().get(id);
    expect(row('r1')).toEqual(['Toy grid', 'paper-toy', 2, 2, 0.375, 1.5, 4, 31]);
    expect(row('r2')).toEqual(['Digits', null, 1, null, null, null, null, null]);
    opened.db.close();
    expect(staleRuns(file)).toEqual([]);
    const store = openStore({ file });
    expect(store.listRuns().rows.map((r) => [r.id, r.experiment, r.seedCount, r.summary?.eInf ?? null])).toEqual([['r2', 'Digits', 1, null], ['r1', 'Toy grid', 2, 0.375]]);
    store.close();
  });

  it('listRuns(db, {}) reads the default list from the covering index runs_live_values alone, its experiments by rowid, and counts only a limited page', () => {
    const { db } = openDatabase(':memory:');
    db.exec(`
      INSERT INTO experiments (id, name, created_at, updated_at) VALUES ('e1', 'Toy grid', 0, 0);
      INSERT INTO runs (id, experiment_id, variant, seeds, status, backend, app_version, config, config_hash, created_at)
        VALUES ('r1', 'e1', 'projected', '[0]', 'running', 'cpu', '0', '{}', 'h', 1);
    `);
    const texts: string[] = [];
    const prepare = db.prepare.bind(db);
    vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      texts.push(sql);
      return prepare(sql);
    }) as typeof db.prepare);
    expect(listRuns(db, {}).total).toBe(1);
    expect(texts.filter((sql) => sql.includes('count(*)'))).toEqual([]);
    expect(listRuns(db, { limit: 50 }).total).toBe(1);
    const plans = texts.map((sql) => {
      const parameters = Array.from({ length: (sql.match(/\?/gu) ?? []).length }, () => 0);
      return (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((step) => step.detail);
    });
    const planOf = (part: string) => plans[texts.findIndex((sql) => sql.includes(part))]!;
    expect(texts.filter((sql) => sql.includes('count(*)'))).toHaveLength(1);
    expect(planOf('list_values')).toContain('SCAN r USING COVERING INDEX runs_live_values');
    expect(planOf('FROM experiments')).toContain('SEARCH experiments USING INTEGER PRIMARY KEY (rowid=?)');
    expect(planOf('count(*)')).toEqual(['SCAN r USING COVERING INDEX runs_live_values']);
    expect(plans.flat().filter((step) => /^SCAN (r|runs|experiments)\b(?! USING COVERING INDEX)/u.test(step))).toEqual([]);
    db.close();
  });

  it('listRuns lists every status as stored, each status coded or not (a status outside the code list comes through as its text)', () => {
    const { db } = openDatabase(':memory:');
    db.exec("INSERT INTO experiments (id, name, created_at, updated_at) VALUES ('e1', 'Toy grid', 0, 0)");
    RUN_STATUSES.forEach((status, k) => db.prepare(`INSERT INTO runs (id, experiment_id, variant, seeds, status, backend, app_version, config, config_hash, created_at)
      VALUES (?, 'e1', 'projected', '[0]', ?, 'cpu', '0', '{}', 'h', ?)`).run(`r${k}`, status, k));
    expect(listRuns(db, { sort: 'created', order: 'asc' }).rows.map((r) => r.status)).toEqual([...RUN_STATUSES]);
    // A status this build does not know (written by a newer tool, CHECK dropped) is not mistaken for a code.
    db.pragma('ignore_check_constraints = ON');
    db.prepare("UPDATE runs SET status = 'paused' WHERE id = 'r0'").run();
    expect(listRuns(db, { sort: 'created', order: 'asc' }).rows[0]!.status).toBe('paused');
    db.close();
  });

  it('listRuns shows an experiment as it is now after a write by this connection or another one (the experiment lookup is kept only while nothing is written)', () => {
    const { store, file } = fileStore();
    const a = seedRun(store, { experiment: 'Toy grid', preset: 'paper-toy' });
    expect(store.listRuns().rows[0]).toMatchObject({ experiment: 'Toy grid', preset: 'paper-toy' });
    store.updateExperiment(a.experimentId, { name: 'Renamed here' });
    expect(store.listRuns().rows[0]).toMatchObject({ experiment: 'Renamed here', preset: 'paper-toy' });
    const other = new Database(file);
    other.prepare("UPDATE experiments SET name = 'Renamed elsewhere', preset = NULL WHERE id = ?").run(a.experimentId);
    other.close();
    expect(store.listRuns({ limit: 1 }).rows[0]).toMatchObject({ experimentId: a.experimentId, experiment: 'Renamed elsewhere', preset: null });
    store.close();
  });

  it('listRuns gives created, finished and trashed exactly at the extremes (negative, 0, 2^53 − 1, a finish a century later)', () => {
    const { db } = openDatabase(':memory:');
    db.exec("INSERT INTO experiments (id, name, created_at, updated_at) VALUES ('e1', 'Toy grid', 0, 0)");
    const times: [number, number | null, number | null][] = [
      [-1_795_389_004_027, -1, null], [0, 0, 1], [1_073_741_823, 1_073_741_824, null],
      [1_795_389_004_026, 1_795_389_004_026 + 3_155_760_000_000, 1_795_389_004_026 + 5], [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ];
    times.forEach(([created, finished, deleted], k) => db.prepare(`INSERT INTO runs (id, experiment_id, variant, seeds, status, backend, app_version, config, config_hash, created_at, finished_at, deleted_at)
      VALUES (?, 'e1', 'projected', '[0]', 'completed', 'cpu', '0', '{}', 'h', ?, ?, ?)`).run(`r${k}`, created, finished, deleted));
    expect(listRuns(db, { trash: 'include', order: 'asc' }).rows.map((r) => [r.created, r.finished, r.trashed])).toEqual(times);
    db.close();
  });

  it('writes to experiments by another tool (rowid change, delete with foreign keys off, re-insert) keep each run\'s list values exact', () => {
    const { store, file } = fileStore();
    const a = seedRun(store, { experiment: 'Toy grid', preset: 'paper-toy' });
    const b = seedRun(store, { experiment: 'Digits', preset: 'digits' });
    store.close();
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    const listed = () => listRuns(db, { sort: 'created', order: 'asc' }).rows.map((r) => [r.id, r.experimentId, r.experiment, r.preset]);
    db.prepare('UPDATE experiments SET seq = seq + 100 WHERE id = ?').run(a.experimentId);
    expect(staleRuns(file)).toEqual([]);
    expect(listed()).toEqual([[a.runId, a.experimentId, 'Toy grid', 'paper-toy'], [b.runId, b.experimentId, 'Digits', 'digits']]);
    db.prepare('DELETE FROM experiments WHERE id = ?').run(b.experimentId);
    // The run keeps the copies of migration 0070, as before 0090.
    expect(listed()).toEqual([[a.runId, a.experimentId, 'Toy grid', 'paper-toy'], [b.runId, b.experimentId, 'Digits', 'digits']]);
    db.prepare("INSERT INTO experiments (id, name, preset, created_at, updated_at) VALUES (?, 'Digits again', NULL, 0, 0)").run(b.experimentId);
    // 0070 copies no experiment on an experiment's insert: check the list values alone.
    expect(db.prepare(`SELECT id FROM runs r WHERE '[' || list_values || ']' IS NOT json_array(${LIST_VALUES_SQL.join(', ')})`).pluck().all()).toEqual([]);
    expect(listed()[1]).toEqual([b.runId, b.experimentId, 'Digits again', null]);
    db.close();
  });
});
