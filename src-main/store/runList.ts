import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { RUN_STATUSES, type RunStatus } from '../../src-shared/experiment/records';
import { LIST_VALUES_WIDTH, type ListedExperiment, toRunRows } from './runRow';
import { cached, placeholders } from './sql';
import { RUN_SORT_KEYS, type RunQuery, type RunRow, type RunSortKey } from './types';
import { describe, requireInteger } from './validate';

const SORT_SQL: Record<RunSortKey, string> = {
  created: 'r.created_at',
  name: 'r.name COLLATE NOCASE',
  experiment: 'r.experiment_name COLLATE NOCASE',
  status: 'r.status',
  variant: 'r.variant',
  deltaTol: 'r.delta_tol',
  eInf: 'r.mean_e_inf',
  e1: 'r.mean_e1',
  mse: 'r.mean_mse',
  psnr: 'r.mean_psnr',
  vDeltaNats: 'r.mean_v_delta_nats',
};

interface Where {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * One page of runs matching `query`, with their summaries, and the number of matches. One query
 * for the page, on `runs` alone (no join: migration 0070 copies the summary onto each run), one for
 * the page's experiments not already known, and a count only when the page may not hold every match
 * (a limit or an offset), all in one read transaction. Each run comes back as its `list_values`
 * (migration 0090), concatenated by SQLite into one string of JSON values that is parsed a chunk at a
 * time: the driver's per-value cost was most of the time of a long list, then JSON.parse, the objects
 * it made and the garbage collections they caused (docs/store.md, "Benchmark"). The default list of
 * live runs newest first reads only the covering index `runs_live_values`. Missing values (NULL) sort
 * last in either direction.
 */
export function listRuns(db: Database, query: RunQuery = {}): { rows: RunRow[]; total: number } {
  const where = whereClause(query);
  const sort = query.sort ?? 'created';
  if (!RUN_SORT_KEYS.includes(sort)) throw new InvalidArgumentError('sort', `expected one of ${RUN_SORT_KEYS.join(', ')}, got ${describe(sort)}`);
  const order = query.order ?? (sort === 'created' ? 'desc' : 'asc');
  if (order !== 'asc' && order !== 'desc') throw new InvalidArgumentError('order', `expected 'asc' or 'desc', got ${describe(order)}`);
  const limit = query.limit === undefined ? -1 : requireInteger('limit', query.limit, 0);
  const offset = query.offset === undefined ? 0 : requireInteger('offset', query.offset, 0);
  const direction = order.toUpperCase();

  const orderBy = `ORDER BY ${SORT_SQL[sort]} ${direction} NULLS LAST, r.seq ${direction}`;
  // Newest first, the index's own order: read the values as they come. Any other key: sort the keys
  // alone, then fetch each run's values by rowid (sorting the values themselves costs twice as much).
  const pageSql = sort === 'created'
    ? `SELECT r.list_values AS v FROM runs r WHERE ${where.sql} ${orderBy} LIMIT ? OFFSET ?`
    : `SELECT r.list_values AS v
       FROM (SELECT r.seq AS seq, ${SORT_SQL[sort]} AS k FROM runs r WHERE ${where.sql} ${orderBy} LIMIT ? OFFSET ?) page
       JOIN runs r ON r.seq = page.seq
       ORDER BY page.k ${direction} NULLS LAST, page.seq ${direction}`;
  // group_concat concatenates in the order of its FROM subquery: SQLite keeps a FROM subquery's
  // ORDER BY when the outer query has an aggregate other than count, min or max (select.c, the
  // omit-ORDER-BY rule); runList tests check every sort key both ways. Runs are separated by ",\n"
  // (JSON whitespace; a raw newline cannot occur inside JSON text), which marks where a chunk may end.
  const page = cached<unknown[], string | null>(db, `SELECT group_concat(v, ',' || char(10)) FROM (${pageSql})`).pluck();
  return db.transaction(() => {
    const text = page.get(...where.params, limit, offset) ?? '';
    const rows: RunRow[] = [];
    const experiments = knownExperiments(db);
    // Parsed a chunk at a time, so that each chunk's values die young instead of being copied by the
    // scavenges that run while the page is built.
    for (let start = 0; start < text.length;) {
      const next = text.indexOf('\n', start + CHUNK_CHARS);
      const end = next === -1 ? text.length : next - 1;
      const values = JSON.parse(`[${text.slice(start, end)}]`) as unknown[];
      addExperiments(db, values, experiments);
      toRunRows(values, experiments, (k) => runExperiment(db, values[k * LIST_VALUES_WIDTH] as string), rows);
      start = next === -1 ? text.length : next + 1;
    }
    const complete = query.limit === undefined && (offset === 0 || rows.length > 0);
    const total = complete
      ? offset + rows.length
      : cached<unknown[], number>(db, `SELECT count(*) FROM runs r WHERE ${where.sql}`).pluck().get(...where.params)!;
    return { rows, total };
  })();
}

/** Characters of a page parsed at once (about 300 runs): each chunk's values array stays well under V8's large-object size. */
export const CHUNK_CHARS = 60_000;

const experimentCache = new WeakMap<Database, { version: string; bySeq: Map<unknown, ListedExperiment> }>();

/**
 * The experiments already looked up on `db`, by seq, while the file is unchanged: kept while neither
 * this connection (total_changes) nor another (data_version) has written since (an empty map after any write).
 */
function knownExperiments(db: Database): Map<unknown, ListedExperiment> {
  const version = cached<[], string>(db, "SELECT total_changes() || ' ' || data_version FROM pragma_data_version").pluck().get()!;
  const known = experimentCache.get(db);
  if (known?.version === version) return known.bySeq;
  const bySeq = new Map<unknown, ListedExperiment>();
  experimentCache.set(db, { version, bySeq });
  return bySeq;
}

/** Adds to `experiments` those named (by seq) in `values` (consecutive runs' `list_values`) that it lacks. */
function addExperiments(db: Database, values: readonly unknown[], experiments: Map<unknown, ListedExperiment>): void {
  const seqs = new Set<unknown>();
  for (let o = 1; o < values.length; o += LIST_VALUES_WIDTH) if (!experiments.has(values[o])) seqs.add(values[o]);
  if (seqs.size === 0) return;
  const rows = cached<[string], [number, string, string, string | null]>(db, 'SELECT seq, id, name, preset FROM experiments WHERE seq IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify([...seqs]));
  for (const [seq, id, name, preset] of rows) experiments.set(seq, { id, name, preset });
}

/** A run's experiment as copied onto the run (0070), for a run whose experiment row is missing. */
function runExperiment(db: Database, runId: string): ListedExperiment {
  const [id, name, preset] = cached<[string], [string, string, string | null]>(db, 'SELECT experiment_id, experiment_name, experiment_preset FROM runs WHERE id = ?')
    .raw()
    .get(runId)!;
  return { id, name, preset };
}

function whereClause(query: RunQuery): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const trash = query.trash ?? 'hide';
  if (trash === 'hide') clauses.push('r.deleted_at IS NULL');
  else if (trash === 'only') clauses.push('r.deleted_at IS NOT NULL');
  else if (trash !== 'include') throw new InvalidArgumentError('trash', `expected 'hide', 'only' or 'include', got ${describe(trash)}`);
  if (query.status !== undefined) {
    const statuses = statusList(query.status);
    clauses.push(`r.status IN (${placeholders(statuses.length)})`);
    params.push(...statuses);
  }
  const equal: [string, unknown][] = [['r.experiment_id', query.experimentId], ['r.experiment_preset', query.preset]];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  if (query.tag !== undefined) {
    clauses.push('r.experiment_id IN (SELECT experiment_id FROM experiment_tags WHERE tag = ?)');
    params.push(query.tag);
  }
  if (query.starred !== undefined) {
    clauses.push('r.starred = ?');
    params.push(query.starred ? 1 : 0);
  }
  if (query.createdFrom !== undefined) {
    clauses.push('r.created_at >= ?');
    params.push(requireInteger('createdFrom', query.createdFrom));
  }
  if (query.createdTo !== undefined) {
    clauses.push('r.created_at < ?');
    params.push(requireInteger('createdTo', query.createdTo));
  }
  const match = query.search === undefined ? undefined : ftsQuery(query.search);
  if (match !== undefined) {
    clauses.push('(r.seq IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH ?) OR ' +
      'r.experiment_id IN (SELECT id FROM experiments WHERE seq IN (SELECT rowid FROM experiments_fts WHERE experiments_fts MATCH ?)))');
    params.push(match, match);
  }
  return { sql: clauses.length === 0 ? '1' : clauses.join(' AND '), params };
}

function statusList(status: RunStatus | readonly RunStatus[]): RunStatus[] {
  const statuses = typeof status === 'string' ? [status] : [...status];
  statuses.forEach((s, k) => {
    if (!RUN_STATUSES.includes(s)) throw new InvalidArgumentError(`status[${k}]`, `expected one of ${RUN_STATUSES.join(', ')}, got ${describe(s)}`);
  });
  if (statuses.length === 0) throw new InvalidArgumentError('status', 'expected at least one status');
  return statuses;
}

/**
 * The FTS5 query for words typed by a user: each word quoted (so FTS syntax characters are plain
 * text) and prefix-matched, all words required. Undefined when there are no words.
 *
 * @example
 * ftsQuery('toy "grid') // → '"toy"* """grid"*'
 */
export function ftsQuery(search: string): string | undefined {
  const words = search.split(/\s+/u).filter((word) => word !== '');
  return words.length === 0 ? undefined : words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
