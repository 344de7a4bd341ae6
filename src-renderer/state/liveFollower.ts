import { gridLabels } from '../../src-shared/coarse/partition';
import type { LabError } from '../../src-shared/errors';
import { safeParseConfig, type ExperimentConfig } from '../../src-shared/experiment/config';
import { decodeArtifact } from '../../src-shared/ipc/artifactJson';
import type { EventPayload } from '../../src-shared/ipc/contract';
import type { LabClient } from '../api/client';
import type { FrameImage, LiveAction, PreviewImage } from './live';

/** Least ms between two fetches of the followed runs' steps and frames while they run. */
export const LIVE_POLL_MS = 1000;
/** Frames fetched and decoded per task. */
const FRAME_BATCH = 8;

/**
 * The partition of a stored config as labels at the data's size (digits are 28 × 28).
 *
 * @example
 * configPartition(presetConfig('paper-toy')).labels.length // → 1024
 */
export function configPartition(config: ExperimentConfig): { labels: Int32Array; height: number; width: number } {
  const height = config.data.kind === 'digits' ? 28 : config.data.height;
  const width = config.data.kind === 'digits' ? 28 : config.data.width;
  const spec = config.partition;
  return { height, width, labels: spec.kind === 'grid' ? gridLabels(height, width, spec.rows, spec.cols) : Int32Array.from(spec.labels) };
}

/**
 * The pixels of a runs:preview event as live-view actions: each frame's base64 float32 decoded.
 *
 * @example
 * previewAction({ experimentId: 'e', height: 1, width: 1, frames: [{ runId: 'r', seed: 0, step: 4, data: 'AACAPw==' }], pruning: null }).frames[0]!.pixels // → Float32Array [1]
 */
export function previewAction(preview: EventPayload<'runs:preview'>): Extract<LiveAction, { type: 'live/preview' }> {
  const size = preview.height * preview.width;
  const frames: PreviewImage[] = preview.frames.map((f) => ({
    runId: f.runId, seed: f.seed, step: f.step,
    pixels: decodeArtifact({ id: '', name: 'preview', dtype: 'float32', shape: [size], encoding: 'base64-le', data: f.data }).data as Float32Array,
  }));
  return { type: 'live/preview', experimentId: preview.experimentId, frames, pruning: preview.pruning };
}

/**
 * Follows one experiment for the live view: reads its config once (partition, frame seeds), then
 * fetches its runs' step series and new frames at most every LIVE_POLL_MS while it runs, and once
 * more when it ends; meanwhile the runs:preview events of the running seeds animate the grid (at
 * most 10 a second, decoded as they come). Stored arrays are fetched by id (runs:artifact).
 */
export function createLiveFollower(client: LabClient, dispatch: (action: LiveAction) => void, fail: (error: LabError) => void) {
  let experimentId: string | null = null;
  let runIds: readonly string[] = [];
  let frameSeeds = 0;
  let lastPoll = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fetched = new Set<string>();
  let offPreview: (() => void) | null = null;

  /** The stored pruning tables (pruned backend) of a run not fetched yet: identical for every run of the experiment. */
  const fetchPruning = async (id: string, metas: readonly { id: string; name: string; seed: number | null }[]) => {
    for (const meta of metas.filter((a) => a.name === 'pruning' && a.seed !== null && !fetched.has(a.id))) {
      fetched.add(meta.id);
      const table = decodeArtifact(await client.invoke('runs:artifact', { artifactId: meta.id }));
      const columns = table.shape[1] ?? 0;
      const column = (c: number) => Array.from({ length: table.shape[0] ?? 0 }, (_, r) => table.data[r * columns + c]!);
      if (id !== experimentId || columns < 3) return;
      dispatch({ type: 'live/pruning', experimentId: id, table: { seed: meta.seed!, step: column(0), epsilon: column(1), skippedFraction: column(2) } });
    }
  };

  const fetchFrames = async (id: string, runId: string) => {
    const all = await client.invoke('runs:artifacts', { runId });
    if (runId === runIds[0]) await fetchPruning(id, all);
    const metas = all.filter((a) => a.name === 'frame' && a.seed !== null && a.step !== null && !fetched.has(a.id));
    const firstSeeds = [...new Set(metas.map((a) => a.seed!))].sort((a, b) => a - b).slice(0, Math.max(1, frameSeeds));
    const wanted = metas.filter((a) => firstSeeds.includes(a.seed!));
    for (const meta of wanted) fetched.add(meta.id);
    // A few frames at a time, yielding between batches: decoding hundreds of arrays in one task would hold a frame.
    for (let start = 0; start < wanted.length; start += FRAME_BATCH) {
      const frames: FrameImage[] = await Promise.all(wanted.slice(start, start + FRAME_BATCH).map(async (meta) => {
        const artifact = decodeArtifact(await client.invoke('runs:artifact', { artifactId: meta.id }));
        return { seed: meta.seed!, step: meta.step!, pixels: Float32Array.from(artifact.data) };
      }));
      if (id !== experimentId) return;
      dispatch({ type: 'live/frames', experimentId: id, runId, frames });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };

  const poll = () => {
    timer = undefined;
    const id = experimentId;
    if (id === null) return;
    lastPoll = Date.now();
    Promise.all(runIds.map((runId) => client.invoke('runs:steps', { runId }))).then((series) => {
      if (id === experimentId) dispatch({ type: 'live/series', experimentId: id, series });
    }, fail);
    for (const runId of runIds) fetchFrames(id, runId).catch(fail);
  };

  /** Polls now if the last poll is old enough, else once when it is (never twice in LIVE_POLL_MS). */
  const schedule = () => {
    if (timer !== undefined || experimentId === null) return;
    timer = setTimeout(poll, Math.max(0, LIVE_POLL_MS - (Date.now() - lastPoll)));
  };

  return {
    follow(id: string, ids: readonly string[], variants: readonly string[]) {
      if (id === experimentId) return;
      experimentId = id;
      runIds = ids;
      fetched.clear();
      dispatch({ type: 'live/followed', experimentId: id, runIds: ids, variants });
      offPreview ??= client.on('runs:preview', (preview) => {
        if (preview.experimentId === experimentId) dispatch(previewAction(preview));
      });
      if (ids[0] === undefined) return;
      client.invoke('runs:get', { runId: ids[0] }).then((record) => {
        const parsed = safeParseConfig(record.config);
        if (!parsed.ok || id !== experimentId) return;
        frameSeeds = parsed.config.frames.seeds;
        dispatch({ type: 'live/partition', experimentId: id, ...configPartition(parsed.config), frameSeeds });
        schedule();
      }, fail);
    },
    /** Progress or a new frame: fetch again when the poll interval allows. */
    changed(id: string) {
      if (id === experimentId) schedule();
    },
    /** The experiment ended: one last fetch of everything it stored. */
    finished(id: string) {
      if (id !== experimentId) return;
      if (timer !== undefined) clearTimeout(timer);
      poll();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      experimentId = null;
      offPreview?.();
      offPreview = null;
    },
  };
}
