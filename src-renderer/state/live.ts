import type { StepSeriesData } from '../../src-shared/ipc/contract';

/** A stored sample frame, decoded: the state of one variant for one seed after `step`. */
export interface FrameImage {
  readonly seed: number;
  readonly step: number;
  readonly pixels: Float32Array;
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
}

export type LiveAction =
  | { readonly type: 'live/followed'; readonly experimentId: string; readonly runIds: readonly string[]; readonly variants: readonly string[] }
  | { readonly type: 'live/partition'; readonly experimentId: string; readonly labels: Int32Array; readonly height: number; readonly width: number; readonly frameSeeds: number }
  | { readonly type: 'live/series'; readonly experimentId: string; readonly series: readonly StepSeriesData[] }
  | { readonly type: 'live/frames'; readonly experimentId: string; readonly runId: string; readonly frames: readonly FrameImage[] };

export const initialLiveState: LiveState = { experimentId: null, runIds: [], variants: [], labels: null, height: 0, width: 0, frameSeeds: 0, series: {}, frames: {} };

const byOrder = (a: FrameImage, b: FrameImage) => a.seed - b.seed || a.step - b.step;

/**
 * Live-view transitions: pure; answers about another experiment than the one followed are dropped.
 * New frames are merged with those already held (a frame is identified by seed and step).
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
  }
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
