import type { LabErrorPayload } from '../../src-shared/errors';
import type { ComparisonProgress, ComparisonResult } from '../../src-shared/schedules/compare';
import type { ScheduleCompareConfig } from '../../src-shared/schedules/compareConfig';

/** workerData of a schedules worker; `cancelFlag` is an Int32Array over a SharedArrayBuffer: 1 = cancel. */
export interface SchedulesWorkerInit {
  readonly config: ScheduleCompareConfig;
  /** The bundled digits (digits target only), shared rather than copied. */
  readonly digits?: { readonly count: number; readonly height: number; readonly width: number; readonly pixels: SharedArrayBuffer };
  readonly cancelFlag: SharedArrayBuffer;
}

/** Worker → main: progress while it runs, then exactly one of result, cancelled or error. */
export type FromSchedulesWorker =
  | { readonly type: 'progress'; readonly progress: ComparisonProgress }
  | { readonly type: 'result'; readonly result: ComparisonResult }
  | { readonly type: 'cancelled' }
  | { readonly type: 'error'; readonly error: LabErrorPayload };
