import { parseArgs } from 'node:util';
import { RUN_STATUSES, type RunStatus } from '../../../src-shared/experiment/records';
import { DATA_DIR_OPTION, formatLocalTime, formatMetric, isoTime, withStore } from '../../store/cliSupport';
import { RUN_SORT_KEYS, type RunQuery, type RunRow, type RunSortKey } from '../../store/types';
import { UsageError, usageFailure } from '../args';
import { renderTable } from '../table';
import type { CliCommand, CliIo } from '../types';

const USAGE =
  'infodiff list [--json] [--search WORDS] [--status S[,S…]] [--tag T] [--preset P] [--since DATE] [--until DATE] ' +
  `[--trash] [--sort ${RUN_SORT_KEYS.join('|')}] [--order asc|desc] [--limit N] [--offset N] [--data-dir DIR]`;

const OPTIONS = {
  json: { type: 'boolean' }, search: { type: 'string' }, status: { type: 'string' }, tag: { type: 'string' }, preset: { type: 'string' },
  since: { type: 'string' }, until: { type: 'string' }, trash: { type: 'boolean' }, sort: { type: 'string' }, order: { type: 'string' },
  limit: { type: 'string' }, offset: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...DATA_DIR_OPTION,
} as const;

/** Without --json and --limit, the human listing shows this many rows. */
const DEFAULT_HUMAN_LIMIT = 50;

type ListValues = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true });
}

/** `infodiff list`: stored runs, newest first, filtered, sorted and paged; --json prints an array of runs. */
export const listCommand: CliCommand = async (argv, io) => {
  let values: ListValues;
  let query: RunQuery;
  try {
    values = parse(argv).values;
    query = toQuery(values);
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  if (values.help) {
    io.stdout(`usage: ${USAGE}\n`);
    return 0;
  }
  return withStore(io, values['data-dir'], (store) => {
    const { rows, total } = store.listRuns(query);
    if (values.json) io.stdout(`${JSON.stringify(rows.map(toJson), null, 2)}\n`);
    else printTable(io, rows, total, query.offset ?? 0);
    return 0;
  });
};

function toQuery(values: ListValues): RunQuery {
  return {
    ...(values.search === undefined ? {} : { search: values.search }),
    ...(values.status === undefined ? {} : { status: statuses(values.status) }),
    ...(values.tag === undefined ? {} : { tag: values.tag }),
    ...(values.preset === undefined ? {} : { preset: values.preset }),
    ...(values.since === undefined ? {} : { createdFrom: date('since', values.since) }),
    ...(values.until === undefined ? {} : { createdTo: date('until', values.until) }),
    ...(values.trash ? { trash: 'only' as const } : {}),
    ...(values.sort === undefined ? {} : { sort: oneOf('sort', values.sort, RUN_SORT_KEYS) as RunSortKey }),
    ...(values.order === undefined ? {} : { order: oneOf('order', values.order, ['asc', 'desc'] as const) as 'asc' | 'desc' }),
    limit: count('limit', values.limit) ?? (values.json ? undefined : DEFAULT_HUMAN_LIMIT),
    ...(values.offset === undefined ? {} : { offset: count('offset', values.offset) }),
  };
}

function statuses(text: string): RunStatus[] {
  return text.split(',').map((s) => oneOf('status', s.trim(), RUN_STATUSES) as RunStatus);
}

function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`--${flag}: expected one of ${allowed.join(', ')}, got "${value}"`);
  return value;
}

function date(flag: string, text: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/u.test(text) ? `${text}T00:00` : text);
  if (Number.isNaN(ms)) throw new UsageError(`--${flag}: expected a date (2026-11-22) or date and time (2026-11-22T15:04), got "${text}"`);
  return ms;
}

function count(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/u.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--${flag}: expected an integer ≥ 0, got "${text}"`);
  return n;
}

/** The --json form of a run: the RunRow with times as ISO 8601 (UTC) and NaN metrics as null. */
function toJson(row: RunRow) {
  return { ...row, created: isoTime(row.created), finished: isoTime(row.finished), trashed: isoTime(row.trashed) };
}

function printTable(io: CliIo, rows: readonly RunRow[], total: number, offset: number): void {
  if (total === 0) {
    io.stdout('no runs\n');
    return;
  }
  const body = rows.map((r) => [
    r.id.slice(0, 8), formatLocalTime(r.created), r.experiment, r.name === '' ? '-' : r.name, r.variant, r.deltaTol === null ? '-' : String(r.deltaTol),
    String(r.seedCount), r.status, formatMetric(r.summary?.eInf), formatMetric(r.summary?.mse),
  ]);
  io.stdout(renderTable(['id', 'created', 'experiment', 'name', 'variant', 'δ', 'seeds', 'status', 'mean e_inf', 'mean MSE'], body));
  if (rows.length < total) io.stdout(`rows ${offset + 1}–${offset + rows.length} of ${total}; --limit and --offset show others\n`);
}
