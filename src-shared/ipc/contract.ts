import { z } from 'zod';
import type { LabErrorPayload } from '../errors';
import type { ExperimentConfigInput } from '../experiment/config';
import { PRESET_NAMES, type PresetName } from '../experiment/presets';
import {
  ActiveExperiment, ActiveInstrument, ArtifactJsonSchema, ArtifactMeta, BlockMassSeries, ConfigIssue, DatasetSample, ErrorPayload, ExperimentRecord, FIGURE_FORMATS, FigureRecord, FinalMeans,
  FinalRow, InstrumentKindSchema, InstrumentPresetInfo, InstrumentProgress, InstrumentStarted, PartitionMeta, PartitionRecord, PresetInfo, ProgressPayload, RunRecord, RunRow, RunStatusSchema, ScheduleMeta, ScheduleRecord,
  StepSeries, ValidatedConfig, id,
} from './schemas';

// One file defines every channel: its name, its payload schemas, and so its types. Every door to
// the LabService (Electron IPC, HTTP + WebSocket, in-process) validates requests with these schemas
// in main; preload and renderer import only types and names. Requests are strict objects: an
// unknown key is a mistake worth reporting.

const none = z.strictObject({});
const text = (max: number) => z.string().max(max, `expected at most ${max} characters`);
const name = z.string().trim().min(1, 'expected a non-empty name').max(200, 'expected a name of at most 200 characters');
const filePath = z.string().min(1, 'expected a file path').max(4096);
const runIds = z.array(id).min(1, 'expected one or more run ids').max(10_000);
const time = z.number().int().nonnegative();
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sort keys of a run list (the store's RUN_SORT_KEYS; the service checks that the two agree). */
export const RUN_SORT_KEYS = ['created', 'name', 'experiment', 'status', 'variant', 'deltaTol', 'eInf', 'e1', 'mse', 'psnr', 'vDeltaNats'] as const;

const RunQuery = z.strictObject({
  /** Words to find in run and experiment names and notes, variant and preset (prefix match, all words). */
  search: text(500).optional(),
  tag: z.string().min(1).optional(),
  preset: z.string().min(1).optional(),
  status: z.union([RunStatusSchema, z.array(RunStatusSchema).min(1)]).optional(),
  experimentId: id.optional(),
  starred: z.boolean().optional(),
  createdFrom: time.optional(),
  createdTo: time.optional(),
  trash: z.enum(['hide', 'only', 'include']).optional(),
  sort: z.enum(RUN_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(0).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
});

const StartRunRequest = z
  .strictObject({
    preset: z.enum(PRESET_NAMES as readonly PresetName[] as [PresetName, ...PresetName[]]).optional(),
    /** A config as a user writes it (defaults may be omitted); validated by parseConfig in main, which names every bad field. */
    config: z.custom<ExperimentConfigInput>(isObject, { message: 'expected an experiment config object' }).optional(),
    /** Overrides seeds.count (seeds.start is kept). */
    seeds: z.number().int().min(1).max(100_000).optional(),
    /** Overrides the schedule's steps (not for a custom σ list). */
    steps: z.number().int().min(1).max(100_000).optional(),
    name: name.optional(),
    /** Engine worker threads; default: the service's setting. */
    threads: z.number().int().min(1).max(256).optional(),
  })
  .refine((r) => (r.preset === undefined) !== (r.config === undefined), { message: 'expected exactly one of preset or config', path: ['preset'] });

const StartedExperiment = z.object({
  experimentId: id,
  name: z.string(),
  runIds: z.array(id),
  variants: z.array(z.string()),
  backend: z.string(),
  seedsTotal: z.number().int().positive(),
  stepsTotal: z.number().int().positive(),
});

const StartInstrumentRequest = z
  .strictObject({
    kind: InstrumentKindSchema,
    /** A preset of `instruments:presets` for this kind. */
    preset: z.string().min(1).max(100).optional(),
    /** A config as a user writes it (defaults may be omitted); validated in main with the instrument's zod schema, every bad field named. */
    config: z.custom<Record<string, unknown>>(isObject, { message: 'expected an instrument config object' }).optional(),
    /** Overrides the config's name (the experiment's name in the history). */
    name: name.optional(),
    /** Worker threads (dynamics: the forward queries are split over them); default: the service's setting. */
    threads: z.number().int().min(1).max(256).optional(),
  })
  .refine((r) => (r.preset === undefined) !== (r.config === undefined), { message: 'expected exactly one of preset or config', path: ['preset'] });

const FigureInput = {
  name,
  format: z.enum(FIGURE_FORMATS),
  /** What was plotted and how (chart kind, metrics, size, palette…), as JSON. */
  spec: z.unknown(),
  /** The runs the figure shows (provenance; kept after they are purged). */
  runIds,
};

const FileContent = z.strictObject({
  encoding: z.enum(['utf8', 'base64']),
  data: z.string().max(64 * 1024 * 1024, 'expected at most 64 MiB of content'),
});

const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  /** Engine worker threads a run uses by default. */
  threads: z.number().int().positive(),
  platform: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
});

const ConfigValidation = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), config: ValidatedConfig, variants: z.array(z.string()), seeds: z.number().int(), steps: z.number().int() }),
  z.object({ ok: z.literal(false), issues: z.array(ConfigIssue) }),
]);

const libraryPatch = z.strictObject({ name: name.optional(), notes: text(10_000).optional() });

/** Renderer (or any client) → service, answered once. */
export const invokeSchemas = {
  'app:info': { request: none, response: AppInfo },
  'presets:list': { request: none, response: z.array(PresetInfo) },
  'config:validate': { request: z.strictObject({ config: z.unknown() }), response: ConfigValidation },
  /** One image of a bundled dataset (for now the digits), e.g. to take target masses from. */
  'data:sample': { request: z.strictObject({ dataset: z.literal('digits'), index: z.number().int().min(0).max(9999) }), response: DatasetSample },

  'runs:start': { request: StartRunRequest, response: StartedExperiment },
  'runs:cancel': { request: z.strictObject({ experimentId: id }), response: z.object({ cancelled: z.boolean() }) },
  'runs:active': { request: none, response: z.array(ActiveExperiment) },
  'runs:list': { request: RunQuery, response: z.object({ rows: z.array(RunRow), total: z.number().int().nonnegative() }) },
  'runs:get': { request: z.strictObject({ runId: id }), response: RunRecord },
  'runs:steps': { request: z.strictObject({ runId: id, seed: z.number().int().optional() }), response: StepSeries },
  'runs:finals': { request: z.strictObject({ runId: id }), response: z.array(FinalRow) },
  'runs:artifacts': { request: z.strictObject({ runId: id }), response: z.array(ArtifactMeta) },
  'runs:artifact': { request: z.strictObject({ artifactId: id }), response: ArtifactJsonSchema },
  /** Block masses of one seed at every recorded step (stored; runs stored before: read from its frames), with its targets and band. */
  'runs:blockMasses': { request: z.strictObject({ runId: id, seed: z.number().int().optional() }), response: BlockMassSeries },
  'runs:update': {
    request: z.strictObject({ runId: id, patch: z.strictObject({ name: text(200).optional(), notes: text(10_000).optional(), starred: z.boolean().optional() }) }),
    response: RunRecord,
  },
  'runs:trash': { request: z.strictObject({ runIds }), response: z.object({ runIds: z.array(id) }) },
  'runs:restore': { request: z.strictObject({ runIds }), response: z.object({ runIds: z.array(id) }) },
  'runs:purge': { request: z.strictObject({ runIds }), response: z.object({ runs: z.number().int(), artifactBytes: z.number().int() }) },

  'experiments:list': { request: none, response: z.array(ExperimentRecord) },
  'experiments:update': {
    request: z.strictObject({
      experimentId: id,
      patch: z.strictObject({
        name: name.optional(),
        preset: z.string().min(1).nullable().optional(),
        notes: text(10_000).optional(),
        tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
        starred: z.boolean().optional(),
      }),
    }),
    response: ExperimentRecord,
  },

  /** Without filePath: a native save dialog (desktop), else a new file in the data folder's exports/. */
  'bundles:export': {
    request: z.strictObject({ runIds, filePath: filePath.optional() }),
    response: z.object({ runs: z.number().int(), bytes: z.number().int(), filePath: z.string().nullable() }),
  },
  /**
   * Without filePath or content: a native open dialog (desktop only). filePath null: the dialog was
   * cancelled. With content (a browser's file upload): the bytes are saved into imports/ first.
   */
  'bundles:import': {
    request: z
      .strictObject({ filePath: filePath.optional(), content: FileContent.optional() })
      .refine((r) => r.filePath === undefined || r.content === undefined, { message: 'expected filePath or content, not both', path: ['content'] }),
    response: z.object({ imported: z.number().int(), skipped: z.number().int(), idMap: z.record(z.string(), z.string()), filePath: z.string().nullable() }),
  },

  'partitions:list': { request: none, response: z.array(PartitionMeta) },
  'partitions:save': {
    request: z.strictObject({
      name,
      notes: text(10_000).optional(),
      height: z.number().int().min(1).max(4096),
      width: z.number().int().min(1).max(4096),
      /** Block id of each pixel, row-major. */
      labels: z.array(z.number().int()).min(1).max(4096 * 4096),
      blockCount: z.number().int().min(1).optional(),
    }),
    response: PartitionMeta,
  },
  'partitions:get': { request: z.strictObject({ partitionId: id }), response: PartitionRecord },
  'partitions:update': { request: z.strictObject({ partitionId: id, patch: libraryPatch }), response: PartitionMeta },
  'partitions:delete': { request: z.strictObject({ partitionId: id }), response: z.object({ partitionId: id }) },

  'schedules:list': { request: none, response: z.array(ScheduleMeta) },
  'schedules:save': {
    request: z.strictObject({
      name,
      notes: text(10_000).optional(),
      kind: z.string().min(1).max(64),
      params: z.record(z.string(), z.unknown()).optional(),
      /** σ_0 > … > σ_N = 0, stored bit for bit. */
      sigmas: z.array(z.number()).min(2).max(100_001),
    }),
    response: ScheduleMeta,
  },
  'schedules:get': { request: z.strictObject({ scheduleId: id }), response: ScheduleRecord },
  'schedules:update': { request: z.strictObject({ scheduleId: id, patch: libraryPatch }), response: ScheduleMeta },
  'schedules:delete': { request: z.strictObject({ scheduleId: id }), response: z.object({ scheduleId: id }) },

  /** The instruments' presets (small enough to run in seconds), every config validated with its defaults. */
  'instruments:presets': { request: none, response: z.array(InstrumentPresetInfo) },
  /** Stores the experiment and its runs, starts the instrument on its worker threads and answers at once; instruments:* events follow. */
  'instruments:start': { request: StartInstrumentRequest, response: InstrumentStarted },
  'instruments:cancel': { request: z.strictObject({ experimentId: id }), response: z.object({ cancelled: z.boolean() }) },
  'instruments:active': { request: none, response: z.array(ActiveInstrument) },

  /** Records a figure the client saved itself (provenance only). */
  'figures:record': { request: z.strictObject({ ...FigureInput, filePath: filePath.optional() }), response: FigureRecord },
  /** Writes a figure's bytes (save dialog on the desktop, else exports/) and records it; null when the dialog was cancelled. */
  'figures:export': { request: z.strictObject({ ...FigureInput, content: FileContent, filePath: filePath.optional() }), response: FigureRecord.nullable() },
  'figures:list': { request: z.strictObject({ runId: id.optional() }), response: z.array(FigureRecord) },
  'figures:delete': { request: z.strictObject({ figureId: id }), response: z.object({ figureId: id }) },
} as const;

/** Most pixels of a preview image (128 × 128: 64 KiB of float32, 87,384 base64 characters). */
const PREVIEW_MAX_PIXELS = 128 * 128;
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * The live states of running seeds (batch sample 0 of each run) for the animated sample grid: per
 * frame height × width float32 values, little-endian, in base64. Bounded (≤ 128 × 128 pixels per
 * image, ≤ 10 events a second) instead of stored and fetched by id: see docs/api-contract.md.
 */
const PreviewPayload = z
  .strictObject({
    experimentId: id,
    height: z.number().int().min(1).max(PREVIEW_MAX_PIXELS),
    width: z.number().int().min(1).max(PREVIEW_MAX_PIXELS),
    frames: z.array(z.strictObject({ runId: id, seed: z.number().int(), step: z.number().int().nonnegative(), data: z.string().max(base64Length(4 * PREVIEW_MAX_PIXELS)) })).max(4096),
    /** The pruned empirical denoiser at that step (pruned backend only): ε and the fraction of (query, point) pairs skipped. */
    pruning: z.strictObject({ step: z.number().int().nonnegative(), epsilon: z.number().nonnegative(), skippedFraction: z.number().min(0).max(1) }).nullable(),
  })
  .refine((p) => p.height * p.width <= PREVIEW_MAX_PIXELS, { message: `expected at most ${PREVIEW_MAX_PIXELS} pixels`, path: ['height'] })
  .refine((p) => p.frames.every((f) => f.data.length === base64Length(4 * p.height * p.width)), { message: 'expected height × width float32 values in base64', path: ['frames'] });

/** Service → every client, fire-and-forget. Small payloads only: arrays are fetched by id. */
export const eventSchemas = {
  'runs:started': StartedExperiment,
  /** At most 10 a second per experiment; the last one before runs:finished is always sent. */
  'runs:progress': ProgressPayload,
  /** Running means over the seeds finished so far, per variant; at most 10 a second. */
  'runs:recorded': z.object({
    experimentId: id,
    variants: z.array(z.object({ runId: id, variant: z.string(), seedsFinished: z.number().int(), means: FinalMeans })),
  }),
  /** A sample frame was stored; its pixels are `runs:artifact { artifactId }`. At most 10 a second (the latest wins). */
  'runs:frame': z.object({ experimentId: id, runId: id, seed: z.number().int(), step: z.number().int(), artifactId: id }),
  /** The running seeds' current states (the newest per run and seed since the last event); at most 10 a second. */
  'runs:preview': PreviewPayload,
  'runs:finished': z.object({ experimentId: id, runIds: z.array(id), status: z.enum(['completed', 'cancelled', 'failed']), error: ErrorPayload.optional() }),
  /** Runs were imported, edited, trashed, restored or purged: lists showing them should refresh. */
  'runs:changed': z.object({ reason: z.enum(['imported', 'updated', 'trashed', 'restored', 'purged']), runIds: z.array(id) }),
  'instruments:started': InstrumentStarted,
  /** At most 10 a second per instrument; the last one before instruments:finished is always sent. */
  'instruments:progress': InstrumentProgress,
  /** The instrument ended; its runs are marked (completed, cancelled or failed) and their curves stored as artifacts. */
  'instruments:finished': z.object({ experimentId: id, kind: InstrumentKindSchema, runIds: z.array(id), status: z.enum(['completed', 'cancelled', 'failed']), error: ErrorPayload.optional() }),
  /** A desktop menu item the renderer acts on (new experiment, open run, export figure) was clicked. */
  'menu:clicked': z.object({ command: z.enum(['new-experiment', 'open-run', 'export-figure']) }),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;
export type EventChannel = keyof typeof eventSchemas;
/** What a caller passes (defaults may be omitted). */
export type Request<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]['request']>;
/** What a handler receives: validated, defaults filled in. */
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['request']>;
export type Response<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['response']>;
export type EventPayload<C extends EventChannel> = z.output<(typeof eventSchemas)[C]>;

/** Errors travel as data: Electron forwards only `message` of a thrown error, JSON nothing at all. */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LabErrorPayload };

/** What preload exposes as `window.lab`, and what every transport implements. */
export interface LabApi {
  invoke<C extends InvokeChannel>(channel: C, request: Request<C>): Promise<IpcResult<Response<C>>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}

export type RunRowData = z.output<typeof RunRow>;
export type RunRecordData = z.output<typeof RunRecord>;
export type ProgressData = z.output<typeof ProgressPayload>;
export type PresetInfoData = z.output<typeof PresetInfo>;
export type ActiveExperimentData = z.output<typeof ActiveExperiment>;
export type StepSeriesData = z.output<typeof StepSeries>;
export type FinalRowData = z.output<typeof FinalRow>;
export type FinalMeansData = z.output<typeof FinalMeans>;
export type BlockMassSeriesData = z.output<typeof BlockMassSeries>;
export type DatasetSampleData = z.output<typeof DatasetSample>;
export type PartitionMetaData = z.output<typeof PartitionMeta>;
export type ExperimentRecordData = z.output<typeof ExperimentRecord>;
export type InstrumentKind = z.output<typeof InstrumentKindSchema>;
export type InstrumentStartedData = z.output<typeof InstrumentStarted>;
export type InstrumentProgressData = z.output<typeof InstrumentProgress>;
export type ActiveInstrumentData = z.output<typeof ActiveInstrument>;
export type InstrumentPresetData = z.output<typeof InstrumentPresetInfo>;
