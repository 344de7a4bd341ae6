import type { Migration } from './types';

/**
 * Experiments and their runs. `seq` is an explicit INTEGER PRIMARY KEY so that rowids survive
 * VACUUM (the full-text index of 0050 keys on them); the public id is the UUID in `id`.
 */
export default {
  version: 10,
  name: 'experiments-and-runs',
  up(db) {
    db.exec(`
      CREATE TABLE experiments (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,              -- uuid
        name        TEXT NOT NULL CHECK (length(name) > 0),
        preset      TEXT,                              -- preset the config came from, if any
        notes       TEXT NOT NULL DEFAULT '',
        starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        created_at  INTEGER NOT NULL,                  -- Unix time, ms
        updated_at  INTEGER NOT NULL,                  -- Unix time, ms
        origin_id   TEXT UNIQUE                        -- id on the machine it was imported from
      ) STRICT;

      CREATE TABLE experiment_tags (
        experiment_id  TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
        tag            TEXT NOT NULL CHECK (length(tag) > 0),
        PRIMARY KEY (experiment_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX experiment_tags_by_tag ON experiment_tags (tag);

      CREATE TABLE runs (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,            -- uuid
        experiment_id TEXT NOT NULL REFERENCES experiments (id),
        name          TEXT NOT NULL DEFAULT '',
        notes         TEXT NOT NULL DEFAULT '',
        starred       INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        variant       TEXT NOT NULL,                   -- e.g. 'projected', 'unprojected'
        delta_tol     REAL,                            -- δ; NULL when the variant has none
        seeds         TEXT NOT NULL,                   -- JSON array of integers
        status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'interrupted', 'failed')),
        error         TEXT,                            -- message of a failed run
        backend       TEXT NOT NULL,                   -- backend that ran (cpu, webgpu, ...)
        app_version   TEXT NOT NULL,
        config        TEXT NOT NULL,                   -- JSON, as given
        config_hash   TEXT NOT NULL,                   -- sha256 of the canonical JSON (sorted keys)
        data_hash     TEXT,
        timings       TEXT,                            -- JSON object, ms per phase
        created_at    INTEGER NOT NULL,                -- Unix time, ms
        started_at    INTEGER,                         -- Unix time, ms
        finished_at   INTEGER,                         -- Unix time, ms
        writer_pid    INTEGER,                         -- process writing the run (liveness rule: writers.ts)
        writer_host   TEXT,
        writer_token  TEXT,                            -- uuid of the writing Store session
        origin_id     TEXT UNIQUE,                     -- id on the machine it was imported from
        deleted_at    INTEGER                          -- Unix time, ms; non-NULL = in the trash
      ) STRICT;
      CREATE INDEX runs_live_by_created ON runs (created_at) WHERE deleted_at IS NULL;
      CREATE INDEX runs_by_experiment ON runs (experiment_id);
      CREATE INDEX runs_unfinished ON runs (status) WHERE status IN ('queued', 'running');
    `);
  },
} satisfies Migration;
