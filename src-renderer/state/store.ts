import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { Response } from '../../src-shared/ipc/contract';
import type { LabClient } from '../api/client';
import { createLabActions, type LabActions } from './actions';
import { builderReducer, dataShape, initialBuilderState, type BuilderAction, type BuilderState } from './builder';
import { compareReducer, initialCompareState, type CompareAction, type CompareState } from './compare';
import { historyReducer, initialHistoryState, type HistoryAction, type HistoryState } from './history';
import { initialInstrumentsState, instrumentsReducer, type InstrumentsAction, type InstrumentsState } from './instruments';
import { initialLiveState, liveReducer, type LiveAction, type LiveState } from './live';
import { gridPartitionState, initialPartitionState, partitionReducer, type PartitionAction, type PartitionState } from './partition';
import { initialRunState, runReducer, type RunAction, type RunState } from './run';
import { initialUiState, parseTheme, uiReducer, type ThemePreference, type UiAction, type UiState } from './ui';

export type { LabActions } from './actions';

/** The renderer's one store: app info, the shell, the builder and its partition, the run followed, the history. */
export interface LabState {
  readonly info: Response<'app:info'> | null;
  readonly ui: UiState;
  readonly builder: BuilderState;
  readonly partition: PartitionState;
  readonly run: RunState;
  readonly live: LiveState;
  readonly history: HistoryState;
  readonly compare: CompareState;
  readonly instruments: InstrumentsState;
  readonly notice: string | null;
}

export type AppAction = { readonly type: 'app/info'; readonly info: Response<'app:info'> } | { readonly type: 'app/notice'; readonly notice: string | null };
export type LabAction = AppAction | UiAction | BuilderAction | PartitionAction | RunAction | LiveAction | HistoryAction | CompareAction | InstrumentsAction;

export const initialLabState: LabState = { info: null, ui: initialUiState, builder: initialBuilderState, partition: initialPartitionState, run: initialRunState, live: initialLiveState, history: initialHistoryState, compare: initialCompareState, instruments: initialInstrumentsState, notice: null };

/** The partition that goes with a loaded config: its grid, or its labels (resampled to the data's size). */
function partitionForLoaded(state: LabState, builder: BuilderState, action: Extract<BuilderAction, { type: 'builder/loaded' }>): PartitionState {
  const shape = dataShape(builder.values) ?? { height: state.partition.height, width: state.partition.width };
  const spec = action.config.partition;
  if (spec.kind === 'grid') return { ...gridPartitionState(shape.height, shape.width, Math.min(spec.rows, shape.height), Math.min(spec.cols, shape.width)), library: state.partition.library };
  const sized = partitionReducer(state.partition, { type: 'partition/sized', ...shape });
  const replaced = partitionReducer(sized, { type: 'partition/replaced', labels: Int32Array.from(spec.labels), ...shape, source: { kind: 'imported', name: spec.name ?? 'labels' } });
  return { ...replaced, past: [], future: [] };
}

/** Builder changes move the partition with the data: a new H × W resizes it (partition.ts says how). */
function builderAction(state: LabState, action: BuilderAction): LabState {
  const builder = builderReducer(state.builder, action);
  if (action.type === 'builder/loaded') return { ...state, builder, partition: partitionForLoaded(state, builder, action) };
  const shape = dataShape(builder.values);
  const partition = shape === null ? state.partition : partitionReducer(state.partition, { type: 'partition/sized', ...shape });
  return builder === state.builder && partition === state.partition ? state : { ...state, builder, partition };
}

/**
 * Routes each action to the part of the state it is about (by its prefix); builder actions may move
 * the partition too.
 *
 * @example
 * labReducer(initialLabState, { type: 'history/searched', search: 'toy' }).history.search // → 'toy'
 */
export function labReducer(state: LabState, action: LabAction): LabState {
  const prefix = action.type.slice(0, action.type.indexOf('/'));
  switch (prefix) {
    case 'app':
      return action.type === 'app/info' ? { ...state, info: action.info } : { ...state, notice: (action as Extract<AppAction, { type: 'app/notice' }>).notice };
    case 'ui':
      return { ...state, ui: uiReducer(state.ui, action as UiAction) };
    case 'builder':
      return builderAction(state, action as BuilderAction);
    case 'partition':
      return { ...state, partition: partitionReducer(state.partition, action as PartitionAction) };
    case 'live':
      return { ...state, live: liveReducer(state.live, action as LiveAction) };
    case 'compare':
      return { ...state, compare: compareReducer(state.compare, action as CompareAction) };
    case 'instruments':
      return { ...state, instruments: instrumentsReducer(state.instruments, action as InstrumentsAction) };
    case 'history':
      return { ...state, history: historyReducer(state.history, action as HistoryAction) };
    default:
      return { ...state, run: runReducer(state.run, action as RunAction) };
  }
}

const THEME_KEY = 'infodiff.theme';

function storedTheme(): ThemePreference {
  try {
    return parseTheme(globalThis.localStorage?.getItem(THEME_KEY) ?? null);
  } catch {
    return 'system'; // storage disabled: follow the system
  }
}

/** Applies the theme to <html data-theme> and remembers it. */
function useTheme(theme: ThemePreference): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // storage disabled: the choice lasts for this page
    }
  }, [theme]);
}

/**
 * The store bound to a client: loads what the views need, folds the service's events into the
 * state (one subscriber, in actions.ts), and offers the actions the UI calls.
 */
export function useLab(client: LabClient): { state: LabState; actions: LabActions } {
  const [state, dispatch] = useReducer(labReducer, initialLabState, (initial) => ({ ...initial, ui: { ...initial.ui, theme: storedTheme() } }));
  const latest = useRef(state);
  latest.current = state;
  const actions = useMemo(() => createLabActions(client, dispatch, () => latest.current), [client]);
  useEffect(() => actions.connect(), [actions]);
  const searched = useRef(state.history.search);
  useEffect(() => {
    if (searched.current === state.history.search) return undefined;
    searched.current = state.history.search;
    const timer = setTimeout(actions.refreshHistory, 200);
    return () => clearTimeout(timer);
  }, [state.history.search, actions]);
  useTheme(state.ui.theme);
  return { state, actions };
}
