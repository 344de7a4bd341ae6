import type { Migration } from './types';

/**
 * `runs.seed_count`: the number of seeds, kept by a trigger on every insert (the store's and a
 * bundle import's), so run lists read an integer instead of parsing each run's seed JSON
 * (json_array_length was half the cost of listing 10,000 runs).
 */
export default {
  version: 60,
  name: 'run-seed-count',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN seed_count INTEGER NOT NULL DEFAULT 0;
      UPDATE runs SET seed_count = json_array_length(seeds);
      CREATE TRIGGER runs_seed_count AFTER INSERT ON runs BEGIN
        UPDATE runs SET seed_count = json_array_length(NEW.seeds) WHERE seq = NEW.seq;
      END;
    `);
  },
} satisfies Migration;
