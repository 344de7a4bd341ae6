import type { RunRowData } from '../../src-shared/ipc/contract';

/** The History list: the search text and the rows of the last answer that matches it. */
export interface HistoryState {
  readonly search: string;
  readonly rows: readonly RunRowData[];
  readonly total: number;
  readonly loading: boolean;
  readonly error: string | null;
  /** The newest request; answers to older ones are dropped. */
  readonly requestId: number;
}

export type HistoryAction =
  | { readonly type: 'history/searched'; readonly search: string }
  | { readonly type: 'history/requested'; readonly requestId: number }
  | { readonly type: 'history/loaded'; readonly requestId: number; readonly rows: readonly RunRowData[]; readonly total: number }
  | { readonly type: 'history/failed'; readonly requestId: number; readonly message: string };

export const initialHistoryState: HistoryState = { search: '', rows: [], total: 0, loading: false, error: null, requestId: 0 };

/**
 * History transitions: pure; a late answer to a superseded request changes nothing.
 *
 * @example
 * historyReducer({ ...state, requestId: 2 }, { type: 'history/loaded', requestId: 1, rows: [], total: 0 }) // → the same state
 */
export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'history/searched':
      return { ...state, search: action.search };
    case 'history/requested':
      return action.requestId > state.requestId ? { ...state, requestId: action.requestId, loading: true } : state;
    case 'history/loaded':
      return action.requestId === state.requestId ? { ...state, rows: action.rows, total: action.total, loading: false, error: null } : state;
    case 'history/failed':
      return action.requestId === state.requestId ? { ...state, loading: false, error: action.message } : state;
  }
}
