import { pairedDifference, summarize, type Summary } from '../../src-shared/math/stats';
import type { BlockMassSeriesData, FinalRowData, RunRecordData, StepSeriesData } from '../../src-shared/ipc/contract';
import type { FrameImage } from './live';
import type { StepMetric } from './series';

/** What Compare holds of one run: its record, then its steps, finals, block masses and frames as they arrive. */
export interface ComparedRun {
  readonly record: RunRecordData;
  readonly series: StepSeriesData | null;
  readonly finals: readonly FinalRowData[] | null;
  readonly blocks: BlockMassSeriesData | null;
  readonly frames: readonly FrameImage[];
}

export interface CompareState {
  /** The runs compared, in the order chosen (their records arrive later). */
  readonly runIds: readonly string[];
  readonly runs: Readonly<Record<string, ComparedRun>>;
  /** The metric the overlay draws. */
  readonly metric: StepMetric;
  /** The synced time scrubber: a sampler step index (frames, heatmap and curves mark it). */
  readonly step: number | null;
  /** The run whose per-block violation heatmap is shown (first an unprojected one: projected runs sit in their band). */
  readonly heatmapRun: string | null;
  readonly error: string | null;
}

export type CompareAction =
  | { readonly type: 'compare/opened'; readonly runIds: readonly string[] }
  | { readonly type: 'compare/record'; readonly record: RunRecordData }
  | { readonly type: 'compare/data'; readonly runId: string; readonly patch: Partial<Omit<ComparedRun, 'record'>> }
  | { readonly type: 'compare/metric'; readonly metric: StepMetric }
  | { readonly type: 'compare/step'; readonly step: number | null }
  | { readonly type: 'compare/heatmapRun'; readonly runId: string }
  | { readonly type: 'compare/failed'; readonly message: string };

export const initialCompareState: CompareState = { runIds: [], runs: {}, metric: 'eInf', step: null, heatmapRun: null, error: null };

/**
 * Compare transitions: pure. Opening a new set of runs starts over; data for a run not compared
 * (a late answer) is dropped.
 *
 * @example
 * compareReducer(initialCompareState, { type: 'compare/opened', runIds: ['a', 'b'] }).runIds // → ['a', 'b']
 */
export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  switch (action.type) {
    case 'compare/opened':
      return { ...initialCompareState, metric: state.metric, runIds: [...new Set(action.runIds)] };
    case 'compare/record': {
      const id = action.record.id;
      if (!state.runIds.includes(id)) return state;
      const run = state.runs[id] ?? { record: action.record, series: null, finals: null, blocks: null, frames: [] };
      const heatmapRun = state.heatmapRun === null || (action.record.variant === 'unprojected' && state.runs[state.heatmapRun]?.record.variant !== 'unprojected') ? id : state.heatmapRun;
      return { ...state, runs: { ...state.runs, [id]: { ...run, record: action.record } }, heatmapRun };
    }
    case 'compare/data': {
      const run = state.runs[action.runId];
      if (run === undefined) return state;
      return { ...state, runs: { ...state.runs, [action.runId]: { ...run, ...action.patch } } };
    }
    case 'compare/metric':
      return { ...state, metric: action.metric };
    case 'compare/step':
      return { ...state, step: action.step };
    case 'compare/heatmapRun':
      return { ...state, heatmapRun: action.runId };
    case 'compare/failed':
      return { ...state, error: action.message };
  }
}

/**
 * Violations below this are read as 0. Runs store their block masses in float64 at every recorded
 * step (a projected state on its band's edge is off by a few ulps), but runs stored before that
 * have only masses read back from float32 frames (relative rounding 2⁻²⁴ ≈ 6e-8 per pixel), off by
 * up to ~n_k·6e-8 of themselves: for the paper's 64-pixel blocks, ≲ 4e-6 · w_k ≤ 4e-7. The series
 * does not say which it is, so one floor serves both; violations of interest are ≥ 1e-4 (δ ≥ 1e-3).
 */
export const VIOLATION_FLOOR = 1e-6;

/**
 * Per-block band violation of each frame: v_k = max(L_k − w_k, w_k − U_k, 0) (0 below
 * VIOLATION_FLOOR), which for an absolute band away from 0 and 1 is |w_k − m_k| − δ clipped at 0.
 * Rows are frames (time), columns blocks; NaN where a mass is undefined.
 *
 * @example
 * bandViolations({ ...series, masses: [[0.3, 0.7]], lower: [0.4, 0.4], upper: [0.6, 0.6] }) // → [[0.1, 0.1]] (up to rounding)
 */
export function bandViolations(series: BlockMassSeriesData): number[][] {
  return series.masses.map((w) => w.map((wk, k) => {
    const lower = series.lower[k] ?? Number.NaN, upper = series.upper[k] ?? Number.NaN;
    if (wk === null || lower === null || upper === null) return Number.NaN;
    const v = Math.max(lower - wk, wk - upper, 0);
    return v < VIOLATION_FLOOR ? 0 : v;
  }));
}

/** Most time columns the on-screen heatmap draws (one SVG cell per column and block). */
export const HEATMAP_MAX_COLUMNS = 200;

/**
 * The heatmap's columns: at most `maxColumns`, consecutive steps binned when there are more, each
 * bin showing the largest violation of each block over its steps (NaN only when all are NaN) and
 * labelled with its last step; with no more steps than columns, the values as they are.
 *
 * @example
 * binViolations([[0], [0.2], [0.1], [0]], [9, 19, 29, 39], 2) // → { values: [[0.2], [0.1]], steps: [19, 39] }
 */
export function binViolations(values: readonly (readonly number[])[], steps: readonly number[], maxColumns = HEATMAP_MAX_COLUMNS): { values: number[][]; steps: number[] } {
  if (values.length <= maxColumns) return { values: values.map((row) => [...row]), steps: [...steps] };
  const size = Math.ceil(values.length / maxColumns);
  const out: number[][] = [];
  const ends: number[] = [];
  for (let start = 0; start < values.length; start += size) {
    const rows = values.slice(start, start + size);
    out.push(rows[0]!.map((_, k) => {
      const finite = rows.map((r) => r[k]!).filter(Number.isFinite);
      return finite.length === 0 ? Number.NaN : Math.max(...finite);
    }));
    ends.push(steps[Math.min(start + size, values.length) - 1]!);
  }
  return { values: out, steps: ends };
}

/**
 * The heatmap column of the scrubbed step: the first column whose (last) step is ≥ `step`, else
 * the last column; null when there is no step or no column.
 *
 * @example
 * heatmapColumn([19, 39], 25) // → 1
 */
export function heatmapColumn(steps: readonly number[], step: number | null): number | null {
  if (step === null || steps.length === 0) return null;
  const t = steps.findIndex((s) => s >= step);
  return t === -1 ? steps.length - 1 : t;
}

/** One cell of the finals table: a summary over seeds, or a paired difference against the baseline. */
export interface FinalsCell {
  readonly summary: Summary;
  /** Paired (by seed) difference this run − its experiment's unprojected run; null when there is none to pair with. */
  readonly paired: Summary | null;
}

const column = (rows: readonly FinalRowData[], key: FinalKey) => rows.map((r) => r[key] ?? Number.NaN).filter(Number.isFinite);

export const FINAL_KEYS = ['eInf', 'e1', 'vDeltaNats', 'vDeltaCoarseNats', 'vNats', 'mse', 'psnr'] as const;
export type FinalKey = (typeof FINAL_KEYS)[number];

/**
 * The finals table: for every run and final metric, the mean with its 95% t-interval over seeds and,
 * for runs with an unprojected run of the same experiment among those compared, the paired
 * difference (seeds present in both, the noise being shared, so the interval is the honest one).
 *
 * @example
 * finalsTable(runs).get('r2')?.eInf.paired?.mean // → mean over shared seeds of e∞(r2) − e∞(baseline)
 */
export function finalsTable(runs: readonly ComparedRun[]): Map<string, Record<FinalKey, FinalsCell>> {
  const baselineOf = new Map<string, ComparedRun>();
  for (const run of runs) if (run.record.variant === 'unprojected' && run.finals !== null) baselineOf.set(run.record.experimentId, run);
  const table = new Map<string, Record<FinalKey, FinalsCell>>();
  for (const run of runs) {
    if (run.finals === null) continue;
    const base = baselineOf.get(run.record.experimentId);
    const pairedRows = base === undefined || base === run ? null : pairBySeed(run.finals, base.finals!);
    const cells = Object.fromEntries(FINAL_KEYS.map((key) => {
      const summary = summarize(column(run.finals!, key));
      const paired = pairedRows === null ? null : pairedFinite(pairedRows, key);
      return [key, { summary, paired }];
    })) as Record<FinalKey, FinalsCell>;
    table.set(run.record.id, cells);
  }
  return table;
}

function pairBySeed(a: readonly FinalRowData[], b: readonly FinalRowData[]): [FinalRowData, FinalRowData][] {
  const bySeed = new Map(b.map((r) => [r.seed, r]));
  return a.flatMap((r) => {
    const other = bySeed.get(r.seed);
    return other === undefined ? [] : [[r, other] as [FinalRowData, FinalRowData]];
  });
}

function pairedFinite(pairs: readonly [FinalRowData, FinalRowData][], key: FinalKey): Summary | null {
  const kept = pairs.filter(([a, b]) => Number.isFinite(a[key]) && Number.isFinite(b[key]) && a[key] !== null && b[key] !== null);
  if (kept.length === 0) return null;
  return pairedDifference(kept.map(([a]) => a[key]!), kept.map(([, b]) => b[key]!));
}

/**
 * The steps any compared run has frames or block masses of (every recorded step for runs that
 * store them), ascending: the scrubber's positions (frames show the latest one at or before).
 *
 * @example
 * compareSteps([{ ...run, frames: [{ seed: 0, step: 9, pixels }] }]) // → [9]
 */
export function compareSteps(runs: readonly ComparedRun[]): number[] {
  const steps = new Set<number>();
  for (const run of runs) for (const f of run.frames) steps.add(f.step);
  for (const run of runs) for (const s of run.blocks?.steps ?? []) steps.add(s);
  return [...steps].sort((a, b) => a - b);
}
