import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { LabError } from '../../src-shared/errors';
import { readBlockMasses } from '../../src-shared/coarse/massModes';
import { parseConfig } from '../../src-shared/experiment/config';
import { recordedSteps } from '../../src-shared/experiment/laneMetrics';
import { resolvePlan } from '../../src-shared/experiment/plan';
import { bandOf, variantsOf } from '../../src-shared/experiment/variants';
import { encodeArtifact } from '../../src-shared/ipc/artifactJson';
import type { ParsedRequest as Req, Response as Res, RUN_SORT_KEYS } from '../../src-shared/ipc/contract';
import type { FIGURE_FORMATS } from '../../src-shared/ipc/schemas';
import { APP_NAME, APP_VERSION } from '../appInfo';
import { loadDigits } from '../data/digits';
import type { FigureFormat, FigureRecord, PartitionMeta, RunSortKey, ScheduleMeta, Store } from '../store';
import { finalRowsJson, runRecordJson, runRowJson, stepSeriesJson } from './convert';
import { LabEvents } from './events';
import { inputsFor } from './experimentRun';
import { configOfStartRequest, presetInfos, validateConfig } from './experimentRequests';
import { BUNDLE_FILTER, exportTarget, importSource, stampedName, type FileAccess, type FileDialogs, type PathPolicy } from './files';
import { InstrumentJobs } from './instrumentJobs';
import { instrumentPreset, instrumentPresetInfos, parseInstrumentConfig } from './instrumentPresets';
import { ExperimentJobs } from './jobs';

type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The contract repeats two of the store's enumerations; these fail to compile when they drift apart.
const sortKeysAgree: SameSet<(typeof RUN_SORT_KEYS)[number], RunSortKey> = true;
const figureFormatsAgree: SameSet<(typeof FIGURE_FORMATS)[number], FigureFormat> = true;
void sortKeysAgree;
void figureFormatsAgree;

export interface LabServiceOptions {
  readonly store: Store;
  /** The data folder the store lives in (exports/ and imports/ are beside the database). */
  readonly dataDir: string;
  /** Engine worker threads per experiment; default: available parallelism. */
  readonly threads?: number;
  /** Native file dialogs (desktop only). */
  readonly dialogs?: FileDialogs;
  /** Which paths clients may name for exports and imports; default 'data-folder' (see files.ts). */
  readonly pathPolicy?: PathPolicy;
  readonly log?: (message: string, error?: unknown) => void;
  /** Minimum ms between two rate-limited events of one experiment (default 100). */
  readonly eventIntervalMs?: number;
}

function notFound(what: string, id: string): LabError {
  return new LabError('not-found', `no ${what} with id ${id}`);
}

/**
 * The one implementation of the contract: a method per invoke channel (taking the validated
 * request), and `events` for the event channels. Every door (IPC, HTTP + WebSocket, in-process)
 * reaches it through the same bindings table (bindings.ts). Node only; the store is the caller's.
 */
export class LabService {
  readonly events: LabEvents;
  readonly log: (message: string, error?: unknown) => void;
  private readonly store: Store;
  private readonly jobs: ExperimentJobs;
  private readonly instruments: InstrumentJobs;
  private readonly files: FileAccess;
  private closing = false;

  constructor(private readonly options: LabServiceOptions) {
    this.store = options.store;
    this.log = options.log ?? ((message, error) => console.error(`[lab] ${message}`, error ?? ''));
    this.events = new LabEvents((error) => this.log('an event listener failed', error));
    this.files = { dataDir: options.dataDir, dialogs: options.dialogs, policy: options.pathPolicy ?? 'data-folder' };
    this.jobs = new ExperimentJobs({
      store: options.store, events: this.events, log: this.log,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.eventIntervalMs === undefined ? {} : { eventIntervalMs: options.eventIntervalMs }),
    });
    this.instruments = new InstrumentJobs({
      store: options.store, events: this.events, log: this.log,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.eventIntervalMs === undefined ? {} : { eventIntervalMs: options.eventIntervalMs }),
    });
  }

  info(): Res<'app:info'> {
    return {
      name: APP_NAME,
      version: APP_VERSION,
      dataDir: this.options.dataDir,
      databasePath: this.store.path,
      threads: this.options.threads ?? availableParallelism(),
      platform: process.platform,
      versions: { node: process.versions.node, electron: process.versions['electron'] ?? null, chrome: process.versions['chrome'] ?? null },
    };
  }

  presets(): Res<'presets:list'> {
    return presetInfos();
  }

  validateConfig({ config }: Req<'config:validate'>): Res<'config:validate'> {
    return validateConfig(config);
  }

  datasetSample({ index }: Req<'data:sample'>): Res<'data:sample'> {
    const digits = loadDigits();
    if (index >= digits.count) throw new LabError('invalid-argument', `index: expected a digit index in [0, ${digits.count}), got ${index}`);
    const size = digits.height * digits.width;
    return { dataset: 'digits', index, height: digits.height, width: digits.width, pixels: Array.from(digits.pixels.subarray(index * size, (index + 1) * size)), label: digits.labels[index] ?? null };
  }

  /**
   * Block masses w_k of a run for one seed beside the seed's targets m_k and the variant's band (the
   * per-block violation heatmap): the stored float64 masses of every recorded step (mean over the
   * seed's batch), or, for runs stored before those were kept, the masses of its stored frames read
   * with the run's partition and mass mode.
   */
  blockMasses({ runId, seed }: Req<'runs:blockMasses'>): Res<'runs:blockMasses'> {
    const run = this.getRun({ runId });
    const config = parseConfig(run.config);
    const plan = resolvePlan(config, inputsFor(config));
    const variant = variantsOf(config).find((v) => v.id === run.variant) ?? { id: run.variant, projected: false, deltaTol: null };
    const frames = this.store.listArtifacts(runId).filter((a) => a.name === 'frame' && a.seed !== null && a.step !== null);
    const stored = this.store.getBlockMasses(runId, seed);
    const recorded = recordedSteps(plan);
    const table = stored !== undefined && stored.rows === recorded.length && stored.blockCount === plan.partition.K ? stored : undefined;
    const chosen = table?.seed ?? seed ?? frames.reduce<number | null>((min, a) => (min === null || a.seed! < min ? a.seed : min), null);
    const targets = plan.sampleSetup(chosen ?? plan.seeds[0]!, 0).targets;
    const band = bandOf(config, variant, targets);
    const byStep = new Map<number, string>();
    for (const a of frames) if (a.seed === chosen && !byStep.has(a.step!)) byStep.set(a.step!, a.id);
    const steps = table ? recorded : [...byStep.keys()].sort((a, b) => a - b);
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    const masses = table ? steps.map((_, r) => Array.from(table.masses.subarray(r * table.blockCount, (r + 1) * table.blockCount), finite)) : steps.map((step) => {
      const frame = this.store.getArtifact(byStep.get(step)!);
      const x = Float64Array.from(frame!.data);
      return x.every(Number.isFinite) ? Array.from(readBlockMasses(x, plan.partition, config.massMode), finite) : new Array<null>(plan.partition.K).fill(null);
    });
    return {
      runId, variant: variant.id, seed: chosen, height: plan.height, width: plan.width, blockCount: plan.partition.K, labels: Array.from(plan.partition.labels),
      targets: Array.from(targets, finite), lower: Array.from(band.lower, finite), upper: Array.from(band.upper, finite), steps, masses,
    };
  }

  /** Stores the experiment and its runs, starts it on the engine and answers at once; events follow. */
  async startRun(request: Req<'runs:start'>): Promise<Res<'runs:start'>> {
    if (this.closing) throw new LabError('cancelled', 'the lab is shutting down: no new runs');
    return this.jobs.start(configOfStartRequest(request), request.threads);
  }

  cancelRun({ experimentId }: Req<'runs:cancel'>): Res<'runs:cancel'> {
    if (this.jobs.cancel(experimentId)) return { cancelled: true };
    if (this.store.getExperiment(experimentId) === undefined) throw notFound('experiment', experimentId);
    return { cancelled: false };
  }

  activeRuns(): Res<'runs:active'> {
    return this.jobs.list();
  }

  listRuns(query: Req<'runs:list'>): Res<'runs:list'> {
    const { rows, total } = this.store.listRuns(query);
    return { rows: rows.map(runRowJson), total };
  }

  getRun({ runId }: Req<'runs:get'>): Res<'runs:get'> {
    const record = this.store.getRun(runId);
    if (record === undefined) throw notFound('run', runId);
    return runRecordJson(record);
  }

  steps({ runId, seed }: Req<'runs:steps'>): Res<'runs:steps'> {
    this.getRun({ runId });
    return stepSeriesJson(runId, this.store.getSteps(runId, seed));
  }

  finals({ runId }: Req<'runs:finals'>): Res<'runs:finals'> {
    this.getRun({ runId });
    return finalRowsJson(this.store.getFinals(runId));
  }

  artifacts({ runId }: Req<'runs:artifacts'>): Res<'runs:artifacts'> {
    return this.store.listArtifacts(runId).map((meta) => ({ ...meta, shape: [...meta.shape] }));
  }

  artifact({ artifactId }: Req<'runs:artifact'>): Res<'runs:artifact'> {
    const data = this.store.getArtifact(artifactId);
    if (data === undefined) throw notFound('artifact', artifactId);
    return encodeArtifact(artifactId, data);
  }

  updateRun({ runId, patch }: Req<'runs:update'>): Res<'runs:update'> {
    this.store.updateRun(runId, patch);
    this.events.emit('runs:changed', { reason: 'updated', runIds: [runId] });
    return this.getRun({ runId });
  }

  trashRuns({ runIds }: Req<'runs:trash'>): Res<'runs:trash'> {
    this.store.trashRuns(runIds);
    return this.changed('trashed', runIds);
  }

  restoreRuns({ runIds }: Req<'runs:restore'>): Res<'runs:restore'> {
    this.store.restoreRuns(runIds);
    return this.changed('restored', runIds);
  }

  purgeRuns({ runIds }: Req<'runs:purge'>): Res<'runs:purge'> {
    const result = this.store.purgeRuns(runIds);
    this.changed('purged', runIds);
    return result;
  }

  listExperiments(): Res<'experiments:list'> {
    return this.store.listExperiments().map((e) => ({ ...e, tags: [...e.tags] }));
  }

  updateExperiment({ experimentId, patch }: Req<'experiments:update'>): Res<'experiments:update'> {
    this.store.updateExperiment(experimentId, patch);
    const record = this.store.getExperiment(experimentId);
    if (record === undefined) throw notFound('experiment', experimentId);
    return { ...record, tags: [...record.tags] };
  }

  async exportBundle({ runIds, filePath }: Req<'bundles:export'>): Promise<Res<'bundles:export'>> {
    const target = await exportTarget(this.files, filePath, { title: 'Export runs', defaultName: stampedName('runs', BUNDLE_FILTER.extensions[0]!), filters: [BUNDLE_FILTER] });
    if (target === null) return { runs: 0, bytes: 0, filePath: null };
    return { ...this.store.exportBundle(runIds, target), filePath: target };
  }

  async importBundle({ filePath, content }: Req<'bundles:import'>): Promise<Res<'bundles:import'>> {
    const uploaded = content === undefined ? undefined : this.saveUpload(content);
    const source = await importSource(this.files, uploaded ?? filePath, { title: 'Import runs', filters: [BUNDLE_FILTER] });
    if (source === null) return { imported: 0, skipped: 0, idMap: {}, filePath: null };
    const result = this.store.importBundle(source);
    this.events.emit('runs:changed', { reason: 'imported', runIds: Object.values(result.idMap) });
    return { imported: result.imported, skipped: result.skipped, idMap: { ...result.idMap }, filePath: source };
  }

  listPartitions(): Res<'partitions:list'> {
    return this.store.listPartitions();
  }

  savePartition({ labels, ...rest }: Req<'partitions:save'>): Res<'partitions:save'> {
    return this.partitionMeta(this.store.savePartition({ ...rest, labels: Int32Array.from(labels) }));
  }

  getPartition({ partitionId }: Req<'partitions:get'>): Res<'partitions:get'> {
    const record = this.store.getPartition(partitionId);
    if (record === undefined) throw notFound('partition', partitionId);
    return { ...record, labels: Array.from(record.labels) };
  }

  updatePartition({ partitionId, patch }: Req<'partitions:update'>): Res<'partitions:update'> {
    this.store.updatePartition(partitionId, patch);
    return this.partitionMeta(partitionId);
  }

  deletePartition({ partitionId }: Req<'partitions:delete'>): Res<'partitions:delete'> {
    this.store.deletePartition(partitionId);
    return { partitionId };
  }

  listSchedules(): Res<'schedules:list'> {
    return this.store.listSchedules().map((meta) => ({ ...meta, params: { ...meta.params } }));
  }

  saveSchedule({ sigmas, ...rest }: Req<'schedules:save'>): Res<'schedules:save'> {
    return this.scheduleMeta(this.store.saveSchedule({ ...rest, sigmas: Float64Array.from(sigmas) }));
  }

  getSchedule({ scheduleId }: Req<'schedules:get'>): Res<'schedules:get'> {
    const record = this.store.getSchedule(scheduleId);
    if (record === undefined) throw notFound('schedule', scheduleId);
    return { ...record, params: { ...record.params }, sigmas: Array.from(record.sigmas) };
  }

  updateSchedule({ scheduleId, patch }: Req<'schedules:update'>): Res<'schedules:update'> {
    this.store.updateSchedule(scheduleId, patch);
    return this.scheduleMeta(scheduleId);
  }

  deleteSchedule({ scheduleId }: Req<'schedules:delete'>): Res<'schedules:delete'> {
    this.store.deleteSchedule(scheduleId);
    return { scheduleId };
  }

  instrumentPresets(): Res<'instruments:presets'> {
    return instrumentPresetInfos();
  }

  /**
   * Validates the instrument's config (a preset, or the given config) with the instrument's own zod
   * schema, stores its experiment and runs, starts it on its worker threads and answers at once.
   */
  async startInstrument({ kind, preset, config, name, threads }: Req<'instruments:start'>): Promise<Res<'instruments:start'>> {
    if (this.closing) throw new LabError('cancelled', 'the lab is shutting down: no new runs');
    const chosen = preset === undefined ? parseInstrumentConfig(kind, config) : instrumentPreset(kind, preset);
    const named = name === undefined ? chosen : parseInstrumentConfig(kind, { ...chosen.config, name });
    return this.instruments.start(named, threads);
  }

  cancelInstrument({ experimentId }: Req<'instruments:cancel'>): Res<'instruments:cancel'> {
    if (this.instruments.cancel(experimentId)) return { cancelled: true };
    if (this.store.getExperiment(experimentId) === undefined) throw notFound('experiment', experimentId);
    return { cancelled: false };
  }

  activeInstruments(): Res<'instruments:active'> {
    return this.instruments.list();
  }

  recordFigure({ filePath, ...figure }: Req<'figures:record'>): Res<'figures:record'> {
    return this.figure(this.store.saveFigure({ ...figure, filePath: filePath ?? null, appVersion: APP_VERSION }));
  }

  /** Writes the figure's bytes whole or not at all (beside, then renamed) and records it. */
  async exportFigure({ content, filePath, ...figure }: Req<'figures:export'>): Promise<Res<'figures:export'>> {
    const target = await exportTarget(this.files, filePath, {
      title: 'Export figure', defaultName: stampedName(figure.name, figure.format), filters: [{ name: figure.format.toUpperCase(), extensions: [figure.format] }],
    });
    if (target === null) return null;
    const partial = `${target}.partial`;
    try {
      writeFileSync(partial, content.encoding === 'base64' ? Buffer.from(content.data, 'base64') : content.data);
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      throw new LabError('storage', `cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return this.figure(this.store.saveFigure({ ...figure, filePath: target, appVersion: APP_VERSION }));
  }

  listFigures({ runId }: Req<'figures:list'>): Res<'figures:list'> {
    return this.store.listFigures(runId).map(figureJson);
  }

  deleteFigure({ figureId }: Req<'figures:delete'>): Res<'figures:delete'> {
    this.store.deleteFigure(figureId);
    return { figureId };
  }

  /** Resolves when every experiment running now has ended. */
  async whenIdle(): Promise<void> {
    await Promise.all([this.jobs.whenIdle(), this.instruments.whenIdle()]);
  }

  /** Refuses new runs, cancels the running ones and waits until they are marked; the store stays open (it is the caller's). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.jobs.cancelAll(), this.instruments.cancelAll()]);
  }

  /** Writes an uploaded bundle into imports/ under a new stamped name and returns that name. */
  private saveUpload(content: Req<'bundles:import'>['content'] & object): string {
    const name = stampedName('upload', BUNDLE_FILTER.extensions[0]!);
    const folder = path.join(this.options.dataDir, 'imports');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, name), content.encoding === 'base64' ? Buffer.from(content.data, 'base64') : content.data);
    return name;
  }

  private changed(reason: 'trashed' | 'restored' | 'purged', runIds: readonly string[]): { runIds: string[] } {
    const unique = [...new Set(runIds)];
    this.events.emit('runs:changed', { reason, runIds: unique });
    return { runIds: unique };
  }

  private partitionMeta(partitionId: string): PartitionMeta {
    const { labels: _labels, ...meta } = this.getPartition({ partitionId });
    return meta;
  }

  private scheduleMeta(scheduleId: string): ScheduleMeta {
    const { sigmas: _sigmas, ...meta } = this.getSchedule({ scheduleId });
    return meta;
  }

  private figure(figureId: string): FigureRecord & { runIds: string[] } {
    const record = this.store.getFigure(figureId);
    if (record === undefined) throw notFound('figure', figureId);
    return figureJson(record);
  }
}

function figureJson(record: FigureRecord): FigureRecord & { runIds: string[] } {
  return { ...record, runIds: [...record.runIds] };
}
