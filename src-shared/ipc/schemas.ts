import { z } from 'zod';
import type { LabErrorCode, LabErrorPayload } from '../errors';
import type { ExperimentConfig } from '../experiment/config';
import type { ArtifactJson } from './artifactJson';
import { RUN_STATUSES, type FinalMetrics, type RunStatus, type StepMetrics } from '../experiment/records';

/**
 * The data shapes that cross a process boundary (responses and event payloads). Everything here is
 * plain JSON: no typed arrays, no class instances, and no NaN or ±∞. A metric that is not a finite
 * number (undefined: NaN; or infinite, e.g. PSNR at zero MSE) crosses as `null`, so that IPC
 * (structured clone), HTTP (JSON) and in-process calls return the same value.
 */

export const id = z.string().min(1, 'expected a non-empty id').max(128, 'expected an id of at most 128 characters');
const count = z.number().int().nonnegative();
/** Unix time, ms. */
const time = z.number().int().nonnegative();
/** A metric value; null when it is not a finite number. */
export const metric = z.number().nullable();

export const LAB_ERROR_CODES = [
  'invalid-argument', 'invalid-config', 'invalid-request', 'infeasible', 'forbidden', 'unauthorized', 'cancelled',
  'not-found', 'storage', 'storage-future-version', 'storage-corrupt', 'bundle-invalid', 'internal',
] as const satisfies readonly LabErrorCode[];
// A code added to LabErrorCode but not here fails to compile.
const everyCodeListed: Record<Exclude<LabErrorCode, (typeof LAB_ERROR_CODES)[number]>, never> = {};
void everyCodeListed;

export const ErrorPayload: z.ZodType<LabErrorPayload> = z.object({ code: z.enum(LAB_ERROR_CODES), message: z.string() });

export const RunStatusSchema = z.enum(RUN_STATUSES as readonly RunStatus[] as [RunStatus, ...RunStatus[]]);

export const FINAL_FIELDS = ['eInf', 'e1', 'mse', 'psnr', 'vNats', 'vDeltaNats', 'vDeltaCoarseNats'] as const satisfies readonly (keyof FinalMetrics)[];
export const STEP_FIELDS = [
  'sigma', 'eInf', 'e1', 'vNats', 'vDeltaNats', 'vDeltaCoarseNats', 'projCostNats', 'displacement', 'mse', 'psnr',
] as const satisfies readonly (keyof StepMetrics)[];
// A metric added to StepMetrics or FinalMetrics but not listed here fails to compile.
const everyStepField: Record<Exclude<keyof StepMetrics, (typeof STEP_FIELDS)[number] | 'seed' | 'step'>, never> = {};
const everyFinalField: Record<Exclude<keyof FinalMetrics, (typeof FINAL_FIELDS)[number] | 'seed'>, never> = {};
void everyStepField;
void everyFinalField;

const finalShape = Object.fromEntries(FINAL_FIELDS.map((key) => [key, metric])) as Record<(typeof FINAL_FIELDS)[number], typeof metric>;

/** Means over seeds of the final metrics. */
export const FinalMeans = z.object(finalShape);

/** Means over the finished seeds of a run's final metrics (the store's run_summary). */
export const RunSummary = z.object({ seedsFinished: count, ...finalShape });

export const RunRow = z.object({
  id,
  experimentId: id,
  /** The experiment's name. */
  experiment: z.string(),
  preset: z.string().nullable(),
  name: z.string(),
  variant: z.string(),
  deltaTol: z.number().nullable(),
  seedCount: count,
  status: RunStatusSchema,
  backend: z.string(),
  starred: z.boolean(),
  created: time,
  finished: time.nullable(),
  trashed: time.nullable(),
  summary: RunSummary.nullable(),
});

export const RunRecord = RunRow.extend({
  notes: z.string(),
  tags: z.array(z.string()),
  seeds: z.array(z.number().int()),
  error: z.string().nullable(),
  appVersion: z.string(),
  /** The config as stored with the run (current runs: a validated ExperimentConfig). */
  config: z.unknown(),
  configHash: z.string(),
  dataHash: z.string().nullable(),
  timings: z.record(z.string(), z.number()).nullable(),
  started: time.nullable(),
  originId: z.string().nullable(),
  stepCount: count,
});

/** A run's recorded steps, column-wise (row k of every column belongs together), seeds then steps ascending. */
export const StepSeries = z.object({
  runId: id,
  length: count,
  seed: z.array(z.number().int()),
  step: z.array(count),
  ...(Object.fromEntries(STEP_FIELDS.map((key) => [key, z.array(metric)])) as Record<(typeof STEP_FIELDS)[number], z.ZodArray<typeof metric>>),
});

export const FinalRow = z.object({ seed: z.number().int(), ...finalShape });

export const Dtype = z.enum(['float64', 'float32', 'int32', 'uint8']);

export const ArtifactMeta = z.object({
  id,
  runId: id,
  name: z.string(),
  seed: z.number().int().nullable(),
  step: count.nullable(),
  dtype: Dtype,
  shape: z.array(count),
  byteLength: count,
  created: time,
});

export const ArtifactJsonSchema = z.object({
  id,
  name: z.string(),
  dtype: Dtype,
  shape: z.array(count),
  encoding: z.literal('base64-le'),
  data: z.string(),
}) satisfies z.ZodType<ArtifactJson>;

export const ExperimentRecord = z.object({
  id,
  name: z.string(),
  preset: z.string().nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  starred: z.boolean(),
  created: time,
  updated: time,
  runCount: count,
});

export const PartitionMeta = z.object({
  id,
  name: z.string(),
  notes: z.string(),
  height: count,
  width: count,
  blockCount: count,
  created: time,
  updated: time,
});
export const PartitionRecord = PartitionMeta.extend({ labels: z.array(z.number().int()) });

export const ScheduleMeta = z.object({
  id,
  name: z.string(),
  notes: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  steps: count,
  sigmasHash: z.string(),
  created: time,
  updated: time,
});
export const ScheduleRecord = ScheduleMeta.extend({ sigmas: z.array(z.number()) });

export const FIGURE_FORMATS = ['svg', 'pdf', 'png', 'csv'] as const;
export const FigureRecord = z.object({
  id,
  name: z.string(),
  format: z.enum(FIGURE_FORMATS),
  filePath: z.string().nullable(),
  spec: z.unknown(),
  runIds: z.array(id),
  appVersion: z.string(),
  created: time,
});

/** A validated config with defaults filled in (typed for callers; produced by parseConfig in main). */
export const ValidatedConfig = z.custom<ExperimentConfig>((value) => typeof value === 'object' && value !== null, { message: 'expected a config object' });

export const PresetInfo = z.object({
  name: z.string(),
  description: z.string(),
  config: ValidatedConfig,
  seeds: count,
  /** Sampler steps N (the length of a custom σ list minus one). */
  steps: count,
  variants: z.array(z.string()),
});

export const ConfigIssue = z.object({ path: z.string(), message: z.string() });

/** Where an experiment stands: steps over all seeds and variants' shared engine, seeds finished, ETA. */
export const ProgressPayload = z.object({
  experimentId: id,
  runIds: z.array(id),
  stepsDone: count,
  stepsTotal: count,
  seedsDone: count,
  seedsTotal: count,
  /** Estimated ms to completion from the mean rate so far; null before the first step. */
  etaMs: z.number().nonnegative().nullable(),
});

export const ActiveExperiment = z.object({
  experimentId: id,
  name: z.string(),
  runIds: z.array(id),
  variants: z.array(z.string()),
  backend: z.string(),
  started: time,
  progress: ProgressPayload,
});

/**
 * Block masses of a run for one seed (the per-block violation heatmap): w_k at every recorded step
 * (float64, stored with the run; runs stored before that read them from their float32 frames), the
 * targets m_k and the band [L_k, U_k] of the run's variant, and the partition's labels to draw
 * boundaries with.
 */
export const BlockMassSeries = z.object({
  runId: id,
  variant: z.string(),
  /** The seed whose masses these are (null: the run has neither stored masses nor frames). */
  seed: z.number().int().nullable(),
  height: count,
  width: count,
  blockCount: count,
  labels: z.array(z.number().int()),
  targets: z.array(metric),
  lower: z.array(metric),
  upper: z.array(metric),
  /** Sampler step index of each row, ascending. */
  steps: z.array(count),
  /** masses[r][k]: the mass of block k at row r (null where undefined, e.g. an all-negative clip image). */
  masses: z.array(z.array(metric)),
});

/** One image of a bundled dataset (the targets' "from a dataset sample"). */
export const DatasetSample = z.object({
  dataset: z.literal('digits'),
  index: count,
  height: count,
  width: count,
  pixels: z.array(z.number()),
  /** The class of the sample (the digit). */
  label: z.number().int().nullable(),
});

/** The three instruments of the companion papers, each a job of the service (docs/api-contract.md). */
export const INSTRUMENT_KINDS = ['schedules', 'dynamics', 'likelihood'] as const;
export const InstrumentKindSchema = z.enum(INSTRUMENT_KINDS);

/** An instrument run as stored: one experiment (preset = the kind), one run per variant (curve set or schedule). */
export const InstrumentStarted = z.object({
  experimentId: id,
  kind: InstrumentKindSchema,
  name: z.string(),
  runIds: z.array(id),
  variants: z.array(z.string()),
  backend: z.string(),
});

/** Where an instrument stands: units done of the current stage (a stage is a phase or section of its computation). */
export const InstrumentProgress = z.object({
  experimentId: id,
  kind: InstrumentKindSchema,
  stage: z.string(),
  done: count,
  total: count,
});

export const ActiveInstrument = InstrumentStarted.extend({ started: time, progress: InstrumentProgress.nullable() });

/** A preset of an instrument, small enough for the app: its validated config (defaults filled) as plain JSON. */
export const InstrumentPresetInfo = z.object({
  kind: InstrumentKindSchema,
  name: z.string(),
  description: z.string(),
  config: z.record(z.string(), z.unknown()),
});
