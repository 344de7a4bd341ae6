import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import { LabError } from '../../../src-shared/errors';
import type { FinalMetrics, StepMetrics } from '../../../src-shared/experiment/records';
import { type Dtype, bytesPerElement } from '../artifactCodec';
import { sha256Hex } from '../hash';
import { FINAL_COLUMNS, STEP_COLUMNS } from '../metrics';
import { decodeFloat64 } from './columns';
import {
  type ArtifactRecordLine, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleRecord, type ExperimentRecordLine, type RunRecordLine,
  headerSchema, recordSchema, trailerSchema,
} from './format';

/** A bundle's content, checked throughout and decoded; ids are the exporting database's. */
export interface ParsedBundle {
  readonly experiments: readonly ExperimentRecordLine[];
  readonly runs: readonly RunRecordLine[];
  readonly steps: ReadonlyMap<string, StepMetrics[]>;
  readonly finals: ReadonlyMap<string, FinalMetrics[]>;
  readonly artifacts: readonly (ArtifactRecordLine & { readonly bytes: Uint8Array })[];
}

function invalid(detail: string): LabError {
  return new LabError('bundle-invalid', `not a valid run bundle: ${detail}; nothing was imported`);
}

/**
 * Decodes and checks a bundle file's bytes before anything is written: gzip integrity, the
 * header's format and version, the trailer's record count and SHA-256, every record's schema,
 * and every cross-reference (runs → experiments, series → runs, column lengths, artifact sizes).
 * Throws LabError 'bundle-invalid' naming the first problem.
 */
export function parseBundle(bytes: Uint8Array): ParsedBundle {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(bytes));
  } catch (error) {
    throw invalid(`the file is not gzip'ed UTF-8 or is truncated (${(error as Error).message})`);
  }
  if (!text.endsWith('\n')) throw invalid('the file is truncated (no final line break)');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 2) throw invalid('the file is truncated (no trailer)');
  const header = parseLine(lines[0]!, 1, headerSchema, `the header is not an ${BUNDLE_FORMAT} header`);
  if (header.version > BUNDLE_VERSION) throw invalid(`it is format version ${header.version}, newer than this build reads (${BUNDLE_VERSION}); update InfoDiff Lab`);
  const trailer = parseLine(lines.at(-1)!, lines.length, trailerSchema, 'the file is truncated (no trailer)');
  if (trailer.records !== lines.length - 2) throw invalid(`the trailer counts ${trailer.records} records, the file holds ${lines.length - 2}`);
  const body = text.slice(0, text.length - lines.at(-1)!.length - 1);
  if (sha256Hex(body) !== trailer.sha256) throw invalid('the checksum does not match the content (the file was altered or damaged)');
  const records = lines.slice(1, -1).map((line, k) => parseLine(line, k + 2, recordSchema, 'malformed record'));
  const parsed = collect(records);
  if (parsed.runs.length !== header.runs) throw invalid(`the header announces ${header.runs} runs, the file holds ${parsed.runs.length}`);
  return parsed;
}

function parseLine<T extends z.ZodType>(line: string, lineNumber: number, schema: T, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw invalid(`line ${lineNumber}: ${what} (not JSON)`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalid(`line ${lineNumber}: ${what} (${issue.path.join('.') || 'record'}: ${issue.message})`);
  }
  return result.data;
}

function collect(records: readonly BundleRecord[]): ParsedBundle {
  const experiments = records.filter((r): r is Extract<BundleRecord, { type: 'experiment' }> => r.type === 'experiment');
  const runs = records.filter((r): r is Extract<BundleRecord, { type: 'run' }> => r.type === 'run');
  unique(experiments.map((e) => e.id), 'experiment id');
  unique(runs.map((r) => r.id), 'run id');
  const experimentIds = new Set(experiments.map((e) => e.id));
  const runIds = new Set(runs.map((r) => r.id));
  for (const run of runs) if (!experimentIds.has(run.experimentId)) throw invalid(`run ${run.id} names experiment ${run.experimentId}, which is not in the bundle`);
  const requireRun = (runId: string, what: string) => {
    if (!runIds.has(runId)) throw invalid(`${what} names run ${runId}, which is not in the bundle`);
  };
  const steps = new Map<string, StepMetrics[]>();
  const finals = new Map<string, FinalMetrics[]>();
  const artifacts: (ArtifactRecordLine & { bytes: Uint8Array })[] = [];
  for (const record of records) {
    if (record.type === 'steps') {
      requireRun(record.runId, 'a step series');
      const series = steps.get(record.runId) ?? [];
      if (series.some((s) => s.seed === record.seed)) throw invalid(`run ${record.runId} has two step series for seed ${record.seed}`);
      unique(record.step, `step index of run ${record.runId}, seed ${record.seed}`);
      const columns = decodeColumns(record.columns, STEP_COLUMNS.map(([f]) => f), record.step.length, `steps of run ${record.runId}`);
      record.step.forEach((step, k) => series.push(rowOf({ seed: record.seed, step }, columns, k) as unknown as StepMetrics));
      steps.set(record.runId, series);
    } else if (record.type === 'finals') {
      requireRun(record.runId, 'a finals record');
      if (finals.has(record.runId)) throw invalid(`run ${record.runId} has two finals records`);
      unique(record.seed, `final seed of run ${record.runId}`);
      const columns = decodeColumns(record.columns, FINAL_COLUMNS.map(([f]) => f), record.seed.length, `finals of run ${record.runId}`);
      finals.set(record.runId, record.seed.map((seed, k) => rowOf({ seed }, columns, k) as unknown as FinalMetrics));
    } else if (record.type === 'artifact') {
      requireRun(record.runId, `artifact ${record.name}`);
      const bytes = Buffer.from(record.data, 'base64');
      const expected = record.shape.reduce((a, b) => a * b, 1) * bytesPerElement(record.dtype as Dtype);
      if (bytes.byteLength !== expected) throw invalid(`artifact ${record.name} of run ${record.runId} holds ${bytes.byteLength} bytes, its shape needs ${expected}`);
      artifacts.push({ ...record, bytes });
    }
  }
  return { experiments, runs, steps, finals, artifacts };
}

function decodeColumns(columns: Readonly<Record<string, string>>, fields: readonly string[], length: number, what: string): Map<string, Float64Array> {
  const names = Object.keys(columns);
  if (names.length !== fields.length || !fields.every((f) => names.includes(f))) throw invalid(`${what}: expected the columns ${fields.join(', ')}, got ${names.join(', ')}`);
  return new Map(fields.map((field) => {
    const values = decodeFloat64(columns[field]!, length);
    if (values === undefined) throw invalid(`${what}: column ${field} does not hold ${length} numbers`);
    return [field, values];
  }));
}

function rowOf(keys: Record<string, number>, columns: ReadonlyMap<string, Float64Array>, k: number): Record<string, number> {
  const row = { ...keys };
  for (const [field, values] of columns) row[field] = values[k]!;
  return row;
}

function unique(values: readonly (string | number)[], what: string): void {
  const seen = new Set<string | number>();
  for (const value of values) {
    if (seen.has(value)) throw invalid(`duplicate ${what} ${value}`);
    seen.add(value);
  }
}
