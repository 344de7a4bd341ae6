import type { Migration } from './types';

/** Dense arrays kept with a run (sample frames at chosen steps, label maps): little-endian BLOBs. */
export default {
  version: 30,
  name: 'artifacts',
  up(db) {
    db.exec(`
      CREATE TABLE artifacts (
        id          TEXT PRIMARY KEY,                  -- uuid
        run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        seed        INTEGER,
        step        INTEGER,
        dtype       TEXT NOT NULL CHECK (dtype IN ('float64', 'float32', 'int32', 'uint8')),
        shape       TEXT NOT NULL,                     -- JSON array of non-negative integers
        data        BLOB NOT NULL,                     -- little-endian, row-major
        created_at  INTEGER NOT NULL                   -- Unix time, ms
      ) STRICT;
      CREATE INDEX artifacts_by_run ON artifacts (run_id, seed, step);
    `);
  },
} satisfies Migration;
