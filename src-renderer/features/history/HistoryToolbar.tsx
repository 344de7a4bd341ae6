import type { Ref } from 'react';
import { RUN_STATUSES } from '../../../src-shared/experiment/records';
import type { HistoryState } from '../../state/history';
import { instrumentSelection } from '../../state/instrumentCompare';
import type { LabActions } from '../../state/store';

/**
 * Search, filters, and the actions on the ticked runs (Compare, Export, Delete; in the trash:
 * Restore, Delete forever). Compare opens sampler runs in the Compare view, and overlays instrument
 * runs of one kind (two or more experiments) in the Instruments view; other ticks get a notice.
 */
export function HistoryToolbar({ history, actions, searchRef, onCompare }: { history: HistoryState; actions: LabActions; searchRef: Ref<HTMLInputElement>; onCompare: () => void }) {
  const { filters, selected } = history;
  const n = selected.length;
  const compare = () => {
    const selection = instrumentSelection(history.rows, selected);
    if (selection.use === 'runs') onCompare();
    else if (selection.use === 'message') actions.notify(selection.message);
    else actions.compareInstruments(selection.kind, selection.experiments);
  };
  return (
    <div className="history-toolbar">
      <div className="toolbar">
        <input ref={searchRef} data-testid="history-search" type="search" className="grow" placeholder="Search names, experiments, variants, notes…  ( / )" aria-label="Search runs" value={history.search} onChange={(e) => actions.search(e.target.value)} />
        <select data-testid="history-status" aria-label="Status" value={filters.status} onChange={(e) => actions.filterHistory({ status: e.target.value as HistoryState['filters']['status'] })}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <input data-testid="history-tag" className="short-text" placeholder="Tag" aria-label="Filter by tag" value={filters.tag} onChange={(e) => actions.filterHistory({ tag: e.target.value })} />
        <button type="button" data-testid="history-starred" aria-pressed={filters.starred} onClick={() => actions.filterHistory({ starred: !filters.starred })}>★ Starred</button>
        <button type="button" data-testid="history-trash" aria-pressed={filters.trash} onClick={() => actions.filterHistory({ trash: !filters.trash })}>Trash</button>
        <label className="file-button" title="Import runs from a .infodiff bundle">
          Import bundle…
          <input type="file" accept=".infodiff" data-testid="bundle-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) actions.importBundle(f); e.target.value = ''; }} />
        </label>
      </div>
      <div className="toolbar selection-bar">
        <button type="button" className="ghost" data-testid="history-select-all" onClick={() => actions.selectRuns(n > 0 ? [] : history.rows.map((r) => r.id))}>{n > 0 ? 'Clear selection' : `Select all ${history.rows.length}`}</button>
        <span className="muted" data-testid="history-selected">{n} selected</span>
        <span className="spacer" />
        {filters.trash ? (
          <>
            <button type="button" data-testid="history-restore" disabled={n === 0} onClick={() => actions.restoreRuns(selected)}>Restore</button>
            <button type="button" className="danger" data-testid="history-purge" disabled={n === 0} onClick={() => { if (window.confirm(`Delete ${n} run${n === 1 ? '' : 's'} for good? This cannot be undone.`)) actions.purgeRuns(selected); }}>Delete forever</button>
          </>
        ) : (
          <>
            <button type="button" className="primary" data-testid="history-compare" disabled={n === 0} onClick={compare}>Compare {n > 0 ? n : ''}</button>
            <button type="button" data-testid="history-export" disabled={n === 0} onClick={() => actions.exportBundle(selected)}>Export bundle</button>
            <button type="button" className="danger" data-testid="history-delete" disabled={n === 0} onClick={() => actions.deleteRuns(selected)}>Delete</button>
          </>
        )}
      </div>
    </div>
  );
}
