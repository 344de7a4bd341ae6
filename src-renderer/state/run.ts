import type { LabErrorPayload } from '../../src-shared/errors';
import type { ActiveExperimentData, EventPayload, ProgressData, Response } from '../../src-shared/ipc/contract';

/** The experiment the workbench follows (started here or found running), and how it ended. */
export interface RunState {
  readonly status: 'idle' | 'starting' | 'running' | 'cancelling' | 'completed' | 'cancelled' | 'failed';
  readonly active: {
    readonly experimentId: string;
    readonly name: string;
    readonly runIds: readonly string[];
    readonly variants: readonly string[];
    /** The engine backend that runs it (e.g. 'cpu-f64 reference (2 threads)'). */
    readonly backend: string;
    readonly progress: ProgressData;
  } | null;
  /** The last error or outcome worth saying. */
  readonly message: string | null;
}

export type RunAction =
  | { readonly type: 'run/starting' }
  | { readonly type: 'run/started'; readonly started: Response<'runs:start'> }
  | { readonly type: 'run/attached'; readonly active: ActiveExperimentData }
  | { readonly type: 'run/failedToStart'; readonly error: LabErrorPayload }
  | { readonly type: 'run/progress'; readonly progress: ProgressData }
  | { readonly type: 'run/cancelling' }
  | { readonly type: 'run/finished'; readonly finished: EventPayload<'runs:finished'> };

export const initialRunState: RunState = { status: 'idle', active: null, message: null };

/**
 * Whether an experiment is being started, run or cancelled.
 *
 * @example
 * isBusy('cancelling') // → true
 */
export const isBusy = (status: RunState['status']) => status === 'starting' || status === 'running' || status === 'cancelling';

function emptyProgress(experimentId: string, runIds: readonly string[], stepsTotal: number, seedsTotal: number): ProgressData {
  return { experimentId, runIds: [...runIds], stepsDone: 0, stepsTotal, seedsDone: 0, seedsTotal, etaMs: null };
}

/**
 * Run panel transitions: pure, so they are tested without React. Progress and outcomes of other
 * experiments than the one followed are ignored.
 *
 * @example
 * runReducer(running, { type: 'run/cancelling' }).status // → 'cancelling'
 */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'run/starting':
      return isBusy(state.status) ? state : { ...state, status: 'starting', message: null };
    case 'run/started': {
      const { experimentId, name, runIds, variants, backend, stepsTotal, seedsTotal } = action.started;
      // The runs:started event may have attached this experiment already, progress included.
      if (state.active?.experimentId === experimentId) return { ...state, status: state.status === 'starting' ? 'running' : state.status };
      return { ...state, status: 'running', active: { experimentId, name, runIds, variants, backend, progress: emptyProgress(experimentId, runIds, stepsTotal, seedsTotal) }, message: null };
    }
    case 'run/attached': {
      if (state.active !== null && isBusy(state.status) && state.status !== 'starting') return state;
      const { experimentId, name, runIds, variants, backend, progress } = action.active;
      return { ...state, status: 'running', active: { experimentId, name, runIds, variants, backend, progress }, message: null };
    }
    case 'run/failedToStart':
      return { ...state, status: 'failed', message: action.error.message };
    case 'run/progress': {
      const active = state.active;
      if (active === null || active.experimentId !== action.progress.experimentId || !isBusy(state.status)) return state;
      return { ...state, active: { ...active, progress: action.progress } };
    }
    case 'run/cancelling':
      return state.status === 'running' ? { ...state, status: 'cancelling' } : state;
    case 'run/finished': {
      const { finished } = action;
      if (state.active?.experimentId !== finished.experimentId) return state;
      const message = finished.status === 'failed' ? (finished.error?.message ?? 'the run failed') : finished.status === 'cancelled' ? 'Cancelled: the seeds finished so far are kept.' : null;
      return { ...state, status: finished.status, message };
    }
  }
}

/**
 * The fraction of steps done, stepsDone / stepsTotal, in [0, 1] (0 when unknown).
 *
 * @example
 * progressFraction({ ...progress, stepsDone: 100, stepsTotal: 400 }) // → 0.25
 */
export function progressFraction(progress: ProgressData | undefined): number {
  if (progress === undefined || progress.stepsTotal === 0) return 0;
  return Math.min(1, progress.stepsDone / progress.stepsTotal);
}

/**
 * Whether a new experiment may start now: nothing is being started, run or cancelled (the draft's
 * validity is the builder's to say).
 *
 * @example
 * canStart({ ...initialRunState, status: 'running' }) // → false
 */
export function canStart(state: RunState): boolean {
  return !isBusy(state.status);
}

/**
 * Whether a Cancel makes sense now: an experiment is followed and running.
 *
 * @example
 * canCancel(initialRunState) // → false
 */
export function canCancel(state: RunState): boolean {
  return state.active !== null && state.status === 'running';
}
