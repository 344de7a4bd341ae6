import { parentPort, workerData } from 'node:worker_threads';
import { LabError } from '../../src-shared/errors';
import { runScheduleComparison } from '../../src-shared/schedules/compare';
import type { FromSchedulesWorker, SchedulesWorkerInit } from './protocol';

/** Schedules worker: runs one comparison off the main thread, posting throttled progress and the result. */
const init = workerData as SchedulesWorkerInit;
const port = parentPort!;
const flag = new Int32Array(init.cancelFlag);
const cancellation = { get aborted() { return Atomics.load(flag, 0) === 1; } };
const post = (message: FromSchedulesWorker) => port.postMessage(message);
const PROGRESS_INTERVAL_MS = 100;
let lastPost = 0;

try {
  const d = init.digits;
  const result = runScheduleComparison(init.config, {
    cancellation,
    ...(d ? { digits: { count: d.count, height: d.height, width: d.width, pixels: new Float64Array(d.pixels) } } : {}),
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastPost < PROGRESS_INTERVAL_MS && progress.done < progress.total) return;
      lastPost = now;
      post({ type: 'progress', progress });
    },
  });
  post({ type: 'result', result });
} catch (error) {
  if (error instanceof LabError && error.code === 'cancelled') post({ type: 'cancelled' });
  else post({ type: 'error', error: error instanceof LabError ? error.toPayload() : { code: 'internal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } });
}
