import { describe, expect, it } from 'vitest';
import type { RunRowData } from '../../../src-shared/ipc/contract';
import { historyReducer, initialHistoryState } from '../../../src-renderer/state/history';
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

  it('labReducer routes history/* to the history, run and form actions to the run panel, app/* to the app', () => {
    const searched = labReducer(initialLabState, { type: 'history/searched', search: 'toy' });
    expect(searched.history.search).toBe('toy');
    expect(searched.run).toBe(initialLabState.run);
    const noticed = labReducer(searched, { type: 'app/notice', notice: 'hello' });
    expect(noticed.notice).toBe('hello');
    expect(labReducer(noticed, { type: 'run/starting' }).run.status).toBe('starting');
  });
});
