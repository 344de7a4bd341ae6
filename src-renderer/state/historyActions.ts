import type { LabError } from '../../src-shared/errors';
import { safeParseConfig, type ExperimentConfig } from '../../src-shared/experiment/config';
import type { LabClient } from '../api/client';
import { historyQuery, type HistoryFilters, type HistorySortKey } from './history';
import type { LabAction, LabState } from './store';

/** What the History view asks of the store. */
export interface HistoryActions {
  refreshHistory(): void;
  search(text: string): void;
  filterHistory(patch: Partial<HistoryFilters>): void;
  sortHistory(key: HistorySortKey): void;
  toggleRun(runId: string): void;
  selectRuns(runIds: readonly string[]): void;
  focusRun(runId: string | null): void;
  updateRun(runId: string, patch: { name?: string; notes?: string; starred?: boolean }): void;
  setTags(experimentId: string, tags: readonly string[]): void;
  /** Loads a run's config into the builder (a new experiment from it). */
  duplicateConfig(runId: string): void;
  /** Runs a stored run's experiment config again, unchanged: same seeds, same numbers. */
  rerun(runId: string): void;
  deleteRuns(runIds: readonly string[]): void;
  undoDelete(): void;
  restoreRuns(runIds: readonly string[]): void;
  purgeRuns(runIds: readonly string[]): void;
  exportBundle(runIds: readonly string[]): void;
  importBundle(file: File): void;
}

/** Reads a file's bytes as base64 (for a bundle upload). */
async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The History's actions; `refresh` re-runs the list query (debounced search is the store's). */
export function createHistoryActions(client: LabClient, dispatch: (action: LabAction) => void, getState: () => LabState): HistoryActions {
  let nextRequest = 0;
  const notify = (notice: string) => dispatch({ type: 'app/notice', notice });
  const fail = (error: LabError) => notify(error.message);

  const refreshHistory = () => {
    const requestId = ++nextRequest;
    dispatch({ type: 'history/requested', requestId });
    client.invoke('runs:list', historyQuery(getState().history)).then(
      ({ rows, total }) => dispatch({ type: 'history/loaded', requestId, rows, total }),
      (error: LabError) => dispatch({ type: 'history/failed', requestId, message: error.message }),
    );
  };
  // Actions that change the query refresh once the reducer has applied them (the next macrotask).
  const refreshSoon = () => setTimeout(refreshHistory, 0);
  const fetchDetail = (runId: string) => client.invoke('runs:get', { runId }).then((record) => dispatch({ type: 'history/detail', record }), fail);
  const withConfig = (runId: string, use: (config: ExperimentConfig, name: string) => void) => {
    client.invoke('runs:get', { runId }).then((record) => {
      const parsed = safeParseConfig(record.config);
      if (!parsed.ok) notify(`This run’s config cannot be used by this version: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      else use(parsed.config, record.experiment);
    }, fail);
  };

  return {
    refreshHistory,
    search: (text) => dispatch({ type: 'history/searched', search: text }),
    filterHistory: (patch) => {
      dispatch({ type: 'history/filtered', patch });
      refreshSoon();
    },
    sortHistory: (key) => {
      dispatch({ type: 'history/sorted', key });
      refreshSoon();
    },
    toggleRun: (runId) => dispatch({ type: 'history/toggled', runId }),
    selectRuns: (runIds) => dispatch({ type: 'history/selected', runIds }),
    focusRun: (runId) => {
      dispatch({ type: 'history/focused', runId });
      if (runId !== null) void fetchDetail(runId);
    },
    updateRun: (runId, patch) => {
      client.invoke('runs:update', { runId, patch }).then((record) => dispatch({ type: 'history/detail', record }), fail);
    },
    setTags: (experimentId, tags) => {
      client.invoke('experiments:update', { experimentId, patch: { tags: [...tags] } }).then(() => {
        const focused = getState().history.focused;
        if (focused !== null) void fetchDetail(focused);
      }, fail);
    },
    duplicateConfig: (runId) => withConfig(runId, (config, name) => {
      dispatch({ type: 'builder/loaded', config, preset: '' });
      dispatch({ type: 'ui/view', view: 'workbench' });
      notify(`Loaded the config of “${name}” into the builder: edit it, then Run both.`);
    }),
    rerun: (runId) => withConfig(runId, (config) => {
      dispatch({ type: 'run/starting' });
      dispatch({ type: 'ui/view', view: 'workbench' });
      dispatch({ type: 'ui/workbenchTab', tab: 'live' });
      client.invoke('runs:start', { config }).then(
        (started) => dispatch({ type: 'run/started', started }),
        (error: LabError) => dispatch({ type: 'run/failedToStart', error: error.toPayload() }),
      );
    }),
    deleteRuns: (runIds) => {
      if (runIds.length === 0) return;
      client.invoke('runs:trash', { runIds: [...runIds] }).then(({ runIds: trashed }) => dispatch({ type: 'history/deleted', runIds: trashed }), fail);
    },
    undoDelete: () => {
      const runIds = getState().history.lastDeleted;
      if (runIds === null || runIds.length === 0) return;
      client.invoke('runs:restore', { runIds: [...runIds] }).then(() => dispatch({ type: 'history/deleted', runIds: null }), fail);
    },
    restoreRuns: (runIds) => {
      if (runIds.length > 0) client.invoke('runs:restore', { runIds: [...runIds] }).catch(fail);
    },
    purgeRuns: (runIds) => {
      if (runIds.length === 0) return;
      client.invoke('runs:purge', { runIds: [...runIds] }).then(({ runs, artifactBytes }) => notify(`Deleted ${runs} run${runs === 1 ? '' : 's'} for good (${(artifactBytes / 1024).toFixed(0)} KiB of arrays freed).`), fail);
    },
    exportBundle: (runIds) => {
      if (runIds.length === 0) return;
      client.invoke('bundles:export', { runIds: [...runIds] }).then(({ runs, bytes, filePath }) => {
        if (filePath !== null) notify(`Exported ${runs} run${runs === 1 ? '' : 's'} (${(bytes / 1024).toFixed(0)} KiB) to ${filePath}.`);
      }, fail);
    },
    importBundle: (file) => {
      fileBase64(file).then((data) => client.invoke('bundles:import', { content: { encoding: 'base64', data } })).then(
        ({ imported, skipped }) => notify(`Imported ${imported} run${imported === 1 ? '' : 's'} from ${file.name}${skipped > 0 ? ` (${skipped} already here)` : ''}.`),
        (error: unknown) => notify(`${file.name}: ${(error as Error).message}`),
      );
    },
  };
}
