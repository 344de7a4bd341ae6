import type { Migration } from './types';

/**
 * The partition library (named label maps), the schedule library (σ lists exactly as used) and
 * exported figures with the runs they came from. `figure_runs.run_id` is provenance, not a
 * foreign key: a figure keeps naming a run after the run is purged.
 */
export default {
  version: 40,
  name: 'libraries',
  up(db) {
    db.exec(`
      CREATE TABLE partitions (
        id           TEXT PRIMARY KEY,                 -- uuid
        name         TEXT NOT NULL CHECK (length(name) > 0),
        notes        TEXT NOT NULL DEFAULT '',
        height       INTEGER NOT NULL CHECK (height > 0),
        width        INTEGER NOT NULL CHECK (width > 0),
        block_count  INTEGER NOT NULL CHECK (block_count > 0),
        labels       BLOB NOT NULL,                    -- int32 little-endian, row-major, height × width
        created_at   INTEGER NOT NULL,                 -- Unix time, ms
        updated_at   INTEGER NOT NULL                  -- Unix time, ms
      ) STRICT;

      CREATE TABLE schedules (
        id           TEXT PRIMARY KEY,                 -- uuid
        name         TEXT NOT NULL CHECK (length(name) > 0),
        notes        TEXT NOT NULL DEFAULT '',
        kind         TEXT NOT NULL,                    -- e.g. 'karras', 'cosine', 'las', 'custom'
        params       TEXT NOT NULL DEFAULT '{}',       -- JSON: the constructor's parameters
        steps        INTEGER NOT NULL CHECK (steps >= 1),
        sigmas       BLOB NOT NULL,                    -- float64 little-endian, steps + 1 values, last 0
        sigmas_hash  TEXT NOT NULL,                    -- sha256 of the sigmas bytes
        created_at   INTEGER NOT NULL,                 -- Unix time, ms
        updated_at   INTEGER NOT NULL                  -- Unix time, ms
      ) STRICT;
      CREATE INDEX schedules_by_hash ON schedules (sigmas_hash);

      CREATE TABLE figures (
        id           TEXT PRIMARY KEY,                 -- uuid
        name         TEXT NOT NULL,
        format       TEXT NOT NULL CHECK (format IN ('svg', 'pdf', 'png', 'csv')),
        file_path    TEXT,                             -- where it was written, if known
        spec         TEXT NOT NULL,                    -- JSON: what was plotted and how
        app_version  TEXT NOT NULL,
        created_at   INTEGER NOT NULL                  -- Unix time, ms
      ) STRICT;

      CREATE TABLE figure_runs (
        figure_id  TEXT NOT NULL REFERENCES figures (id) ON DELETE CASCADE,
        run_id     TEXT NOT NULL,
        PRIMARY KEY (figure_id, run_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX figure_runs_by_run ON figure_runs (run_id);
    `);
  },
} satisfies Migration;
