import type { Ref } from 'react';
import type { HistoryState } from '../../state/history';
import type { LabActions } from '../../state/store';
import { HistoryToolbar } from './HistoryToolbar';
import { RunDetails } from './RunDetails';
import { RunTable } from './RunTable';

/** The History: every stored run (virtualized), searchable and filterable, with the focused run's details beside it. */
export function HistoryList({ history, actions, searchRef, onCompare }: { history: HistoryState; actions: LabActions; searchRef: Ref<HTMLInputElement>; onCompare: () => void }) {
  const filtered = history.search.trim() !== '' || history.filters.status !== '' || history.filters.starred || history.filters.tag.trim() !== '';
  return (
    <div className="history">
      <section className="panel history-panel" aria-labelledby="history-heading">
        <div className="panel-head">
          <h2 id="history-heading">{history.filters.trash ? 'Trash' : 'History'}</h2>
          <span className="spacer" />
          <span data-testid="history-total" className="muted">{history.loading ? 'Loading…' : `${history.total} run${history.total === 1 ? '' : 's'}`}</span>
        </div>
        <HistoryToolbar history={history} actions={actions} searchRef={searchRef} onCompare={onCompare} />
        {history.lastDeleted !== null && history.lastDeleted.length > 0 && (
          <div className="notice inline" role="status" data-testid="delete-undo">
            <span>Deleted {history.lastDeleted.length} run{history.lastDeleted.length === 1 ? '' : 's'} (moved to the Trash).</span>
            <span className="actions">
              <button type="button" data-testid="undo-delete" onClick={() => actions.undoDelete()}>Undo</button>
              <button type="button" className="ghost" aria-label="Dismiss" onClick={() => actions.notify(null)}>×</button>
            </span>
          </div>
        )}
        {history.error && <p className="message error">{history.error}</p>}
        {history.rows.length === 0 && !history.loading ? (
          <p data-testid="history-empty" className="muted empty-state">
            {history.filters.trash ? 'The trash is empty.' : filtered ? 'No run matches the search or filters: clear them to see every run.' : 'No runs yet: set up an experiment in the Workbench and press Run both (Ctrl+Enter), or import a bundle.'}
          </p>
        ) : (
          <RunTable rows={history.rows} selected={history.selected} focused={history.focused} sort={history.sort} onSort={actions.sortHistory} onToggle={actions.toggleRun} onFocus={actions.focusRun}
            onStar={(runId, starred) => actions.updateRun(runId, { starred })} />
        )}
      </section>
      <section className="panel details-panel" aria-label="Run details">
        <div className="panel-head"><h2>Details</h2></div>
        <RunDetails record={history.detail} actions={actions} />
      </section>
    </div>
  );
}
