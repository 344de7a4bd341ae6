import { LabError, type LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import { engineDir } from './host';
import { toWorkerInputs } from './inputs';
import type { WorkerInputs } from './protocol';
import { startWorker, workerEntry } from './workerEntry';
import { workerResult } from './workerResult';

/** workerData of the schedule worker; `cancelFlag` holds 1 once cancelled. */
export interface ScheduleWorkerInit {
  readonly config: ExperimentConfig;
  readonly inputs: WorkerInputs;
  readonly cancelFlag: SharedArrayBuffer;
}

/** Schedule worker → main: the config with its levels, or the error. */
export type FromScheduleWorker = { readonly type: 'config'; readonly config: ExperimentConfig } | { readonly type: 'error'; readonly error: LabErrorPayload };

/** Whether resolving the config's schedule computes something (a las schedule without its levels yet). */
export function needsScheduleResolution(config: ExperimentConfig): boolean {
  return config.schedule.kind === 'las' && config.schedule.sigmas === undefined;
}

/**
 * The config with its schedule's levels filled in (resolveSchedule of src-shared/experiment/plan.ts),
 * computed on a worker thread when that is real work (a las schedule: the MMSE curve of the data and
 * the dynamic programme, up to seconds), so main's event loop stays free; other configs come back as
 * they are. Rejects with the LabError of an invalid schedule.
 *
 * @example
 * const stored = await resolveScheduleOffThread(config, inputsFor(config)); // stored.schedule.sigmas: the levels used
 */
export function resolveScheduleOffThread(config: ExperimentConfig, inputs: RunInputs): Promise<ExperimentConfig> {
  if (!needsScheduleResolution(config)) return Promise.resolve(config);
  const cancelFlag = new SharedArrayBuffer(4);
  const init: ScheduleWorkerInit = { config, inputs: toWorkerInputs(inputs), cancelFlag };
  const worker = startWorker(workerEntry(engineDir(), 'schedule-worker.js', 'scheduleWorker.ts'), init);
  return workerResult<ExperimentConfig, FromScheduleWorker>(worker, 'schedule worker', (message, settle) =>
    message.type === 'config' ? settle.resolve(message.config) : settle.reject(new LabError(message.error.code, message.error.message)));
}
