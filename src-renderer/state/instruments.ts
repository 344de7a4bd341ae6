import type { EventPayload, InstrumentKind, InstrumentPresetData, InstrumentProgressData, InstrumentStartedData } from '../../src-shared/ipc/contract';
import type { ComparedExperiment, ComparedInstrument } from './instrumentCompare';
import { prettyJson } from './instrumentDraft';

/** The instrument tabs, in the order they are shown. */
export const INSTRUMENT_TABS = ['schedules', 'dynamics', 'likelihood'] as const satisfies readonly InstrumentKind[];

/** One stored array of an instrument run, decoded ([columns, n] float64 for the curves). */
export interface LoadedArtifact {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** A finished (or cancelled) instrument experiment as loaded from the store: its runs and their arrays by name. */
export interface LoadedInstrument {
  readonly experimentId: string;
  readonly kind: InstrumentKind;
  readonly name: string;
  /** The validated config the runs were made with (as stored). */
  readonly config: unknown;
  readonly runs: readonly { readonly runId: string; readonly variant: string; readonly status: string; readonly artifacts: Readonly<Record<string, LoadedArtifact>> }[];
}

/** The editor of one instrument: the preset it came from and the config text as typed (the text is the truth: never rewritten behind the user's back). */
export interface InstrumentDraft {
  readonly preset: string;
  readonly text: string;
}

/** Runs of several experiments of one instrument overlaid (opened from the History's Compare). */
export interface InstrumentComparison {
  readonly kind: InstrumentKind;
  readonly experiments: readonly ComparedExperiment[];
  /** Every experiment loaded, in the order of `experiments`; null while fetching (or after a failure). */
  readonly loaded: readonly ComparedInstrument[] | null;
  readonly error: string | null;
}

export interface InstrumentsState {
  readonly tab: InstrumentKind;
  readonly presets: readonly InstrumentPresetData[];
  readonly drafts: Readonly<Record<InstrumentKind, InstrumentDraft>>;
  readonly status: 'idle' | 'starting' | 'running' | 'cancelling' | 'completed' | 'cancelled' | 'failed';
  /** The instrument followed (started here or found running). */
  readonly active: (InstrumentStartedData & { readonly progress: InstrumentProgressData | null }) | null;
  readonly message: string | null;
  /** What each tab plots: the last experiment of that kind loaded (finished here or opened from the History). */
  readonly shown: Readonly<Record<InstrumentKind, LoadedInstrument | null>>;
  /** The experiment being fetched for the plots, if any. */
  readonly loading: string | null;
  /** The comparison shown in its kind's tab instead of the last loaded experiment, if any. */
  readonly comparison: InstrumentComparison | null;
}

export type InstrumentsAction =
  | { readonly type: 'instruments/presets'; readonly presets: readonly InstrumentPresetData[] }
  | { readonly type: 'instruments/tab'; readonly tab: InstrumentKind }
  | { readonly type: 'instruments/preset'; readonly kind: InstrumentKind; readonly name: string }
  | { readonly type: 'instruments/edited'; readonly kind: InstrumentKind; readonly text: string }
  | { readonly type: 'instruments/starting' }
  | { readonly type: 'instruments/started'; readonly started: InstrumentStartedData; readonly progress?: InstrumentProgressData | null }
  | { readonly type: 'instruments/failedToStart'; readonly message: string }
  | { readonly type: 'instruments/progress'; readonly progress: InstrumentProgressData }
  | { readonly type: 'instruments/cancelling' }
  | { readonly type: 'instruments/finished'; readonly finished: EventPayload<'instruments:finished'> }
  | { readonly type: 'instruments/loading'; readonly experimentId: string }
  | { readonly type: 'instruments/loaded'; readonly loaded: LoadedInstrument }
  | { readonly type: 'instruments/loadFailed'; readonly experimentId: string; readonly message: string }
  | { readonly type: 'instruments/comparing'; readonly kind: InstrumentKind; readonly experiments: readonly ComparedExperiment[] }
  | { readonly type: 'instruments/compared'; readonly loaded: readonly ComparedInstrument[] }
  | { readonly type: 'instruments/compareFailed'; readonly experimentIds: readonly string[]; readonly message: string }
  | { readonly type: 'instruments/compareClosed' };

const EMPTY_DRAFT: InstrumentDraft = { preset: '', text: '' };

export const initialInstrumentsState: InstrumentsState = {
  tab: 'schedules', presets: [], drafts: { schedules: EMPTY_DRAFT, dynamics: EMPTY_DRAFT, likelihood: EMPTY_DRAFT },
  status: 'idle', active: null, message: null, shown: { schedules: null, dynamics: null, likelihood: null }, loading: null, comparison: null,
};

/** Whether an answer about these experiments is about the comparison shown (an older one's answer is dropped). */
const sameExperiments = (comparison: InstrumentComparison | null, experimentIds: readonly string[]) =>
  comparison !== null && comparison.experiments.length === experimentIds.length && comparison.experiments.every((e, i) => e.experimentId === experimentIds[i]);

/**
 * Whether an instrument is being started, run or cancelled.
 *
 * @example
 * instrumentBusy('cancelling') // → true
 */
export const instrumentBusy = (status: InstrumentsState['status']) => status === 'starting' || status === 'running' || status === 'cancelling';

/**
 * The config text of a preset (pretty JSON of its validated config).
 *
 * @example
 * presetText(presets, 'schedules', 'binary')?.startsWith('{') // → true
 */
export function presetText(presets: readonly InstrumentPresetData[], kind: InstrumentKind, name: string): string | null {
  const preset = presets.find((p) => p.kind === kind && p.name === name);
  return preset === undefined ? null : prettyJson(preset.config);
}

/**
 * Whether the draft differs from the preset it was loaded from.
 *
 * @example
 * draftModified(state, 'dynamics') // → false right after choosing a preset
 */
export function draftModified(state: InstrumentsState, kind: InstrumentKind): boolean {
  const draft = state.drafts[kind];
  return presetText(state.presets, kind, draft.preset) !== draft.text;
}

function withDraft(state: InstrumentsState, kind: InstrumentKind, draft: InstrumentDraft): InstrumentsState {
  return { ...state, drafts: { ...state.drafts, [kind]: draft } };
}

/**
 * Instrument view transitions: pure. Presets fill only empty drafts (an edited draft is never
 * replaced); progress and outcomes of other experiments than the one followed are ignored. A
 * comparison shows in its kind's tab until closed or until an experiment of that kind is loaded
 * there (finished here or opened from the History); answers about an older comparison are dropped.
 *
 * @example
 * instrumentsReducer(initialInstrumentsState, { type: 'instruments/tab', tab: 'likelihood' }).tab // → 'likelihood'
 */
export function instrumentsReducer(state: InstrumentsState, action: InstrumentsAction): InstrumentsState {
  switch (action.type) {
    case 'instruments/presets': {
      let next: InstrumentsState = { ...state, presets: action.presets };
      for (const kind of INSTRUMENT_TABS) {
        const first = action.presets.find((p) => p.kind === kind);
        if (next.drafts[kind].text === '' && first !== undefined) next = withDraft(next, kind, { preset: first.name, text: prettyJson(first.config) });
      }
      return next;
    }
    case 'instruments/tab':
      return state.tab === action.tab ? state : { ...state, tab: action.tab };
    case 'instruments/preset': {
      const text = presetText(state.presets, action.kind, action.name);
      return text === null ? state : withDraft(state, action.kind, { preset: action.name, text });
    }
    case 'instruments/edited':
      return withDraft(state, action.kind, { ...state.drafts[action.kind], text: action.text });
    case 'instruments/starting':
      return instrumentBusy(state.status) ? state : { ...state, status: 'starting', message: null };
    case 'instruments/started': {
      if (state.active?.experimentId === action.started.experimentId) return { ...state, status: state.status === 'starting' ? 'running' : state.status };
      if (state.active !== null && (state.status === 'running' || state.status === 'cancelling')) return state;
      return { ...state, status: 'running', active: { ...action.started, progress: action.progress ?? null }, message: null, tab: action.started.kind };
    }
    case 'instruments/failedToStart':
      return { ...state, status: 'failed', message: action.message };
    case 'instruments/progress': {
      const active = state.active;
      if (active === null || active.experimentId !== action.progress.experimentId || !instrumentBusy(state.status)) return state;
      return { ...state, active: { ...active, progress: action.progress } };
    }
    case 'instruments/cancelling':
      return state.status === 'running' ? { ...state, status: 'cancelling' } : state;
    case 'instruments/finished': {
      const { finished } = action;
      if (state.active?.experimentId !== finished.experimentId) return state;
      const message = finished.status === 'failed' ? (finished.error?.message ?? 'the instrument failed') : finished.status === 'cancelled' ? 'Cancelled: what was finished is kept in the History.' : null;
      return { ...state, status: finished.status, message };
    }
    case 'instruments/loading':
      return { ...state, loading: action.experimentId };
    case 'instruments/loaded':
      return {
        ...state, loading: state.loading === action.loaded.experimentId ? null : state.loading, shown: { ...state.shown, [action.loaded.kind]: action.loaded },
        comparison: state.comparison?.kind === action.loaded.kind ? null : state.comparison,
      };
    case 'instruments/loadFailed':
      return { ...state, loading: state.loading === action.experimentId ? null : state.loading, message: action.message };
    case 'instruments/comparing':
      return { ...state, tab: action.kind, comparison: { kind: action.kind, experiments: action.experiments, loaded: null, error: null } };
    case 'instruments/compared':
      return state.comparison !== null && sameExperiments(state.comparison, action.loaded.map((c) => c.experimentId)) ? { ...state, comparison: { ...state.comparison, loaded: action.loaded } } : state;
    case 'instruments/compareFailed':
      return state.comparison !== null && sameExperiments(state.comparison, action.experimentIds) ? { ...state, comparison: { ...state.comparison, error: action.message } } : state;
    case 'instruments/compareClosed':
      return state.comparison === null ? state : { ...state, comparison: null };
  }
}

/**
 * The fraction of the current stage done, in [0, 1] (0 when unknown).
 *
 * @example
 * stageFraction({ experimentId: 'e', kind: 'dynamics', stage: 'forward curves', done: 10, total: 40 }) // → 0.25
 */
export function stageFraction(progress: InstrumentProgressData | null | undefined): number {
  if (progress == null || progress.total === 0) return 0;
  return Math.min(1, progress.done / progress.total);
}
