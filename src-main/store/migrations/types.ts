import type { Database } from 'better-sqlite3';

/** One schema step. `up` runs inside the runner's transaction: never BEGIN/COMMIT here. */
export interface Migration {
  /** Multiples of 10; leaves room for a hotfix (e.g. 25). */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}
