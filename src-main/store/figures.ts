import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { cached, writeTransaction } from './sql';
import { describe, notFound, requireIds, requireText } from './validate';

export const FIGURE_FORMATS = ['svg', 'pdf', 'png', 'csv'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** An exported figure: what was plotted (spec), in which format, from which runs. */
export interface FigureInput {
  readonly name: string;
  readonly format: FigureFormat;
  readonly filePath?: string | null;
  /** What was exported and how (chart kind, metrics, size, palette…), as JSON. */
  readonly spec: unknown;
  readonly runIds: readonly string[];
  readonly appVersion: string;
}

export interface FigureRecord {
  readonly id: string;
  readonly name: string;
  readonly format: FigureFormat;
  readonly filePath: string | null;
  readonly spec: unknown;
  /** Provenance: stays after the runs are purged. */
  readonly runIds: readonly string[];
  readonly appVersion: string;
  readonly created: number;
}

interface FigureDbRow {
  id: string;
  name: string;
  format: FigureFormat;
  file_path: string | null;
  spec: string;
  app_version: string;
  created_at: number;
  run_ids: string;
}

const SELECT = `SELECT f.id, f.name, f.format, f.file_path, f.spec, f.app_version, f.created_at,
  (SELECT json_group_array(run_id) FROM (SELECT run_id FROM figure_runs WHERE figure_id = f.id ORDER BY run_id)) AS run_ids FROM figures f`;

function toRecord(row: FigureDbRow): FigureRecord {
  return {
    id: row.id, name: row.name, format: row.format, filePath: row.file_path, spec: JSON.parse(row.spec) as unknown,
    runIds: JSON.parse(row.run_ids) as string[], appVersion: row.app_version, created: row.created_at,
  };
}

/** Records an exported figure and the runs it shows; returns its id. */
export function saveFigure(db: Database, input: FigureInput, now: number): string {
  if (!FIGURE_FORMATS.includes(input.format)) throw new InvalidArgumentError('format', `expected one of ${FIGURE_FORMATS.join(', ')}, got ${describe(input.format)}`);
  const spec = JSON.stringify(input.spec);
  if (spec === undefined) throw new InvalidArgumentError('spec', 'expected a JSON-serialisable value, got undefined');
  const runIds = [...new Set(requireIds('runIds', input.runIds))];
  const id = randomUUID();
  writeTransaction(db, () => {
    cached(db, 'INSERT INTO figures (id, name, format, file_path, spec, app_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, requireText('name', input.name), input.format, input.filePath ?? null, spec, requireText('appVersion', input.appVersion), now,
    );
    const link = cached(db, 'INSERT INTO figure_runs (figure_id, run_id) VALUES (?, ?)');
    for (const runId of runIds) link.run(id, runId);
  });
  return id;
}

/** Exported figures, newest first; with `runId`, only those showing that run. */
export function listFigures(db: Database, runId?: string): FigureRecord[] {
  const rows =
    runId === undefined
      ? cached<[], FigureDbRow>(db, `${SELECT} ORDER BY f.created_at DESC, f.id`).all()
      : cached<[string], FigureDbRow>(db, `${SELECT} WHERE f.id IN (SELECT figure_id FROM figure_runs WHERE run_id = ?) ORDER BY f.created_at DESC, f.id`).all(runId);
  return rows.map(toRecord);
}

export function getFigure(db: Database, id: string): FigureRecord | undefined {
  const row = cached<[string], FigureDbRow>(db, `${SELECT} WHERE f.id = ?`).get(id);
  return row === undefined ? undefined : toRecord(row);
}

export function deleteFigure(db: Database, id: string): void {
  if (cached(db, 'DELETE FROM figures WHERE id = ?').run(id).changes === 0) throw notFound('figure', id);
}
