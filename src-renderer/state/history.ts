import type { RunStatus } from '../../src-shared/experiment/records';
import type { RunRecordData, RunRowData } from '../../src-shared/ipc/contract';

/** Sort keys the list offers (a subset of the contract's RUN_SORT_KEYS). */
export type HistorySortKey = 'created' | 'name' | 'experiment' | 'status' | 'variant' | 'eInf' | 'vDeltaNats';

export interface HistoryFilters {
  readonly status: RunStatus | '';
  readonly starred: boolean;
  readonly tag: string;
  /** Show the trash (deleted runs, restorable) instead of the history. */
  readonly trash: boolean;
}

/** The History: the query (search, filters, sort), the rows of its newest answer, the selection and the run shown in detail. */
export interface HistoryState {
  readonly search: string;
  readonly filters: HistoryFilters;
  readonly sort: { readonly key: HistorySortKey; readonly order: 'asc' | 'desc' };
  readonly rows: readonly RunRowData[];
  readonly total: number;
  readonly loading: boolean;
  readonly error: string | null;
  /** The newest request; answers to older ones are dropped. */
  readonly requestId: number;
  /** Run ids ticked for Compare, Export or Delete. */
  readonly selected: readonly string[];
  /** The run shown in the details panel, and its record once fetched. */
  readonly focused: string | null;
  readonly detail: RunRecordData | null;
  /** The runs of the last delete, while it can be undone. */
  readonly lastDeleted: readonly string[] | null;
}

export type HistoryAction =
  | { readonly type: 'history/searched'; readonly search: string }
  | { readonly type: 'history/filtered'; readonly patch: Partial<HistoryFilters> }
  | { readonly type: 'history/sorted'; readonly key: HistorySortKey }
  | { readonly type: 'history/requested'; readonly requestId: number }
  | { readonly type: 'history/loaded'; readonly requestId: number; readonly rows: readonly RunRowData[]; readonly total: number }
  | { readonly type: 'history/failed'; readonly requestId: number; readonly message: string }
  | { readonly type: 'history/selected'; readonly runIds: readonly string[] }
  | { readonly type: 'history/toggled'; readonly runId: string }
  | { readonly type: 'history/focused'; readonly runId: string | null }
  | { readonly type: 'history/detail'; readonly record: RunRecordData }
  | { readonly type: 'history/deleted'; readonly runIds: readonly string[] | null };

export const initialHistoryState: HistoryState = {
  search: '', filters: { status: '', starred: false, tag: '', trash: false }, sort: { key: 'created', order: 'desc' },
  rows: [], total: 0, loading: false, error: null, requestId: 0, selected: [], focused: null, detail: null, lastDeleted: null,
};

/**
 * History transitions: pure; a late answer to a superseded request changes nothing. A new answer
 * keeps only the selected runs it still lists; the detail follows the focused run.
 *
 * @example
 * historyReducer({ ...state, requestId: 2 }, { type: 'history/loaded', requestId: 1, rows: [], total: 0 }) // → the same state
 */
export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'history/searched':
      return { ...state, search: action.search };
    case 'history/filtered':
      return { ...state, filters: { ...state.filters, ...action.patch }, selected: [] };
    case 'history/sorted': {
      const order = state.sort.key === action.key && state.sort.order === 'desc' ? 'asc' : 'desc';
      return { ...state, sort: { key: action.key, order } };
    }
    case 'history/requested':
      return action.requestId > state.requestId ? { ...state, requestId: action.requestId, loading: true } : state;
    case 'history/loaded': {
      if (action.requestId !== state.requestId) return state;
      const listed = new Set(action.rows.map((r) => r.id));
      const selected = state.selected.filter((id) => listed.has(id));
      return { ...state, rows: action.rows, total: action.total, loading: false, error: null, selected: selected.length === state.selected.length ? state.selected : selected };
    }
    case 'history/failed':
      return action.requestId === state.requestId ? { ...state, loading: false, error: action.message } : state;
    case 'history/selected':
      return { ...state, selected: [...new Set(action.runIds)] };
    case 'history/toggled':
      return { ...state, selected: state.selected.includes(action.runId) ? state.selected.filter((id) => id !== action.runId) : [...state.selected, action.runId] };
    case 'history/focused':
      return { ...state, focused: action.runId, detail: state.detail?.id === action.runId ? state.detail : null };
    case 'history/detail':
      return action.record.id === state.focused ? { ...state, detail: action.record } : state;
    case 'history/deleted':
      return { ...state, lastDeleted: action.runIds, selected: action.runIds === null ? state.selected : state.selected.filter((id) => !action.runIds!.includes(id)) };
  }
}

/**
 * The runs:list query of the History's search, filters and sort (all rows up to the contract's 10,000).
 *
 * @example
 * historyQuery({ ...initialHistoryState, search: ' toy ' }) // → { search: 'toy', sort: 'created', order: 'desc', limit: 10000 }
 */
export function historyQuery(state: HistoryState) {
  const search = state.search.trim();
  const { status, starred, tag, trash } = state.filters;
  return {
    ...(search === '' ? {} : { search }),
    ...(status === '' ? {} : { status }),
    ...(starred ? { starred: true } : {}),
    ...(tag.trim() === '' ? {} : { tag: tag.trim() }),
    ...(trash ? { trash: 'only' as const } : {}),
    sort: state.sort.key,
    order: state.sort.order,
    limit: 10_000,
  };
}

/**
 * The rows of a virtualized list to render for a scroll position: [first, last) with `overscan`
 * rows either side, clamped to [0, count).
 *
 * @example
 * visibleRange({ scrollTop: 2800, viewportHeight: 560, rowHeight: 28, count: 10_000, overscan: 10 }) // → { first: 90, last: 130 }
 */
export function visibleRange(options: { scrollTop: number; viewportHeight: number; rowHeight: number; count: number; overscan: number }): { first: number; last: number } {
  const { scrollTop, viewportHeight, rowHeight, count, overscan } = options;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
