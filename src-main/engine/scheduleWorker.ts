import { parentPort, workerData } from 'node:worker_threads';
import { LabError } from '../../src-shared/errors';
import { resolveSchedule } from '../../src-shared/experiment/plan';
import { toRunInputs } from './inputs';
import type { FromScheduleWorker, ScheduleWorkerInit } from './scheduleResolver';

/** Schedule worker: computes a config's schedule levels (a las schedule's dynamic programme) off main, once. */
const init = workerData as ScheduleWorkerInit;
const flag = new Int32Array(init.cancelFlag);
const post = (message: FromScheduleWorker) => parentPort!.postMessage(message);
try {
  post({ type: 'config', config: resolveSchedule(init.config, toRunInputs(init.inputs), { get aborted() { return Atomics.load(flag, 0) === 1; } }) });
} catch (error) {
  post({ type: 'error', error: error instanceof LabError ? error.toPayload() : { code: 'internal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } });
}
