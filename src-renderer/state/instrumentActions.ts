import type { LabError } from '../../src-shared/errors';
import { decodeArtifact } from '../../src-shared/ipc/artifactJson';
import type { InstrumentKind } from '../../src-shared/ipc/contract';
import type { LossParameterisation } from '../../src-shared/schedules/lossCurve';
import { parseLossCsv } from '../../src-shared/schedules/lossCsv';
import type { LabClient } from '../api/client';
import type { ComparedExperiment } from './instrumentCompare';
import { checkDraft, prettyJson } from './instrumentDraft';
import { instrumentBusy, type LoadedArtifact, type LoadedInstrument } from './instruments';
import type { LabAction, LabState } from './store';

/** What the Instruments view asks of the store. */
export interface InstrumentActions {
  showInstrumentTab(kind: InstrumentKind): void;
  pickInstrumentPreset(kind: InstrumentKind, name: string): void;
  editInstrument(kind: InstrumentKind, text: string): void;
  /** Starts the current tab's draft (refused while it has issues or an instrument runs). */
  startInstrument(): void;
  cancelInstrument(): void;
  /** Loads a stored instrument experiment's curves into its tab and shows it (from the History). */
  openInstrument(experimentId: string, kind: InstrumentKind): void;
  /** Loads a stored instrument run's config into its editor (to change and start again). */
  editInstrumentConfig(runId: string, kind: InstrumentKind): void;
  /** Loads stored experiments of one instrument and overlays their curves in its tab (from the History's Compare). */
  compareInstruments(kind: InstrumentKind, experiments: readonly ComparedExperiment[]): void;
  /** Closes the comparison: the tab shows its last loaded experiment again. */
  closeInstrumentComparison(): void;
  /** Reads a training-log CSV into the schedules draft's loss (LAS adapts to it; its SNR range becomes the endpoints). */
  importLossCsv(file: File, parameterisation: LossParameterisation): void;
}

/** Whether a stored run's preset names an instrument. */
export function instrumentOfPreset(preset: string | null): InstrumentKind | null {
  return preset === 'schedules' || preset === 'dynamics' || preset === 'likelihood' ? preset : null;
}

/**
 * Fetches a stored instrument experiment: its runs (oldest first), the config of the first, and
 * every artifact of each run decoded to float64.
 */
export async function loadInstrument(client: LabClient, experimentId: string, kind: InstrumentKind): Promise<LoadedInstrument> {
  const { rows } = await client.invoke('runs:list', { experimentId, trash: 'include', sort: 'created', order: 'asc', limit: 10_000 });
  const first = rows[0];
  if (first === undefined) throw new Error(`the experiment ${experimentId} has no runs (purged?)`);
  const record = await client.invoke('runs:get', { runId: first.id });
  const runs = await Promise.all(rows.map(async (row) => {
    const metas = await client.invoke('runs:artifacts', { runId: row.id });
    const arrays = await Promise.all(metas.map(async (meta) => {
      const decoded = decodeArtifact(await client.invoke('runs:artifact', { artifactId: meta.id }));
      return [meta.name, { shape: decoded.shape, data: Float64Array.from(decoded.data) }] as [string, LoadedArtifact];
    }));
    return { runId: row.id, variant: row.variant, status: row.status, artifacts: Object.fromEntries(arrays) };
  }));
  return { experimentId, kind, name: record.experiment, config: record.config, runs };
}

/** The Instruments' actions and the subscription that folds instrument events into the store. */
export function createInstrumentActions(client: LabClient, dispatch: (action: LabAction) => void, getState: () => LabState, refreshHistory: () => void): { actions: InstrumentActions; connect: () => () => void } {
  const notify = (notice: string) => dispatch({ type: 'app/notice', notice });
  const load = (experimentId: string, kind: InstrumentKind) => {
    dispatch({ type: 'instruments/loading', experimentId });
    loadInstrument(client, experimentId, kind).then(
      (loaded) => dispatch({ type: 'instruments/loaded', loaded }),
      (error: Error) => dispatch({ type: 'instruments/loadFailed', experimentId, message: error.message }),
    );
  };

  const connect = () => {
    client.invoke('instruments:presets', {}).then((presets) => dispatch({ type: 'instruments/presets', presets }), (error: LabError) => notify(error.message));
    client.invoke('instruments:active', {}).then((active) => {
      const first = active[0];
      if (first !== undefined) dispatch({ type: 'instruments/started', started: first, progress: first.progress });
    }, (error: LabError) => notify(error.message));
    const offs = [
      client.on('instruments:started', (started) => {
        dispatch({ type: 'instruments/started', started });
        refreshHistory();
      }),
      client.on('instruments:progress', (progress) => dispatch({ type: 'instruments/progress', progress })),
      client.on('instruments:finished', (finished) => {
        const followed = getState().instruments.active?.experimentId === finished.experimentId;
        dispatch({ type: 'instruments/finished', finished });
        refreshHistory();
        if (followed) load(finished.experimentId, finished.kind);
      }),
    ];
    return () => offs.forEach((off) => off());
  };

  const actions: InstrumentActions = {
    showInstrumentTab: (kind) => dispatch({ type: 'instruments/tab', tab: kind }),
    pickInstrumentPreset: (kind, name) => dispatch({ type: 'instruments/preset', kind, name }),
    editInstrument: (kind, text) => dispatch({ type: 'instruments/edited', kind, text }),
    startInstrument: () => {
      const state = getState().instruments;
      if (instrumentBusy(state.status)) return;
      const kind = state.tab;
      const check = checkDraft(kind, state.drafts[kind].text);
      if (!check.ok) return;
      dispatch({ type: 'instruments/starting' });
      client.invoke('instruments:start', { kind, config: check.config }).then(
        (started) => dispatch({ type: 'instruments/started', started }),
        (error: LabError) => dispatch({ type: 'instruments/failedToStart', message: error.message }),
      );
    },
    cancelInstrument: () => {
      const active = getState().instruments.active;
      if (active === null) return;
      dispatch({ type: 'instruments/cancelling' });
      client.invoke('instruments:cancel', { experimentId: active.experimentId }).catch((error: LabError) => notify(error.message));
    },
    openInstrument: (experimentId, kind) => {
      dispatch({ type: 'ui/view', view: 'instruments' });
      dispatch({ type: 'instruments/tab', tab: kind });
      load(experimentId, kind);
    },
    compareInstruments: (kind, experiments) => {
      const experimentIds = experiments.map((e) => e.experimentId);
      dispatch({ type: 'instruments/comparing', kind, experiments });
      dispatch({ type: 'ui/view', view: 'instruments' });
      Promise.all(experiments.map(async (e) => ({ ...e, loaded: await loadInstrument(client, e.experimentId, kind) }))).then(
        (loaded) => dispatch({ type: 'instruments/compared', loaded }),
        (error: Error) => dispatch({ type: 'instruments/compareFailed', experimentIds, message: error.message }),
      );
    },
    closeInstrumentComparison: () => dispatch({ type: 'instruments/compareClosed' }),
    editInstrumentConfig: (runId, kind) => {
      client.invoke('runs:get', { runId }).then((record) => {
        dispatch({ type: 'instruments/edited', kind, text: prettyJson(record.config) });
        dispatch({ type: 'ui/view', view: 'instruments' });
        dispatch({ type: 'instruments/tab', tab: kind });
        notify(`Loaded the config of “${record.experiment}” into the ${kind} editor: change it, then Start.`);
      }, (error: LabError) => notify(error.message));
    },
    importLossCsv: (file, parameterisation) => {
      file.text().then((text) => {
        const parsed = parseLossCsv(text, { loss: parameterisation });
        const draft = getState().instruments.drafts.schedules.text;
        let json: Record<string, unknown>;
        try {
          json = JSON.parse(draft) as Record<string, unknown>;
        } catch {
          notify('Fix the config text (it is not valid JSON) before importing a loss CSV.');
          return;
        }
        const loss = { source: 'samples', label: file.name, level: parsed.level, parameterisation, gammas: Array.from(parsed.gammas), losses: Array.from(parsed.losses) };
        const endpoints = { gammaMax: Math.max(...parsed.gammas), gammaMin: Math.min(...parsed.gammas) };
        const name = `schedules-${file.name.replace(/\.[^.]*$/u, '')}`.slice(0, 200);
        dispatch({ type: 'instruments/edited', kind: 'schedules', text: prettyJson({ ...json, name, loss, endpoints }) });
        notify(`Read ${parsed.gammas.length} levels from ${file.name} (${parsed.level}, ${parameterisation} loss): LAS adapts to them; the endpoints are the log’s SNR range; the experiment is named ${name}.`);
      }).catch((error: unknown) => notify(`${file.name}: ${(error as Error).message}`));
    },
  };
  return { actions, connect };
}
