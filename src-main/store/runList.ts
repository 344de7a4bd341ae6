import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../../src-shared/errors';
import { RUN_STATUSES, type RunStatus } from '../../src-shared/experiment/records';
import { toRunRow } from './runRow';
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
 * for the page plus one count, both on `runs` alone (no join: migration 0070 copies the experiment's
 * name and preset and the summary onto each run). Each run of the page comes back as one value, its
 * `list_line` (migration 0080), and the page is parsed as one JSON array: the driver's per-value
 * cost was most of the time of a long list. The default list of live runs newest first reads only the
 * covering index `runs_live_lines`. Missing values (NULL) sort last in either direction.
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
  // Newest first, the index's own order: read the lines as they come. Any other key: sort the keys
  // alone, then fetch each line by rowid (sorting the lines themselves costs twice as much).
  const lines = cached<unknown[], string>(db, sort === 'created'
    ? `SELECT r.list_line FROM runs r WHERE ${where.sql} ${orderBy} LIMIT ? OFFSET ?`
    : `SELECT r.list_line
       FROM (SELECT r.seq AS seq, ${SORT_SQL[sort]} AS k FROM runs r WHERE ${where.sql} ${orderBy} LIMIT ? OFFSET ?) page
       JOIN runs r ON r.seq = page.seq
       ORDER BY page.k ${direction} NULLS LAST, page.seq ${direction}`).pluck().all(...where.params, limit, offset);
  const total = cached<unknown[], number>(db, `SELECT count(*) FROM runs r WHERE ${where.sql}`)
    .pluck()
    .get(...where.params)!;
  return { rows: (JSON.parse(`[${lines.join(',')}]`) as unknown[][]).map(toRunRow), total };
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
