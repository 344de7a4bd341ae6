import type { LabErrorPayload } from '../../src-shared/errors';
import type { DynamicsConfig, LikelihoodConfig } from '../../src-shared/info/config';
import type { ExactSet } from '../../src-shared/info/dataset';
import type { ForwardValues } from '../../src-shared/info/forward';
import type { ForwardQueries } from '../../src-shared/info/queries';

/** What an information worker starts with (structured-cloned). */
export interface InfoWorkerInit {
  readonly set: ExactSet;
  /** This worker's slice of the forward queries (absent for task-only workers). */
  readonly queries?: ForwardQueries;
  readonly weightFloor: number;
  readonly traceCovSquared: boolean;
  /** Int32 flag: 1 = cancel. */
  readonly cancelFlag: SharedArrayBuffer;
}

export type InfoTask =
  | { readonly kind: 'bifurcation'; readonly options: DynamicsConfig['bifurcation'] }
  | { readonly kind: 'trajectories'; readonly options: DynamicsConfig['trajectories'] }
  | { readonly kind: 'likelihood'; readonly config: LikelihoodConfig };

export type ToInfoWorker =
  | { readonly type: 'evaluate'; readonly id: number; readonly lambdas: readonly number[] }
  | { readonly type: 'task'; readonly id: number; readonly task: InfoTask }
  | { readonly type: 'stop' };

export type FromInfoWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'values'; readonly id: number; readonly values: ForwardValues[] }
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly section?: string }
  | { readonly type: 'error'; readonly id: number | null; readonly error: LabErrorPayload };
