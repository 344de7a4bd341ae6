import type { StepSeriesData } from '../../src-shared/ipc/contract';

/** A stored sample frame, decoded: the state of one variant for one seed after `step`. */
export interface FrameImage {
  readonly seed: number;
  readonly step: number;
  readonly pixels: Float32Array;
}

/** A live preview image: the state of one run's variant for one running seed after `step`. */
export interface PreviewImage extends FrameImage {
  readonly runId: string;
}

/** What the pruned empirical denoiser skipped: live (the latest step) or stored (per recorded step of a seed). */
export interface PruningLive {
  readonly step: number;
  readonly epsilon: number;
  readonly skippedFraction: number;
}

export interface PruningTable {
  readonly seed: number;
  readonly step: readonly number[];
  readonly epsilon: readonly number[];
  readonly skippedFraction: readonly number[];
}

/** What the live view shows of the experiment followed: step series and frames per run, and its partition. */
export interface LiveState {
  readonly experimentId: string | null;
  readonly runIds: readonly string[];
  readonly variants: readonly string[];
  /** The partition's labels (for the boundary overlay) and the image size. */
  readonly labels: Int32Array | null;
  readonly height: number;
  readonly width: number;
  /** Frames kept for the first this-many seeds (the grid's rows). */
  readonly frameSeeds: number;
  readonly series: Readonly<Record<string, StepSeriesData>>;
  /** Frames per run id, by seed then step ascending. */
  readonly frames: Readonly<Record<string, readonly FrameImage[]>>;
  /** The newest live preview per run id and seed (runs:preview), while seeds run. */
  readonly previews: Readonly<Record<string, Readonly<Record<number, FrameImage>>>>;
  /** The pruned denoiser at the latest previewed step (null unless the backend is pruned). */
  readonly pruning: PruningLive | null;
  /** Stored pruning statistics per seed (recorded steps), by seed ascending. */
  readonly pruningTables: readonly PruningTable[];
}

export type LiveAction =
  | { readonly type: 'live/followed'; readonly experimentId: string; readonly runIds: readonly string[]; readonly variants: readonly string[] }
  | { readonly type: 'live/partition'; readonly experimentId: string; readonly labels: Int32Array; readonly height: number; readonly width: number; readonly frameSeeds: number }
  | { readonly type: 'live/series'; readonly experimentId: string; readonly series: readonly StepSeriesData[] }
  | { readonly type: 'live/frames'; readonly experimentId: string; readonly runId: string; readonly frames: readonly FrameImage[] }
  | { readonly type: 'live/preview'; readonly experimentId: string; readonly frames: readonly PreviewImage[]; readonly pruning: PruningLive | null }
  | { readonly type: 'live/pruning'; readonly experimentId: string; readonly table: PruningTable };

export const initialLiveState: LiveState = {
  experimentId: null, runIds: [], variants: [], labels: null, height: 0, width: 0, frameSeeds: 0, series: {}, frames: {}, previews: {}, pruning: null, pruningTables: [],
};

const byOrder = (a: FrameImage, b: FrameImage) => a.seed - b.seed || a.step - b.step;

/**
 * Live-view transitions: pure; answers about another experiment than the one followed are dropped.
 * New frames are merged with those already held (a frame is identified by seed and step); a
 * preview replaces the one held for its run and seed unless that one is of a later step (events
 * of several workers may interleave); a stored pruning table replaces the one of its seed.
 *
 * @example
 * liveReducer(initialLiveState, { type: 'live/followed', experimentId: 'e', runIds: ['r'], variants: ['unprojected'] }).runIds // → ['r']
 */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  if (action.type === 'live/followed') {
    if (state.experimentId === action.experimentId) return state;
    return { ...initialLiveState, experimentId: action.experimentId, runIds: action.runIds, variants: action.variants };
  }
  if (action.experimentId !== state.experimentId) return state;
  switch (action.type) {
    case 'live/partition':
      return { ...state, labels: action.labels, height: action.height, width: action.width, frameSeeds: action.frameSeeds };
    case 'live/series':
      return { ...state, series: { ...state.series, ...Object.fromEntries(action.series.map((s) => [s.runId, s])) } };
    case 'live/frames': {
      const held = state.frames[action.runId] ?? [];
      const known = new Set(held.map((f) => `${f.seed}:${f.step}`));
      const added = action.frames.filter((f) => !known.has(`${f.seed}:${f.step}`));
      if (added.length === 0) return state;
      return { ...state, frames: { ...state.frames, [action.runId]: [...held, ...added].sort(byOrder) } };
    }
    case 'live/preview': {
      const previews = { ...state.previews };
      for (const { runId, ...frame } of action.frames) {
        const held = previews[runId]?.[frame.seed];
        if (held !== undefined && held.step > frame.step) continue;
        previews[runId] = { ...previews[runId], [frame.seed]: frame };
      }
      return { ...state, previews, pruning: action.pruning ?? state.pruning };
    }
    case 'live/pruning': {
      const tables = [...state.pruningTables.filter((t) => t.seed !== action.table.seed), action.table].sort((a, b) => a.seed - b.seed);
      return { ...state, pruningTables: tables };
    }
  }
}

/**
 * What a grid cell shows at `step`: the newer (by step) of the seed's stored frame at or before the
 * step and its live preview if that is not past the step; null when there is neither. While a run's
 * frames are still arriving, a cell thus keeps the state it showed live instead of an older frame.
 *
 * @example
 * cellAt({ ...state, frames: { r: [f0] }, previews: { r: { 0: p990 } } }, 'r', 0, 999)?.step // → 990 (f0 is step 0)
 */
export function cellAt(state: LiveState, runId: string, seed: number, step: number): FrameImage | null {
  const stored = frameAt(state.frames[runId], seed, step);
  const preview = state.previews[runId]?.[seed] ?? null;
  if (preview === null || preview.step > step) return stored;
  return stored !== null && stored.step >= preview.step ? stored : preview;
}

/**
 * What a grid cell shows while the run goes on: the newer (by step) of the run's live preview and
 * its latest stored frame for the seed (a seed's frames are stored when it ends, after its last
 * preview), or null when there is neither yet.
 *
 * @example
 * liveCell({ ...state, previews: { r: { 0: { seed: 0, step: 40, pixels } } } }, 'r', 0)?.step // → 40
 */
export function liveCell(state: LiveState, runId: string, seed: number): FrameImage | null {
  return cellAt(state, runId, seed, Number.POSITIVE_INFINITY);
}

/**
 * The step the grid's label gives while it follows a run: the newest among the cells still live
 * (showing their seed's preview, so that seed is running), else the newest of every cell; −1 when no
 * cell shows anything. Seeds that ended keep their last stored frame and no longer hold the label, so
 * it follows the seeds that run after them.
 *
 * @example
 * liveStep({ ...state, frames: { r: [f999] }, previews: { r: { 0: p990, 1: p40 } } }, [0, 1]) // → 40 (seed 0 ended at 999)
 */
export function liveStep(state: LiveState, seeds: readonly number[]): number {
  let running = -1;
  let any = -1;
  for (const runId of state.runIds) {
    for (const seed of seeds) {
      const cell = liveCell(state, runId, seed);
      if (cell === null) continue;
      any = Math.max(any, cell.step);
      if (cell === state.previews[runId]?.[seed]) running = Math.max(running, cell.step);
    }
  }
  return running >= 0 ? running : any;
}

/**
 * The seeds the grid shows (its rows): those with frames or previews, ascending, at most
 * max(1, frameSeeds) of them.
 *
 * @example
 * liveSeeds({ ...state, frameSeeds: 2, previews: { r: { 3: p3, 1: p1, 0: p0 } } }) // → [0, 1]
 */
export function liveSeeds(state: LiveState): number[] {
  const seeds = new Set<number>();
  for (const frames of Object.values(state.frames)) for (const f of frames) seeds.add(f.seed);
  for (const bySeed of Object.values(state.previews)) for (const f of Object.values(bySeed)) seeds.add(f.seed);
  return [...seeds].sort((a, b) => a - b).slice(0, Math.max(1, state.frameSeeds));
}

/**
 * The stored pruning statistics as one series: at each recorded step, the mean over the stored
 * seeds of the skipped fraction (ascending steps).
 *
 * @example
 * meanSkipped([{ seed: 0, step: [9], epsilon: [1e-12], skippedFraction: [0.2] }, { seed: 1, step: [9], epsilon: [1e-12], skippedFraction: [0.4] }]) // → [{ step: 9, skippedFraction: 0.3 }]
 */
export function meanSkipped(tables: readonly PruningTable[]): { step: number; skippedFraction: number }[] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const t of tables) {
    t.step.forEach((step, r) => {
      const entry = sums.get(step) ?? { sum: 0, n: 0 };
      entry.sum += t.skippedFraction[r]!;
      entry.n += 1;
      sums.set(step, entry);
    });
  }
  return [...sums].sort((a, b) => a[0] - b[0]).map(([step, { sum, n }]) => ({ step, skippedFraction: sum / n }));
}

/**
 * The frame steps of the followed runs (union over runs and seeds), ascending: the grid's time axis.
 *
 * @example
 * liveFrameSteps({ ...state, frames: { r: [{ seed: 0, step: 9, pixels }, { seed: 0, step: 4, pixels }] } }) // → [4, 9]
 */
export function liveFrameSteps(state: LiveState): number[] {
  const steps = new Set<number>();
  for (const frames of Object.values(state.frames)) for (const f of frames) steps.add(f.step);
  return [...steps].sort((a, b) => a - b);
}

/**
 * The frame of a run for a seed at `step`, or the latest one before it (null when there is none yet).
 *
 * @example
 * frameAt(frames, 0, 9)?.step // → 9
 */
export function frameAt(frames: readonly FrameImage[] | undefined, seed: number, step: number): FrameImage | null {
  let found: FrameImage | null = null;
  for (const f of frames ?? []) if (f.seed === seed && f.step <= step && (found === null || f.step > found.step)) found = f;
  return found;
}
