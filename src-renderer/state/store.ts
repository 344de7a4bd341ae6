import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { LabError } from '../../src-shared/errors';
import type { Request, Response } from '../../src-shared/ipc/contract';
import type { LabClient } from '../api/client';
import { historyReducer, initialHistoryState, type HistoryAction, type HistoryState } from './history';
import { initialRunState, runReducer, type RunAction, type RunState } from './run';

/** The renderer's one store: app info, the Run panel and the History list. */
export interface LabState {
  readonly info: Response<'app:info'> | null;
  readonly run: RunState;
  readonly history: HistoryState;
  readonly notice: string | null;
}

export type LabAction = RunAction | HistoryAction | { readonly type: 'app/info'; readonly info: Response<'app:info'> } | { readonly type: 'app/notice'; readonly notice: string | null };

export const initialLabState: LabState = { info: null, run: initialRunState, history: initialHistoryState, notice: null };

/**
 * Routes each action to the part of the state it is about.
 *
 * @example
 * labReducer(initialLabState, { type: 'history/searched', search: 'toy' }).history.search // → 'toy'
 */
export function labReducer(state: LabState, action: LabAction): LabState {
  if (action.type === 'app/info') return { ...state, info: action.info };
  if (action.type === 'app/notice') return { ...state, notice: action.notice };
  if (action.type.startsWith('history/')) return { ...state, history: historyReducer(state.history, action as HistoryAction) };
  return { ...state, run: runReducer(state.run, action as RunAction) };
}

const HISTORY_PAGE = 200;
const SEARCH_DEBOUNCE_MS = 200;
const LIVE_REFRESH_MS = 1000;

export interface LabActions {
  start(): void;
  cancel(): void;
  changeForm(patch: Partial<RunState['form']>): void;
  search(text: string): void;
  refreshHistory(): void;
  notify(notice: string | null): void;
}

/**
 * The store bound to a client: loads info, presets, a run already going and the history, folds
 * the service's events into the state (one subscriber), and offers the actions the UI calls.
 */
export function useLab(client: LabClient): { state: LabState; actions: LabActions } {
  const [state, dispatch] = useReducer(labReducer, initialLabState);
  const latest = useRef(state);
  latest.current = state;
  const nextRequest = useRef(0);
  const lastLiveRefresh = useRef(0);

  const refreshHistory = useCallback(() => {
    const requestId = ++nextRequest.current;
    const search = latest.current.history.search.trim();
    dispatch({ type: 'history/requested', requestId });
    client.invoke('runs:list', { ...(search === '' ? {} : { search }), limit: HISTORY_PAGE }).then(
      ({ rows, total }) => dispatch({ type: 'history/loaded', requestId, rows, total }),
      (error: LabError) => dispatch({ type: 'history/failed', requestId, message: error.message }),
    );
  }, [client]);

  useEffect(() => {
    const fail = (error: LabError) => dispatch({ type: 'app/notice', notice: error.message });
    client.invoke('app:info', {}).then((info) => dispatch({ type: 'app/info', info }), fail);
    client.invoke('presets:list', {}).then((presets) => dispatch({ type: 'presets/loaded', presets }), fail);
    client.invoke('runs:active', {}).then((active) => {
      const first = active[0];
      if (first !== undefined) dispatch({ type: 'run/attached', active: first });
    }, fail);
    refreshHistory();
    const offs = [
      client.on('runs:started', (started) => {
        if (latest.current.run.active === null || latest.current.run.status !== 'running') {
          dispatch({ type: 'run/attached', active: { ...started, started: Date.now(), progress: { experimentId: started.experimentId, runIds: started.runIds, stepsDone: 0, stepsTotal: started.stepsTotal, seedsDone: 0, seedsTotal: started.seedsTotal, etaMs: null } } });
        }
        refreshHistory();
      }),
      client.on('runs:progress', (progress) => dispatch({ type: 'run/progress', progress })),
      // New seeds finished: the history's means moved. At most one list query a second for this.
      client.on('runs:recorded', () => {
        const now = Date.now();
        if (now - lastLiveRefresh.current < LIVE_REFRESH_MS) return;
        lastLiveRefresh.current = now;
        refreshHistory();
      }),
      client.on('runs:finished', (finished) => {
        dispatch({ type: 'run/finished', finished });
        refreshHistory();
      }),
      client.on('runs:changed', () => refreshHistory()),
    ];
    return () => offs.forEach((off) => off());
  }, [client, refreshHistory]);

  const searched = useRef(state.history.search);
  useEffect(() => {
    if (searched.current === state.history.search) return undefined;
    searched.current = state.history.search;
    const timer = setTimeout(refreshHistory, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [state.history.search, refreshHistory]);

  const actions = useMemo<LabActions>(() => ({
    start: () => {
      const { form } = latest.current.run;
      dispatch({ type: 'run/starting' });
      client.invoke('runs:start', { preset: form.preset as Request<'runs:start'>['preset'], seeds: form.seeds, steps: form.steps }).then(
        (started) => dispatch({ type: 'run/started', started }),
        (error: LabError) => dispatch({ type: 'run/failedToStart', error: error.toPayload() }),
      );
    },
    cancel: () => {
      const active = latest.current.run.active;
      if (active === null) return;
      dispatch({ type: 'run/cancelling' });
      client.invoke('runs:cancel', { experimentId: active.experimentId }).catch((error: LabError) => dispatch({ type: 'app/notice', notice: error.message }));
    },
    changeForm: (patch) => dispatch({ type: 'form/changed', patch }),
    search: (text) => dispatch({ type: 'history/searched', search: text }),
    refreshHistory,
    notify: (notice) => dispatch({ type: 'app/notice', notice }),
  }), [client, refreshHistory]);
  return { state, actions };
}
