import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerExecArgv } from './workerExecArgv';

/** Where a worker thread starts: a built file, or code to evaluate. */
export interface WorkerEntry {
  readonly source: string;
  readonly eval: boolean;
}

/**
 * A worker's entry in `dir`: the built bundle `bundle` (out/main/…-worker.js) when it is there, else
 * (tests and scripts running from source) a bootstrap that registers tsx's require hook and loads the
 * TypeScript `source`.
 *
 * @example
 * workerEntry('/app/out/main', 'engine-worker.js', 'worker.ts') // → { source: '/app/out/main/engine-worker.js', eval: false }
 */
export function workerEntry(dir: string, bundle: string, source: string): WorkerEntry {
  const built = join(dir, bundle);
  if (existsSync(built)) return { source: built, eval: false };
  return { source: `require('tsx/cjs'); require(${JSON.stringify(join(dir, source))});`, eval: true };
}

/**
 * Starts a worker thread on `entry` with `workerData` and the parent's Node options (workerExecArgv):
 * without V8's WebAssembly flags, and for a built entry without those that preload code (under
 * `node --import tsx` every worker would otherwise boot tsx, ~0.6 s each).
 */
export function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  return new Worker(entry.source, { workerData, eval: entry.eval, execArgv: workerExecArgv(process.execArgv, { loaders: entry.eval }) });
}
