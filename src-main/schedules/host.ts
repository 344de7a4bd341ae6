import { dirname } from 'node:path';
import { CancelledError, LabError } from '../../src-shared/errors';
import type { ComparisonProgress, ComparisonResult } from '../../src-shared/schedules/compare';
import type { ScheduleCompareConfig } from '../../src-shared/schedules/compareConfig';
import { loadDigits } from '../data/digits';
import { startWorker, workerEntry } from '../engine/workerEntry';
import { workerResult } from '../engine/workerResult';
import type { FromSchedulesWorker, SchedulesWorkerInit } from './protocol';

/** A comparison running on its worker thread. */
export interface ScheduleComparisonRun {
  /** Resolves with the result; rejects with CancelledError or the worker's LabError. */
  readonly done: Promise<ComparisonResult>;
  cancel(): void;
}

/** The digits in a SharedArrayBuffer when the target needs them (one copy for the worker). */
function digitsFor(config: ScheduleCompareConfig): SchedulesWorkerInit['digits'] {
  if (config.target !== 'digits') return undefined;
  const digits = loadDigits();
  const pixels = new SharedArrayBuffer(digits.pixels.byteLength);
  new Float64Array(pixels).set(digits.pixels);
  return { count: digits.count, height: digits.height, width: digits.width, pixels };
}

/**
 * Runs a schedule comparison on a node:worker_threads worker, so the CLI's (or the app's) event loop
 * stays free: progress arrives at most every 100 ms; cancel() sets a shared flag that the comparison
 * checks between units of work (a schedule at one K, an MC level, a measured run).
 */
export function startScheduleComparison(config: ScheduleCompareConfig, onProgress?: (progress: ComparisonProgress) => void): ScheduleComparisonRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const digits = digitsFor(config);
  const init: SchedulesWorkerInit = { config, cancelFlag, ...(digits ? { digits } : {}) };
  // The folder from __filename: tsx's ESM loader (a .mts script) sets it but not __dirname.
  const worker = startWorker(workerEntry(dirname(__filename), 'schedules-worker.js', 'worker.ts'), init);
  const done = workerResult<ComparisonResult, FromSchedulesWorker>(worker, 'schedules worker', (message, settle) => {
    switch (message.type) {
      case 'progress': return onProgress?.(message.progress);
      case 'result': return settle.resolve(message.result);
      case 'cancelled': return settle.reject(new CancelledError());
      case 'error': return settle.reject(new LabError(message.error.code, message.error.message));
    }
  });
  return { done, cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1) };
}
