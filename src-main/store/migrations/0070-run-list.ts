import type { Migration } from './types';

/** The run_summary means copied onto runs, in run_summary's column order. */
const MEANS = ['e_inf', 'e1', 'mse', 'psnr', 'v_nats', 'v_delta_nats', 'v_delta_coarse_nats'] as const;

const setMeans = (from: 'NEW' | 's') => MEANS.map((m) => `mean_${m} = ${from}.${m}`).join(', ');

/**
 * What a run list shows, on the run row itself, so that listing reads one partial covering index
 * and joins nothing (the two joins and the wide rows with their config JSON were most of the cost
 * of listing 10,000 runs). `experiment_name` and `experiment_preset` copy the run's experiment;
 * `seeds_finished` and `mean_*` copy its run_summary row (all NULL while it has none). Triggers keep
 * them exact: on a run's insert (the store's and a bundle import's) or a change of its experiment,
 * on an experiment's rename or preset change, and on every write of run_summary (the finals trigger
 * of 0020 writes it with INSERT OR REPLACE). `runs_seed_count` of 0060 is folded into the insert
 * trigger, so an insert updates its row once.
 */
export default {
  version: 70,
  name: 'run-list',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN experiment_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE runs ADD COLUMN experiment_preset TEXT;
      ALTER TABLE runs ADD COLUMN seeds_finished INTEGER;
      ${MEANS.map((m) => `ALTER TABLE runs ADD COLUMN mean_${m} REAL;`).join('\n      ')}

      UPDATE runs SET experiment_name = e.name, experiment_preset = e.preset FROM experiments e WHERE e.id = runs.experiment_id;
      UPDATE runs SET seeds_finished = s.seeds_finished, ${setMeans('s')} FROM run_summary s WHERE s.run_id = runs.id;

      DROP TRIGGER runs_seed_count;
      CREATE TRIGGER runs_list_insert AFTER INSERT ON runs BEGIN
        UPDATE runs SET seed_count = json_array_length(NEW.seeds),
          (experiment_name, experiment_preset) = (SELECT name, preset FROM experiments WHERE id = NEW.experiment_id)
        WHERE seq = NEW.seq;
      END;
      CREATE TRIGGER runs_list_experiment AFTER UPDATE OF experiment_id ON runs BEGIN
        UPDATE runs SET (experiment_name, experiment_preset) = (SELECT name, preset FROM experiments WHERE id = NEW.experiment_id)
        WHERE seq = NEW.seq;
      END;
      CREATE TRIGGER experiments_list_rename AFTER UPDATE OF name, preset ON experiments
      WHEN OLD.name IS NOT NEW.name OR OLD.preset IS NOT NEW.preset BEGIN
        UPDATE runs SET experiment_name = NEW.name, experiment_preset = NEW.preset WHERE experiment_id = NEW.id;
      END;
      CREATE TRIGGER run_summary_list_insert AFTER INSERT ON run_summary BEGIN
        UPDATE runs SET seeds_finished = NEW.seeds_finished, ${setMeans('NEW')} WHERE id = NEW.run_id;
      END;
      CREATE TRIGGER run_summary_list_update AFTER UPDATE ON run_summary BEGIN
        UPDATE runs SET seeds_finished = NEW.seeds_finished, ${setMeans('NEW')} WHERE id = NEW.run_id;
      END;
      CREATE TRIGGER run_summary_list_delete AFTER DELETE ON run_summary BEGIN
        UPDATE runs SET seeds_finished = NULL, ${MEANS.map((m) => `mean_${m} = NULL`).join(', ')} WHERE id = OLD.run_id;
      END;

      DROP INDEX runs_live_by_created;
      CREATE INDEX runs_live_list ON runs (
        created_at, seq, id, experiment_id, experiment_name, experiment_preset, name, variant, delta_tol, seed_count, status,
        backend, starred, finished_at, deleted_at, seeds_finished, ${MEANS.map((m) => `mean_${m}`).join(', ')}
      ) WHERE deleted_at IS NULL;
    `);
  },
} satisfies Migration;
