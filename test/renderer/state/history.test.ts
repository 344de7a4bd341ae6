import { describe, expect, it } from 'vitest';
import type { RunRowData } from '../../../src-shared/ipc/contract';
import { historyQuery, historyReducer, initialHistoryState, visibleRange } from '../../../src-renderer/state/history';
import { initialLabState, labReducer } from '../../../src-renderer/state/store';

const row = (id: string) => ({ id }) as RunRowData;

describe('historyReducer(state, action) and labReducer', () => {
  it('keeps the answer to the newest request and drops late answers to older ones', () => {
    let state = historyReducer(initialHistoryState, { type: 'history/requested', requestId: 1 });
    state = historyReducer(state, { type: 'history/requested', requestId: 2 });
    state = historyReducer(state, { type: 'history/loaded', requestId: 2, rows: [row('new')], total: 1 });
    state = historyReducer(state, { type: 'history/loaded', requestId: 1, rows: [row('old')], total: 1 });
    expect(state.rows.map((r) => r.id)).toEqual(['new']);
    expect(state.loading).toBe(false);
    expect(historyReducer(state, { type: 'history/failed', requestId: 1, message: 'late' }).error).toBeNull();
    expect(historyReducer(state, { type: 'history/failed', requestId: 2, message: 'now' }).error).toBe('now');
  });

  it('a new answer keeps only the selected runs it still lists; toggling and deleting edit the selection', () => {
    let state = historyReducer(initialHistoryState, { type: 'history/selected', runIds: ['a', 'b', 'b', 'c'] });
    expect(state.selected).toEqual(['a', 'b', 'c']);
    state = historyReducer({ ...state, requestId: 1 }, { type: 'history/loaded', requestId: 1, rows: [row('a'), row('c')], total: 2 });
    expect(state.selected).toEqual(['a', 'c']);
    expect(historyReducer(state, { type: 'history/toggled', runId: 'a' }).selected).toEqual(['c']);
    expect(historyReducer(state, { type: 'history/toggled', runId: 'x' }).selected).toEqual(['a', 'c', 'x']);
    const deleted = historyReducer(state, { type: 'history/deleted', runIds: ['c'] });
    expect([deleted.selected, deleted.lastDeleted]).toEqual([['a'], ['c']]);
  });

  it('sorting the same key twice flips the order; a detail for another run than the focused one is dropped', () => {
    const once = historyReducer(initialHistoryState, { type: 'history/sorted', key: 'eInf' });
    expect(once.sort).toEqual({ key: 'eInf', order: 'desc' });
    expect(historyReducer(once, { type: 'history/sorted', key: 'eInf' }).sort).toEqual({ key: 'eInf', order: 'asc' });
    const focused = historyReducer(initialHistoryState, { type: 'history/focused', runId: 'a' });
    expect(historyReducer(focused, { type: 'history/detail', record: { id: 'b' } as never }).detail).toBeNull();
    expect(historyReducer(focused, { type: 'history/detail', record: { id: 'a' } as never }).detail).toEqual({ id: 'a' });
  });

  it('historyQuery turns search, filters and sort into a runs:list request', () => {
    expect(historyQuery({ ...initialHistoryState, search: ' toy ' })).toEqual({ search: 'toy', sort: 'created', order: 'desc', limit: 10_000 });
    const filtered = { ...initialHistoryState, filters: { status: 'completed' as const, starred: true, tag: ' sweep ', trash: true } };
    expect(historyQuery(filtered)).toEqual({ status: 'completed', starred: true, tag: 'sweep', trash: 'only', sort: 'created', order: 'desc', limit: 10_000 });
  });

  it('labReducer routes history/* to the history, run actions to the run, app/* to the app', () => {
    const searched = labReducer(initialLabState, { type: 'history/searched', search: 'toy' });
    expect(searched.history.search).toBe('toy');
    expect(searched.run).toBe(initialLabState.run);
    const noticed = labReducer(searched, { type: 'app/notice', notice: 'hello' });
    expect(noticed.notice).toBe('hello');
    expect(labReducer(noticed, { type: 'run/starting' }).run.status).toBe('starting');
  });
});

describe('visibleRange(options)', () => {
  it('covers the viewport plus the overscan, clamped to the rows, for every scroll position of a 10,000-row list', () => {
    const count = 10_000, rowHeight = 28, viewportHeight = 560, overscan = 10;
    for (let scrollTop = 0; scrollTop <= count * rowHeight; scrollTop += 997) {
      const { first, last } = visibleRange({ scrollTop, viewportHeight, rowHeight, count, overscan });
      const firstVisible = Math.floor(scrollTop / rowHeight), lastVisible = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight));
      expect(first).toBeLessThanOrEqual(firstVisible);
      expect(last).toBeGreaterThanOrEqual(lastVisible);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(last).toBeLessThanOrEqual(count);
      // At most the viewport's rows plus twice the overscan (and a partial row at each edge) are rendered.
      expect(last - first).toBeLessThanOrEqual(viewportHeight / rowHeight + 2 * overscan + 2);
    }
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 28, count: 0, overscan: 10 })).toEqual({ first: 0, last: 0 });
  });
});
