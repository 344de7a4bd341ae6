import { useEffect, useRef } from 'react';
import { LabError } from '../src-shared/errors';
import type { LabClient } from './api/client';
import { HistoryList } from './features/history/HistoryList';
import { RunPanel } from './features/run/RunPanel';
import { historyCsv } from './features/history/historyCsv';
import { useLab } from './state/store';

/** The workbench: a header, the Run panel and the History list. */
export function App({ client }: { client: LabClient }) {
  const { state, actions } = useLab(client);
  const presetRef = useRef<HTMLSelectElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useRef(state.history.rows);
  rows.current = state.history.rows;

  useEffect(
    () =>
      client.on('menu:clicked', ({ command }) => {
        if (command === 'new-experiment') presetRef.current?.focus();
        else if (command === 'open-run') searchRef.current?.focus();
        else {
          const shown = rows.current;
          if (shown.length === 0) {
            actions.notify('There is nothing to export yet: the history is empty.');
            return;
          }
          client
            .invoke('figures:export', { name: 'run history', format: 'csv', spec: { kind: 'run-table', columns: ['experiment', 'variant', 'status', 'created', 'eInf'] }, runIds: shown.map((r) => r.id), content: { encoding: 'utf8', data: historyCsv(shown) } })
            .then(
              (figure) => actions.notify(figure === null ? null : `Exported ${shown.length} runs to ${figure.filePath ?? 'a file'}.`),
              (error: unknown) => actions.notify(error instanceof LabError ? error.message : String(error)),
            );
        }
      }),
    [client, actions],
  );

  const info = state.info;
  return (
    <div className="app">
      <header className="app-header">
        <h1>InfoDiff Lab</h1>
        <span className="muted" data-testid="app-version">
          {info ? `v${info.version}` : ''}
        </span>
        <span className="spacer" />
        <span className="badge" data-testid="transport" title={info ? `Data folder: ${info.dataDir}` : ''}>
          {client.transport === 'ipc' ? 'desktop' : 'browser'}
        </span>
      </header>
      {state.notice && (
        <div className="notice" role="status" data-testid="notice">
          <span>{state.notice}</span>
          <button type="button" aria-label="Dismiss" onClick={() => actions.notify(null)}>
            ×
          </button>
        </div>
      )}
      <main className="workbench">
        <RunPanel run={state.run} actions={actions} presetRef={presetRef} />
        <HistoryList history={state.history} actions={actions} searchRef={searchRef} />
      </main>
    </div>
  );
}
