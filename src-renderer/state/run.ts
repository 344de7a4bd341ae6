import type { LabErrorPayload } from '../../src-shared/errors';
import type { ActiveExperimentData, EventPayload, PresetInfoData, ProgressData, Response } from '../../src-shared/ipc/contract';

/** The Run panel: the form, and the experiment it follows (started here or found running). */
export interface RunState {
  readonly presets: readonly PresetInfoData[];
  readonly form: { readonly preset: string; readonly seeds: number; readonly steps: number };
  readonly status: 'idle' | 'starting' | 'running' | 'cancelling' | 'completed' | 'cancelled' | 'failed';
  readonly active: {
    readonly experimentId: string;
    readonly name: string;
    readonly runIds: readonly string[];
    readonly progress: ProgressData;
  } | null;
  /** The last error or outcome worth saying. */
  readonly message: string | null;
}

export type RunAction =
  | { readonly type: 'presets/loaded'; readonly presets: readonly PresetInfoData[] }
  | { readonly type: 'form/changed'; readonly patch: Partial<RunState['form']> }
  | { readonly type: 'run/starting' }
  | { readonly type: 'run/started'; readonly started: Response<'runs:start'> }
  | { readonly type: 'run/attached'; readonly active: ActiveExperimentData }
  | { readonly type: 'run/failedToStart'; readonly error: LabErrorPayload }
  | { readonly type: 'run/progress'; readonly progress: ProgressData }
  | { readonly type: 'run/cancelling' }
  | { readonly type: 'run/finished'; readonly finished: EventPayload<'runs:finished'> };

export const initialRunState: RunState = { presets: [], form: { preset: '', seeds: 1, steps: 1 }, status: 'idle', active: null, message: null };

const busy = (status: RunState['status']) => status === 'starting' || status === 'running' || status === 'cancelling';

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
    case 'presets/loaded': {
      const first = action.presets[0];
      const keep = action.presets.some((p) => p.name === state.form.preset);
      return { ...state, presets: action.presets, form: keep || first === undefined ? state.form : { preset: first.name, seeds: first.seeds, steps: first.steps } };
    }
    case 'form/changed': {
      const patch = action.patch;
      const preset = patch.preset === undefined ? undefined : state.presets.find((p) => p.name === patch.preset);
      const defaults = preset === undefined ? {} : { seeds: preset.seeds, steps: preset.steps };
      return { ...state, form: { ...state.form, ...defaults, ...patch } };
    }
    case 'run/starting':
      return busy(state.status) ? state : { ...state, status: 'starting', message: null };
    case 'run/started': {
      const { experimentId, name, runIds, stepsTotal, seedsTotal } = action.started;
      // The runs:started event may have attached this experiment already, progress included.
      if (state.active?.experimentId === experimentId) return { ...state, status: state.status === 'starting' ? 'running' : state.status };
      return { ...state, status: 'running', active: { experimentId, name, runIds, progress: emptyProgress(experimentId, runIds, stepsTotal, seedsTotal) }, message: null };
    }
    case 'run/attached': {
      if (state.active !== null && busy(state.status) && state.status !== 'starting') return state;
      const { experimentId, name, runIds, progress } = action.active;
      return { ...state, status: 'running', active: { experimentId, name, runIds, progress }, message: null };
    }
    case 'run/failedToStart':
      return { ...state, status: 'failed', message: action.error.message };
    case 'run/progress': {
      const active = state.active;
      if (active === null || active.experimentId !== action.progress.experimentId || !busy(state.status)) return state;
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
 * Whether the Start button may be pressed: not busy, a preset chosen, whole seeds and steps in [1, 100000].
 *
 * @example
 * canStart({ ...idle, form: { preset: 'paper-toy', seeds: 0, steps: 100 } }) // → false
 */
export function canStart(state: RunState): boolean {
  const { preset, seeds, steps } = state.form;
  return !busy(state.status) && preset !== '' && Number.isInteger(seeds) && seeds >= 1 && seeds <= 100_000 && Number.isInteger(steps) && steps >= 1 && steps <= 100_000;
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
