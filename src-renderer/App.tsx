import { useEffect, useRef } from 'react';
import { LabError } from '../src-shared/errors';
import type { LabClient } from './api/client';
import { CompareView } from './features/compare/CompareView';
import { historyCsv } from './features/history/historyCsv';
import { HistoryList } from './features/history/HistoryList';
import { ExportDialog } from './features/publish/ExportDialog';
import { InstrumentsView } from './features/instruments/InstrumentsView';
import { HelpOverlay } from './features/shell/HelpOverlay';
import { Rail } from './features/shell/Rail';
import { TopBar } from './features/shell/TopBar';
import { useInk } from './features/shell/useInk';
import { useShortcuts } from './features/shell/useShortcuts';
import { WorkbenchView } from './features/workbench/WorkbenchView';
import type { Command } from './state/shortcuts';
import { canCancel, canStart } from './state/run';
import { compareFigure, liveFigure } from './state/figures';
import { instrumentFigure } from './state/instrumentPlots/figureOf';
import { comparisonFigures, sharedKs } from './state/instrumentPlots/compare';
import { runColorIndices } from './state/runColors';
import { useLab, type LabState } from './state/store';
import type { View } from './state/ui';

const NOTICE_MS = 8000;
const TITLES: Record<View, string> = { workbench: 'Workbench', compare: 'Compare', history: 'History', instruments: 'Instruments' };

/** The lab: a left rail of views, a title bar, the current view, and the shortcuts overlay. */
export function App({ client }: { client: LabClient }) {
  const { state, actions } = useLab(client);
  const ink = useInk(state.ui.theme);
  const presetRef = useRef<HTMLSelectElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useRef(state.history.rows);
  rows.current = state.history.rows;
  const latest = useRef(state);
  latest.current = state;

  /** Ctrl+Shift+E: the view's main figure set (live curves, Compare's panel set, or the instrument's main figure). */
  const openExportForView = (current: LabState): boolean => {
    if (current.ui.view === 'workbench' && Object.keys(current.live.series).length > 0) actions.showExport(liveFigure(current.live, current.run.active?.name ?? 'run'));
    else if (current.ui.view === 'compare' && current.compare.runIds.length > 0) {
      const runs = current.compare.runIds.flatMap((id) => (current.compare.runs[id] ? [current.compare.runs[id]] : []));
      const colors = runColorIndices(runs.map((r) => ({ id: r.record.id, variant: r.record.variant })));
      actions.showExport(compareFigure(runs, colors, { metric: current.compare.metric, heatRun: current.compare.heatmapRun ? current.compare.runs[current.compare.heatmapRun] : undefined, include: 'both' }));
    } else if (current.ui.view === 'instruments') {
      // An open comparison in this tab exports its first figure (schedules at the first shared K); else the tab's run.
      const { comparison, tab } = current.instruments;
      const compared = comparison?.kind === tab ? comparison.loaded : null;
      const loaded = current.instruments.shown[tab];
      const spec = compared !== null ? (comparisonFigures(tab, compared, sharedKs(compared)[0] ?? null)[0]?.spec ?? null) : loaded === null ? null : instrumentFigure(loaded);
      if (spec === null) return false;
      actions.showExport(spec);
    } else return false;
    return true;
  };

  useShortcuts((command: Command) => {
    const current = latest.current;
    switch (command) {
      case 'run':
        if (!canStart(current.run)) return false;
        actions.start();
        return true;
      case 'close':
        if (current.ui.exporting !== null) actions.showExport(null);
        else if (current.ui.helpOpen) actions.showHelp(false);
        else if (canCancel(current.run)) actions.cancel();
        else return false;
        return true;
      case 'search':
        actions.showView('history');
        requestAnimationFrame(() => searchRef.current?.focus());
        return true;
      case 'help':
        actions.showHelp(true);
        return true;
      case 'view-workbench':
      case 'view-compare':
      case 'view-history':
      case 'view-instruments':
        actions.showView(command.slice(5) as View);
        return true;
      case 'toggle-theme':
        actions.cycleTheme();
        return true;
      case 'undo':
      case 'redo':
        if (current.ui.view !== 'workbench' || current.ui.workbenchTab !== 'partition') return false;
        actions.editPartition({ type: command === 'undo' ? 'partition/undo' : 'partition/redo' });
        return true;
      case 'export':
        return openExportForView(current);
    }
  });

  useEffect(
    () =>
      client.on('menu:clicked', ({ command }) => {
        if (command === 'new-experiment') {
          actions.showView('workbench');
          requestAnimationFrame(() => presetRef.current?.focus());
        } else if (command === 'open-run') {
          actions.showView('history');
          requestAnimationFrame(() => searchRef.current?.focus());
        } else {
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

  // A notice stays 8 s (long enough to read a path), unless another replaces it first.
  useEffect(() => {
    if (state.notice === null) return undefined;
    const timer = setTimeout(() => actions.notify(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [state.notice, actions]);

  const view = state.ui.view;
  return (
    <div className="app">
      <Rail view={view} onView={actions.showView} onHelp={() => actions.showHelp(true)} />
      <div className="app-main">
        <TopBar info={state.info} title={TITLES[view]} transport={client.transport} theme={state.ui.theme} onTheme={actions.cycleTheme} />
        {state.notice && (
          <div className="notice" role="status" data-testid="notice">
            <span>{state.notice}</span>
            <button type="button" className="ghost" aria-label="Dismiss" onClick={() => actions.notify(null)}>×</button>
          </div>
        )}
        <main className="view" data-view={view}>
          {view === 'workbench' && <WorkbenchView state={state} actions={actions} presetRef={presetRef} />}
          {view === 'compare' && <CompareView compare={state.compare} actions={actions} ink={ink} onHistory={() => actions.showView('history')} />}
          {view === 'instruments' && <InstrumentsView state={state.instruments} actions={actions} ink={ink} />}
          {view === 'history' && <HistoryList history={state.history} actions={actions} searchRef={searchRef} onCompare={() => actions.compareRuns(state.history.selected)} />}
        </main>
      </div>
      {state.ui.helpOpen && <HelpOverlay onClose={() => actions.showHelp(false)} />}
      {state.ui.exporting && <ExportDialog spec={state.ui.exporting} appVersion={state.info?.version ?? 'unknown'} actions={actions} />}
    </div>
  );
}
