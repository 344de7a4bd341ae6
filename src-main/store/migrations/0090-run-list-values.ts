import type { Migration } from './types';

/**
 * The run statuses as this migration codes them in `list_values`: a status is its index here (the
 * statuses of the CHECK of 0010, frozen). A status not in this list is written as its text.
 */
export const LIST_VALUES_STATUSES = ['queued', 'running', 'completed', 'cancelled', 'interrupted', 'failed'] as const;

/**
 * The values of a run's `list_values`, in order, as SQL over `runs r`: the run's list columns
 * (RUN_ROW_COLUMNS of runRow.ts when this shipped) with the experiment's id, name and preset replaced by
 * the experiment's `seq` (NULL when the experiment is missing), the status by its code, the creation
 * time by its high and low 30 bits and the finish and trash times by their distance from it. Frozen
 * here (a migration never changes); runRow.ts `toRunRows` reads them back and tests check that they
 * still agree.
 */
export const LIST_VALUES_SQL = [
  'r.id',
  '(SELECT e.seq FROM experiments e WHERE e.id = r.experiment_id)',
  'r.name', 'r.variant', 'r.delta_tol', 'r.seed_count',
  `CASE r.status ${LIST_VALUES_STATUSES.map((s, k) => `WHEN '${s}' THEN ${k}`).join(' ')} ELSE r.status END`,
  'r.backend', 'r.starred', 'r.created_at >> 30', 'r.created_at & 1073741823', 'r.finished_at - r.created_at', 'r.deleted_at - r.created_at',
  'r.seeds_finished',
  'r.mean_e_inf', 'r.mean_e1', 'r.mean_mse', 'r.mean_psnr', 'r.mean_v_nats', 'r.mean_v_delta_nats', 'r.mean_v_delta_coarse_nats',
] as const;

/** The columns of `runs` that `list_values` depends on: a change of any of them rewrites it. */
const WATCHED = [
  'id', 'experiment_id', 'name', 'variant', 'delta_tol', 'seed_count', 'status', 'backend', 'starred', 'created_at', 'finished_at',
  'deleted_at', 'seeds_finished', 'mean_e_inf', 'mean_e1', 'mean_mse', 'mean_psnr', 'mean_v_nats', 'mean_v_delta_nats', 'mean_v_delta_coarse_nats',
];

/** The summary means the list sorts by (runList.ts SORT_SQL): in the index, so that sorting by them reads no table row. */
const SORT_COLUMNS = ['mean_e_inf', 'mean_e1', 'mean_mse', 'mean_psnr', 'mean_v_delta_nats'];

/** A JSON array's elements without its brackets: the first value is a string, the last a number or null. */
const VALUES = `rtrim(ltrim(json_array(${LIST_VALUES_SQL.join(', ')}), '['), ']')`;

/** Rewrites `list_values` of the runs selected by `where` (SQL over `runs`). */
const rewrite = (where: string) => `UPDATE runs SET list_values = (SELECT ${VALUES} FROM runs r WHERE r.seq = runs.seq) WHERE ${where};`;

/**
 * `list_values` replaces `list_line` (0080): fewer, cheaper values for the list to parse. The
 * experiment's id, name and preset (three strings repeated on every run of an experiment) become the
 * experiment's `seq`, which the list resolves once per experiment; the status becomes a small integer
 * code and the times small integers (V8 parses a JSON integer that fits 31 bits several times faster
 * than a 13-digit one, and allocates nothing for it); the brackets go, so that SQLite concatenates a
 * page into one flat JSON array. `JSON.parse`
 * and the objects and garbage it makes were most of the time of listing 10,000 runs. Triggers keep
 * it exact: after a run's insert and after any change of a column it depends on (0070's copies of the
 * summary included), and after an experiment's insert, delete or change of `id` or `seq` (a no-op
 * unless runs name that experiment). Each trigger re-reads the row, so their order does not matter.
 * The index of live runs holds the values with every column the list filters or sorts by.
 */
export default {
  version: 90,
  name: 'run-list-values',
  up(db) {
    db.exec(`
      DROP TRIGGER runs_list_line_insert;
      DROP TRIGGER runs_list_line_update;
      DROP INDEX runs_live_lines;
      ALTER TABLE runs DROP COLUMN list_line;

      ALTER TABLE runs ADD COLUMN list_values TEXT NOT NULL DEFAULT '';
      UPDATE runs AS r SET list_values = ${VALUES};

      CREATE TRIGGER runs_list_values_insert AFTER INSERT ON runs BEGIN
        ${rewrite('seq = NEW.seq')}
      END;
      CREATE TRIGGER runs_list_values_update AFTER UPDATE OF ${WATCHED.join(', ')} ON runs BEGIN
        ${rewrite('seq = NEW.seq')}
      END;
      CREATE TRIGGER experiments_list_values_insert AFTER INSERT ON experiments BEGIN
        ${rewrite('experiment_id = NEW.id')}
      END;
      CREATE TRIGGER experiments_list_values_delete AFTER DELETE ON experiments BEGIN
        ${rewrite('experiment_id = OLD.id')}
      END;
      CREATE TRIGGER experiments_list_values_update AFTER UPDATE OF seq, id ON experiments BEGIN
        ${rewrite('experiment_id IN (OLD.id, NEW.id)')}
      END;

      CREATE INDEX runs_live_values ON runs (
        created_at, seq, deleted_at, status, experiment_id, experiment_preset, starred,
        name, experiment_name, variant, delta_tol, ${SORT_COLUMNS.join(', ')}, list_values
      ) WHERE deleted_at IS NULL;
    `);
  },
} satisfies Migration;
