import type { LabError } from '../../src-shared/errors';
import type { EventPayload } from '../../src-shared/ipc/contract';
import type { LabClient } from '../api/client';
import type { FieldKey, UserImage } from './builder';
import { draftToConfig } from './draftConfig';
import type { FigureSpec } from './figureSpec';
import type { StepMetric } from './series';
import { createCompareLoader } from './compareActions';
import { createHistoryActions, type HistoryActions } from './historyActions';
import { createInstrumentActions, type InstrumentActions } from './instrumentActions';
import { createLiveFollower } from './liveFollower';
import type { PartitionAction } from './partition';
import type { LabAction, LabState } from './store';
import type { ThemePreference, View, WorkbenchTab } from './ui';

const LIVE_REFRESH_MS = 1000;

/** What the UI may ask of the store; every call talks to the lab through the client only. */
export interface LabActions extends HistoryActions, InstrumentActions {
  /** Loads info, presets, a run already going and the history, and subscribes to events; returns the unsubscribe. */
  connect(): () => void;
  start(): void;
  cancel(): void;
  loadPreset(name: string): void;
  changeField(key: FieldKey, value: string): void;
  addImages(images: readonly UserImage[], errors: readonly string[]): void;
  removeImage(index: number): void;
  editPartition(action: PartitionAction): void;
  refreshPartitions(): void;
  savePartition(name: string): void;
  loadPartition(partitionId: string): void;
  deletePartition(partitionId: string): void;
  /** Opens runs in Compare (and shows it). */
  compareRuns(runIds: readonly string[]): void;
  setCompareMetric(metric: StepMetric): void;
  scrubCompare(step: number | null): void;
  showHeatmapOf(runId: string): void;
  /** Opens (spec) or closes (null) the export dialog. */
  showExport(spec: FigureSpec | null): void;
  /** The config hashes of runs (provenance of a figure), deduplicated. */
  configHashes(runIds: readonly string[]): Promise<string[]>;
  /** Writes figure files through figures:export (recorded with their runs); resolves with the paths written. */
  saveFigureFiles(spec: FigureSpec, files: readonly { fileName: string; format: 'svg' | 'pdf' | 'png' | 'csv'; content: { encoding: 'utf8' | 'base64'; data: string } }[], details: object): Promise<string[]>;
  /** Fetches dataset image `index` (digits) to show behind the partition. */
  loadSample(index: number): void;
  notify(notice: string | null): void;
  showView(view: View): void;
  showTab(tab: WorkbenchTab): void;
  setTheme(theme: ThemePreference): void;
  cycleTheme(): void;
  showHelp(open: boolean): void;
}

/** Saves bytes as a file through the browser (a download). */
function downloadFile(fileName: string, content: { encoding: 'utf8' | 'base64'; data: string }): void {
  const bytes = content.encoding === 'utf8' ? new TextEncoder().encode(content.data) : Uint8Array.from(atob(content.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The actions of one store: `dispatch` folds results in, `getState` reads the newest state. */
export function createLabActions(client: LabClient, dispatch: (action: LabAction) => void, getState: () => LabState): LabActions {
  let lastLiveRefresh = 0;
  const fail = (error: LabError) => dispatch({ type: 'app/notice', notice: error.message });
  const history = createHistoryActions(client, dispatch, getState);
  const openCompare = createCompareLoader(client, dispatch);
  const refreshHistory = history.refreshHistory;
  const instruments = createInstrumentActions(client, dispatch, getState, refreshHistory);

  const live = createLiveFollower(client, dispatch, fail);
  // Progress arrives at ≤ 10/s; the store takes at most one per animation frame (the newest).
  let pendingProgress: EventPayload<'runs:progress'> | null = null;
  const flushProgress = () => {
    const progress = pendingProgress;
    pendingProgress = null;
    if (progress !== null) dispatch({ type: 'run/progress', progress });
  };

  const refreshPartitions = () => {
    client.invoke('partitions:list', {}).then((items) => dispatch({ type: 'partition/library', items }), fail);
  };
  const partitionFailed = (error: LabError) => dispatch({ type: 'partition/failed', message: error.message });

  const loadPreset = (name: string) => {
    const preset = getState().builder.presets.find((p) => p.name === name);
    if (preset !== undefined) dispatch({ type: 'builder/loaded', config: preset.config, preset: name });
  };

  const connect = () => {
    client.invoke('app:info', {}).then((info) => dispatch({ type: 'app/info', info }), fail);
    client.invoke('presets:list', {}).then((presets) => {
      dispatch({ type: 'builder/presets', presets });
      const first = presets[0];
      if (getState().builder.preset === '' && !getState().builder.modified && first !== undefined) dispatch({ type: 'builder/loaded', config: first.config, preset: first.name });
    }, fail);
    client.invoke('runs:active', {}).then((active) => {
      const first = active[0];
      if (first === undefined) return;
      dispatch({ type: 'run/attached', active: first });
      live.follow(first.experimentId, first.runIds, first.variants);
    }, fail);
    refreshHistory();
    refreshPartitions();
    const offs = [
      client.on('runs:started', (started) => {
        const run = getState().run;
        if (run.active === null || run.status !== 'running') {
          dispatch({ type: 'run/attached', active: { ...started, started: Date.now(), progress: { experimentId: started.experimentId, runIds: started.runIds, stepsDone: 0, stepsTotal: started.stepsTotal, seedsDone: 0, seedsTotal: started.seedsTotal, etaMs: null } } });
          live.follow(started.experimentId, started.runIds, started.variants);
        }
        refreshHistory();
      }),
      client.on('runs:progress', (progress) => {
        if (pendingProgress === null) requestAnimationFrame(flushProgress);
        pendingProgress = progress;
        live.changed(progress.experimentId);
      }),
      client.on('runs:frame', (frame) => live.changed(frame.experimentId)),
      // New seeds finished: the history's means moved. At most one list query a second for this.
      client.on('runs:recorded', () => {
        const now = Date.now();
        if (now - lastLiveRefresh < LIVE_REFRESH_MS) return;
        lastLiveRefresh = now;
        refreshHistory();
      }),
      client.on('runs:finished', (finished) => {
        flushProgress();
        dispatch({ type: 'run/finished', finished });
        live.finished(finished.experimentId);
        refreshHistory();
      }),
      client.on('runs:changed', () => refreshHistory()),
    ];
    const offInstruments = instruments.connect();
    return () => {
      offInstruments();
      offs.forEach((off) => off());
      live.stop();
    };
  };

  return {
    ...history,
    ...instruments.actions,
    connect,
    start: () => {
      const state = getState();
      const { config } = draftToConfig(state.builder, state.partition);
      if (config === null) return;
      dispatch({ type: 'run/starting' });
      dispatch({ type: 'ui/workbenchTab', tab: 'live' });
      client.invoke('runs:start', { config }).then(
        (started) => {
          dispatch({ type: 'run/started', started });
          live.follow(started.experimentId, started.runIds, started.variants);
        },
        (error: LabError) => dispatch({ type: 'run/failedToStart', error: error.toPayload() }),
      );
    },
    cancel: () => {
      const active = getState().run.active;
      if (active === null) return;
      dispatch({ type: 'run/cancelling' });
      client.invoke('runs:cancel', { experimentId: active.experimentId }).catch(fail);
    },
    loadPreset,
    changeField: (key, value) => dispatch({ type: 'builder/changed', key, value }),
    addImages: (images, errors) => dispatch({ type: 'builder/imagesAdded', images, errors }),
    removeImage: (index) => dispatch({ type: 'builder/imageRemoved', index }),
    editPartition: (action) => dispatch(action),
    refreshPartitions,
    savePartition: (name) => {
      const { height, width, labels } = getState().partition;
      client.invoke('partitions:save', { name, height, width, labels: Array.from(labels) }).then(() => {
        dispatch({ type: 'app/notice', notice: `Saved the partition “${name}” to the library.` });
        refreshPartitions();
      }, partitionFailed);
    },
    loadPartition: (partitionId) => {
      client.invoke('partitions:get', { partitionId }).then(
        (p) => dispatch({ type: 'partition/replaced', labels: Int32Array.from(p.labels), height: p.height, width: p.width, source: { kind: 'library', id: p.id, name: p.name } }),
        partitionFailed,
      );
    },
    deletePartition: (partitionId) => {
      client.invoke('partitions:delete', { partitionId }).then(refreshPartitions, partitionFailed);
    },
    compareRuns: (runIds) => {
      if (runIds.length === 0) return;
      openCompare(runIds);
      dispatch({ type: 'ui/view', view: 'compare' });
    },
    setCompareMetric: (metric) => dispatch({ type: 'compare/metric', metric }),
    scrubCompare: (step) => dispatch({ type: 'compare/step', step }),
    showHeatmapOf: (runId) => dispatch({ type: 'compare/heatmapRun', runId }),
    showExport: (spec) => dispatch({ type: 'ui/export', spec }),
    configHashes: async (runIds) => {
      const records = await Promise.all(runIds.map((runId) => client.invoke('runs:get', { runId })));
      return [...new Set(records.map((r) => r.configHash))];
    },
    saveFigureFiles: async (spec, files, details) => {
      const paths: string[] = [];
      for (const file of files) {
        if (spec.runIds.length === 0) {
          // A figure of no run (e.g. a schedule) has no provenance to record: the browser saves it.
          downloadFile(file.fileName, file.content);
          paths.push(file.fileName);
          continue;
        }
        const record = await client.invoke('figures:export', { name: spec.name, format: file.format, spec: { ...details, panels: spec.panels.length, file: file.fileName }, runIds: [...spec.runIds], content: file.content });
        if (record?.filePath) paths.push(record.filePath);
      }
      return paths;
    },
    loadSample: (index) => {
      if (getState().builder.sample?.index === index) return;
      client.invoke('data:sample', { dataset: 'digits', index }).then((sample) => dispatch({ type: 'builder/sample', sample }), fail);
    },
    notify: (notice) => dispatch({ type: 'app/notice', notice }),
    showView: (view) => dispatch({ type: 'ui/view', view }),
    showTab: (tab) => dispatch({ type: 'ui/workbenchTab', tab }),
    setTheme: (theme) => dispatch({ type: 'ui/theme', theme }),
    cycleTheme: () => dispatch({ type: 'ui/themeCycled' }),
    showHelp: (open) => dispatch({ type: 'ui/help', open }),
  };
}
