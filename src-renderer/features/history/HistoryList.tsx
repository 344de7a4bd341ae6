import type { Ref } from 'react';
import { formatDate, formatMetric } from '../../format';
import type { HistoryState } from '../../state/history';
import type { LabActions } from '../../state/store';

/** The History list: every stored run (newest first), filtered by the search box. */
export function HistoryList({ history, actions, searchRef }: { history: HistoryState; actions: LabActions; searchRef: Ref<HTMLInputElement> }) {
  return (
    <section className="panel history-panel" aria-labelledby="history-heading">
      <div className="panel-head">
        <h2 id="history-heading">History</h2>
        <span data-testid="history-total" className="muted">
          {history.loading ? 'Loading…' : `${history.total} run${history.total === 1 ? '' : 's'}`}
        </span>
      </div>
      <input
        ref={searchRef}
        data-testid="history-search"
        type="search"
        placeholder="Search experiments, variants, notes…"
        aria-label="Search runs"
        value={history.search}
        onChange={(e) => actions.search(e.target.value)}
      />
      {history.error && <p className="message error">{history.error}</p>}
      {history.rows.length === 0 && !history.loading ? (
        <p data-testid="history-empty" className="muted empty">
          {history.search.trim() === '' ? 'No runs yet: start one on the left.' : 'No run matches the search.'}
        </p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Experiment</th>
              <th scope="col">Variant</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col" className="num" title="Mean over seeds of the final e∞ = max_k |w_k − m_k|">
                e∞ mean
              </th>
            </tr>
          </thead>
          <tbody>
            {history.rows.map((row) => (
              <tr key={row.id} data-testid="history-row" data-run-id={row.id} data-experiment-id={row.experimentId} data-status={row.status}>
                <td>{row.experiment}</td>
                <td className="mono">{row.variant}</td>
                <td>
                  <span className={`status status-${row.status}`}>{row.status}</span>
                </td>
                <td className="mono">{formatDate(row.created)}</td>
                <td className="num mono" data-testid="history-e-inf">
                  {formatMetric(row.summary?.eInf)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
