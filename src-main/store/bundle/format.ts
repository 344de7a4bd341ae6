/**
 * The run bundle, version 1: a gzip'ed file (with a header CRC, see gzip.ts) of JSON lines (UTF-8,
 * each ending in \n). Line 1 is the header, the last line the trailer with the record count and the
 * SHA-256 of every byte before it; in between, records: experiments, then runs, then for each run
 * its step series (one record per seed, columns as base64 little-endian float64), finals and
 * artifacts (base64 little-endian). Ids in a bundle are the exporting database's; `originId` is the
 * id in the first database that recorded a run or experiment, kept through re-exports so that
 * re-imports are recognised.
 */
import { z } from 'zod';
import { RUN_STATUSES } from '../../../src-shared/experiment/records';
import { DTYPES } from '../artifactCodec';

export const BUNDLE_FORMAT = 'infodiff-run-bundle';
export const BUNDLE_VERSION = 1;

const id = z.string().min(1).max(200);
const integer = z.number().int().refine(Number.isSafeInteger, 'expected a safe integer');
const time = integer.nonnegative();
const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u, 'expected base64');

export const headerSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: integer.positive(),
  created: time,
  runs: integer.nonnegative(),
});

export const trailerSchema = z.strictObject({
  type: z.literal('end'),
  records: integer.nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
});

const experimentRecord = z.strictObject({
  type: z.literal('experiment'),
  id,
  originId: id,
  name: z.string().min(1),
  preset: z.string().min(1).nullable(),
  notes: z.string(),
  tags: z.array(z.string().min(1)),
  starred: z.boolean(),
  created: time,
});

const runRecord = z.strictObject({
  type: z.literal('run'),
  id,
  originId: id,
  experimentId: id,
  name: z.string(),
  notes: z.string(),
  starred: z.boolean(),
  variant: z.string().min(1),
  deltaTol: z.number().nonnegative().nullable(),
  seeds: z.array(integer).min(1),
  status: z.enum(RUN_STATUSES as [string, ...string[]]),
  error: z.string().nullable(),
  backend: z.string().min(1),
  appVersion: z.string().min(1),
  /** The config JSON text exactly as stored, so its hash still holds. */
  configJson: z.string().refine(isJson, 'expected JSON text'),
  configHash: z.string().min(1),
  dataHash: z.string().min(1).nullable(),
  timings: z.record(z.string(), z.number()).nullable(),
  created: time,
  started: time.nullable(),
  finished: time.nullable(),
});

/** One seed's step series: `step` indices and one base64 float64 column per StepMetrics field. */
const stepsRecord = z.strictObject({
  type: z.literal('steps'),
  runId: id,
  seed: integer,
  step: z.array(integer.nonnegative()).min(1),
  columns: z.record(z.string(), base64),
});

const finalsRecord = z.strictObject({
  type: z.literal('finals'),
  runId: id,
  seed: z.array(integer).min(1),
  columns: z.record(z.string(), base64),
});

const artifactRecord = z.strictObject({
  type: z.literal('artifact'),
  runId: id,
  name: z.string().min(1),
  seed: integer.nullable(),
  step: integer.nonnegative().nullable(),
  dtype: z.enum(DTYPES as [string, ...string[]]),
  shape: z.array(integer.nonnegative()),
  created: time,
  data: base64,
});

export const recordSchema = z.discriminatedUnion('type', [experimentRecord, runRecord, stepsRecord, finalsRecord, artifactRecord]);

export type BundleHeader = z.infer<typeof headerSchema>;
export type BundleRecord = z.infer<typeof recordSchema>;
export type ExperimentRecordLine = z.infer<typeof experimentRecord>;
export type RunRecordLine = z.infer<typeof runRecord>;
export type StepsRecordLine = z.infer<typeof stepsRecord>;
export type FinalsRecordLine = z.infer<typeof finalsRecord>;
export type ArtifactRecordLine = z.infer<typeof artifactRecord>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
