import type { Worker } from 'node:worker_threads';
import { LabError } from '../../src-shared/errors';

/** How a message of a one-result worker settles its promise: resolve or reject it, or neither (progress). */
export interface WorkerSettle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * The result of a worker thread that posts one result (and maybe progress before it): `onMessage`
 * settles the promise from the worker's messages; a crash or an exit before any result rejects with
 * an internal LabError naming `name`. The first settlement wins and the worker is then terminated.
 *
 * @example
 * const config = await workerResult<ExperimentConfig>(worker, 'schedule worker', (message, { resolve }) => resolve(message.config));
 */
export function workerResult<T, M = unknown>(worker: Worker, name: string, onMessage: (message: M, settle: WorkerSettle<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const once = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    const settle: WorkerSettle<T> = { resolve: (value) => once(() => resolve(value)), reject: (error) => once(() => reject(error)) };
    worker.on('message', (message: M) => onMessage(message, settle));
    worker.on('error', (error) => settle.reject(new LabError('internal', `${name} crashed: ${error.message}`)));
    worker.on('exit', (code) => settle.reject(new LabError('internal', `${name} exited with code ${code} before its result`)));
  });
}
