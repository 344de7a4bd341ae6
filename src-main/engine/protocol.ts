import type { LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { StepMetrics } from '../../src-shared/experiment/records';
import type { Frame, SeedResult } from '../../src-shared/experiment/runSeed';

/** Serialisable inputs: the digits pixels travel in a SharedArrayBuffer, so workers do not copy 63 MB each. */
export interface WorkerInputs {
  readonly digits?: { readonly count: number; readonly height: number; readonly width: number; readonly pixels: SharedArrayBuffer | ArrayBuffer };
}

/** workerData of an engine worker. `cancelFlag` is an Int32Array over a SharedArrayBuffer: 1 = cancel. */
export interface WorkerInit {
  readonly config: ExperimentConfig;
  readonly inputs: WorkerInputs;
  readonly cancelFlag: SharedArrayBuffer;
}

/** Main → worker. */
export type ToWorker = { readonly type: 'seed'; readonly seed: number } | { readonly type: 'stop' };

/** Worker → main. Records stream in batches while a seed runs; the seed's result follows at its end. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'records'; readonly seed: number; readonly records: readonly { variant: number; metrics: StepMetrics }[] }
  | { readonly type: 'progress'; readonly seed: number; readonly step: number }
  | { readonly type: 'seed-done'; readonly result: SeedResult }
  | { readonly type: 'cancelled'; readonly seed: number }
  | { readonly type: 'error'; readonly seed: number | null; readonly error: LabErrorPayload };

export type { Frame, SeedResult };
