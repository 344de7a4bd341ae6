import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { LabError } from '../../src-shared/errors';
import type { ExactSet } from '../../src-shared/info/dataset';
import { mergeForwardValues } from '../../src-shared/info/dynamicsRun';
import type { ForwardValues } from '../../src-shared/info/forward';
import { sliceQueries, type ForwardQueries } from '../../src-shared/info/queries';
import { startWorker, workerEntry } from '../engine/workerEntry';
import type { FromInfoWorker, InfoTask, InfoWorkerInit, ToInfoWorker } from './protocol';

/** Progress of a pool request: units done of total, and the section for tasks that have several. */
export type PoolProgress = (done: number, total: number, section?: string) => void;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: PoolProgress;
}

/** Options of InfoPool.start. */
export interface InfoPoolOptions {
  readonly set: ExactSet;
  /** The forward queries, split into contiguous slices, one per worker (absent: task-only pool). */
  readonly queries?: ForwardQueries;
  readonly threads: number;
  readonly weightFloor?: number;
  readonly traceCovSquared?: boolean;
  /** Without queries, start `threads` workers (not one) so `tasks` can run whole tasks side by side. */
  readonly parallelTasks?: boolean;
}

/**
 * A pool of information workers (node:worker_threads) so heavy loops never run on the caller's event
 * loop: each worker holds the dataset and one slice of the forward queries; `evaluate` asks all of them
 * for the same λ list and concatenates the slices; `task` runs a whole computation on worker 0.
 * Cancellation is a shared flag the workers check between units of work.
 */
export class InfoPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly ready: Promise<void>;
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(options: InfoPoolOptions) {
    const threads = Math.max(1, Math.min(options.threads, options.queries?.count ?? (options.parallelTasks ? options.threads : 1)));
    // The folder from __filename: tsx's ESM loader sets it but not __dirname.
    const entry = workerEntry(dirname(__filename), 'info-worker.js', 'worker.ts');
    const readies: Promise<void>[] = [];
    for (let t = 0; t < threads; t++) {
      const q = options.queries;
      const slice = q ? sliceQueries(q, Math.floor((t * q.count) / threads), Math.floor(((t + 1) * q.count) / threads)) : undefined;
      const init: InfoWorkerInit = { set: options.set, ...(slice ? { queries: slice } : {}), weightFloor: options.weightFloor ?? 1e-22, traceCovSquared: options.traceCovSquared ?? false, cancelFlag: this.flag.buffer as SharedArrayBuffer };
      const worker = startWorker(entry, init);
      readies.push(new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromInfoWorker) => {
          if (message.type === 'ready') return resolve();
          this.onMessage(message, reject);
        });
        worker.on('error', (error) => {
          this.failure = new LabError('internal', `information worker crashed: ${error.message}`);
          reject(this.failure);
          for (const p of this.pending.values()) p.reject(this.failure);
          this.pending.clear();
        });
      }));
      this.workers.push(worker);
    }
    this.ready = Promise.all(readies).then(() => undefined);
  }

  /** Starts the workers (they build their evaluators before the first request). */
  static start(options: InfoPoolOptions): InfoPool {
    return new InfoPool(options);
  }

  private onMessage(message: FromInfoWorker, rejectReady: (error: Error) => void): void {
    if (message.type === 'ready') return;
    if (message.type === 'error' && message.id === null) {
      rejectReady(LabError.fromPayload(message.error));
      return;
    }
    const id = message.id!;
    const pending = this.pending.get(id);
    if (!pending) return;
    if (message.type === 'progress') pending.onProgress?.(message.done, message.total, message.section);
    else if (message.type === 'error') { this.pending.delete(id); pending.reject(LabError.fromPayload(message.error)); }
    else { this.pending.delete(id); pending.resolve(message.type === 'values' ? message.values : message.result); }
  }

  private request(worker: Worker, message: (id: number) => ToInfoWorker, onProgress?: PoolProgress): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      worker.postMessage(message(id));
    });
  }

  /** Evaluates every query at each λ (all workers in parallel), merged in query order. */
  async evaluate(lambdas: readonly number[], onProgress?: PoolProgress): Promise<ForwardValues[]> {
    await this.ready;
    const done = new Array<number>(this.workers.length).fill(0);
    const parts = await Promise.all(this.workers.map((worker, t) => this.request(worker, (id) => ({ type: 'evaluate', id, lambdas }), (d) => {
      done[t] = d;
      onProgress?.(done.reduce((a, b) => a + b, 0), lambdas.length * this.workers.length);
    }))) as ForwardValues[][];
    return lambdas.map((_, i) => mergeForwardValues(parts.map((p) => p[i]!)));
  }

  /** Runs a whole task on the first worker. */
  async task<T>(task: InfoTask, onProgress?: PoolProgress): Promise<T> {
    await this.ready;
    return (await this.request(this.workers[0]!, (id) => ({ type: 'task', id, task }), onProgress)) as T;
  }

  /**
   * Runs independent tasks side by side: each worker takes the next task as soon as it is free;
   * results come back in the tasks' order. The first failure rejects (the other workers finish or
   * see the cancel flag). `onProgress` gets the task's index with its progress, `onDone` the index
   * of each task as it finishes.
   */
  async tasks<T>(tasks: readonly InfoTask[], hooks: { onProgress?: (task: number, done: number, total: number, section?: string) => void; onDone?: (task: number) => void } = {}): Promise<T[]> {
    const { onProgress, onDone } = hooks;
    await this.ready;
    const results = new Array<T>(tasks.length);
    let next = 0;
    const drain = async (worker: Worker): Promise<void> => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = (await this.request(worker, (id) => ({ type: 'task', id, task: tasks[index]! }), onProgress ? (d, t, s) => onProgress(index, d, t, s) : undefined)) as T;
        onDone?.(index);
      }
    };
    await Promise.all(this.workers.map(drain));
    return results;
  }

  /** Asks every worker to stop at its next check (the pending request rejects with code 'cancelled'). */
  cancel(): void {
    Atomics.store(this.flag, 0, 1);
  }

  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
