import { gridLabels } from '../../src-shared/coarse/partition';
import type { PartitionMetaData } from '../../src-shared/ipc/contract';
import { compactLabels, fillUnassigned, NO_BLOCK, paintDab, resampleNearest, voronoiLabels, type Point } from './labelMaps';

/** How the current label map was made (a grid is kept as rows × cols so the config stays short). */
export type PartitionSource =
  | { readonly kind: 'grid'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'voronoi'; readonly seeds: readonly Point[] }
  | { readonly kind: 'painted' }
  | { readonly kind: 'imported'; readonly name: string }
  | { readonly kind: 'library'; readonly id: string; readonly name: string };

export type PartitionTool = 'grid' | 'voronoi' | 'brush';

interface Snapshot {
  readonly labels: Int32Array;
  readonly source: PartitionSource;
}

/** The partition designer: the label map of the data's H × W, its history, the tool in hand. */
export interface PartitionState {
  readonly height: number;
  readonly width: number;
  readonly labels: Int32Array;
  readonly source: PartitionSource;
  readonly tool: PartitionTool;
  readonly brush: { readonly block: number; readonly size: number };
  /** Undo and redo stacks of whole label maps (at most UNDO_LIMIT each). */
  readonly past: readonly Snapshot[];
  readonly future: readonly Snapshot[];
  /** Where the brush last was during a stroke (dabs are interpolated from it); null between strokes. */
  readonly strokeAt: Point | null;
  /** The last import or library error, shown inline. */
  readonly error: string | null;
  /** The partitions saved in the library (newest list answer). */
  readonly library: readonly PartitionMetaData[];
}

export type PartitionAction =
  | { readonly type: 'partition/sized'; readonly height: number; readonly width: number }
  | { readonly type: 'partition/grid'; readonly rows: number; readonly cols: number }
  | { readonly type: 'partition/seedAdded'; readonly at: Point }
  | { readonly type: 'partition/strokeStarted'; readonly at: Point }
  | { readonly type: 'partition/strokeMoved'; readonly at: Point }
  | { readonly type: 'partition/strokeEnded' }
  | { readonly type: 'partition/filled' }
  | { readonly type: 'partition/cleared' }
  | { readonly type: 'partition/compacted' }
  | { readonly type: 'partition/replaced'; readonly labels: Int32Array; readonly height: number; readonly width: number; readonly source: PartitionSource }
  | { readonly type: 'partition/failed'; readonly message: string | null }
  | { readonly type: 'partition/library'; readonly items: readonly PartitionMetaData[] }
  | { readonly type: 'partition/undo' }
  | { readonly type: 'partition/redo' }
  | { readonly type: 'partition/tool'; readonly tool: PartitionTool }
  | { readonly type: 'partition/brush'; readonly block?: number; readonly size?: number };

export const UNDO_LIMIT = 100;

/**
 * A designer holding the rows × cols grid of an H × W image.
 *
 * @example
 * gridPartitionState(32, 32, 4, 4).labels.length // → 1024
 */
export function gridPartitionState(height: number, width: number, rows: number, cols: number): PartitionState {
  return {
    height, width, labels: gridLabels(height, width, rows, cols), source: { kind: 'grid', rows, cols },
    tool: 'grid', brush: { block: 0, size: 3 }, past: [], future: [], strokeAt: null, error: null, library: [],
  };
}

export const initialPartitionState: PartitionState = gridPartitionState(32, 32, 4, 4);

/** The new state with `labels` and `source`, the old ones pushed on the undo stack, redo cleared. */
function commit(state: PartitionState, labels: Int32Array, source: PartitionSource): PartitionState {
  const past = [...state.past, { labels: state.labels, source: state.source }].slice(-UNDO_LIMIT);
  return { ...state, labels, source, past, future: [], error: null };
}

function scaledSeeds(seeds: readonly Point[], sy: number, sx: number): Point[] {
  return seeds.map((p) => ({ x: p.x * sx, y: p.y * sy }));
}

/** The label map of `source` at a new size: regridded, re-tessellated, or resampled (nearest). */
function resized(state: PartitionState, height: number, width: number): Snapshot {
  const source = state.source;
  if (source.kind === 'grid') {
    const rows = Math.min(source.rows, height), cols = Math.min(source.cols, width);
    return { labels: gridLabels(height, width, rows, cols), source: { kind: 'grid', rows, cols } };
  }
  if (source.kind === 'voronoi') {
    const seeds = scaledSeeds(source.seeds, height / state.height, width / state.width);
    return { labels: voronoiLabels(height, width, seeds), source: { kind: 'voronoi', seeds } };
  }
  return { labels: resampleNearest(state.labels, state.height, state.width, height, width), source };
}

/** Dabs every half pixel from `from` to `to`, so a fast stroke leaves no gaps. */
function strokeSegment(state: PartitionState, from: Point, to: Point): Int32Array {
  const steps = Math.max(1, Math.ceil(2 * Math.hypot(to.x - from.x, to.y - from.y)));
  let labels = state.labels;
  for (let s = 1; s <= steps; s++) {
    const at = { x: from.x + ((to.x - from.x) * s) / steps, y: from.y + ((to.y - from.y) * s) / steps };
    labels = paintDab(labels, state.height, state.width, { at, size: state.brush.size, block: state.brush.block });
  }
  return labels;
}

/**
 * Partition designer transitions: pure. Every edit (grid, seed, stroke, fill, clear, compact,
 * import, load) is one undo step; a stroke is one step however long. A resize (the data's H × W
 * changed) regrids a grid, rescales Voronoi seeds, resamples anything else, and clears the history.
 *
 * @example
 * partitionReducer(initialPartitionState, { type: 'partition/grid', rows: 2, cols: 2 }).past.length // → 1
 */
export function partitionReducer(state: PartitionState, action: PartitionAction): PartitionState {
  switch (action.type) {
    case 'partition/sized': {
      if (action.height === state.height && action.width === state.width) return state;
      const next = resized(state, action.height, action.width);
      return { ...state, height: action.height, width: action.width, ...next, past: [], future: [], strokeAt: null };
    }
    case 'partition/grid':
      if (!(action.rows >= 1 && action.rows <= state.height && action.cols >= 1 && action.cols <= state.width)) return state;
      return commit(state, gridLabels(state.height, state.width, action.rows, action.cols), { kind: 'grid', rows: action.rows, cols: action.cols });
    case 'partition/seedAdded': {
      const seeds = [...(state.source.kind === 'voronoi' ? state.source.seeds : []), action.at];
      return commit(state, voronoiLabels(state.height, state.width, seeds), { kind: 'voronoi', seeds });
    }
    case 'partition/strokeStarted': {
      const started = commit(state, state.labels, { kind: 'painted' });
      return { ...started, labels: paintDab(state.labels, state.height, state.width, { at: action.at, size: state.brush.size, block: state.brush.block }), strokeAt: action.at };
    }
    case 'partition/strokeMoved':
      return state.strokeAt === null ? state : { ...state, labels: strokeSegment(state, state.strokeAt, action.at), strokeAt: action.at };
    case 'partition/strokeEnded':
      return state.strokeAt === null ? state : { ...state, strokeAt: null };
    case 'partition/filled':
      return commit(state, fillUnassigned(state.labels, state.brush.block), { kind: 'painted' });
    case 'partition/cleared':
      return commit(state, new Int32Array(state.labels.length).fill(NO_BLOCK), { kind: 'painted' });
    case 'partition/compacted':
      return commit(state, compactLabels(state.labels), { kind: 'painted' });
    case 'partition/replaced': {
      const labels = action.height === state.height && action.width === state.width ? action.labels : resampleNearest(action.labels, action.height, action.width, state.height, state.width);
      return commit(state, labels, action.source);
    }
    case 'partition/failed':
      return { ...state, error: action.message };
    case 'partition/library':
      return { ...state, library: action.items };
    case 'partition/undo': {
      const last = state.past.at(-1);
      if (last === undefined) return state;
      return { ...state, ...last, past: state.past.slice(0, -1), future: [{ labels: state.labels, source: state.source }, ...state.future].slice(0, UNDO_LIMIT), strokeAt: null, error: null };
    }
    case 'partition/redo': {
      const next = state.future[0];
      if (next === undefined) return state;
      return { ...state, ...next, past: [...state.past, { labels: state.labels, source: state.source }].slice(-UNDO_LIMIT), future: state.future.slice(1), strokeAt: null, error: null };
    }
    case 'partition/tool':
      return { ...state, tool: action.tool };
    case 'partition/brush':
      return { ...state, brush: { block: Math.max(0, Math.floor(action.block ?? state.brush.block)), size: Math.min(64, Math.max(1, Math.round(action.size ?? state.brush.size))) } };
  }
}

/**
 * The config's `partition` for the designer's map: `{ kind: 'grid' }` while it is an untouched
 * grid, else the labels row-major.
 *
 * @example
 * partitionSpec(gridPartitionState(4, 4, 2, 2)) // → { kind: 'grid', rows: 2, cols: 2 }
 */
export function partitionSpec(state: PartitionState): { kind: 'grid'; rows: number; cols: number } | { kind: 'labels'; labels: number[]; name?: string } {
  const source = state.source;
  if (source.kind === 'grid') return { kind: 'grid', rows: source.rows, cols: source.cols };
  const name = source.kind === 'imported' || source.kind === 'library' ? source.name : undefined;
  return { kind: 'labels', labels: Array.from(state.labels), ...(name === undefined ? {} : { name }) };
}
