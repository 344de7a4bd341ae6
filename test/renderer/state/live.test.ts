import { describe, expect, it } from 'vitest';
import type { StepSeriesData } from '../../../src-shared/ipc/contract';
import { cellAt, frameAt, initialLiveState, liveCell, liveFrameSteps, liveReducer, liveSeeds, liveStep, meanSkipped, type FrameImage } from '../../../src-renderer/state/live';
import { previewAction } from '../../../src-renderer/state/liveFollower';
import { meanByStep, variantLabel } from '../../../src-renderer/state/series';

const frame = (seed: number, step: number): FrameImage => ({ seed, step, pixels: Float32Array.of(seed, step) });
const followed = liveReducer(initialLiveState, { type: 'live/followed', experimentId: 'e', runIds: ['r1', 'r2'], variants: ['unprojected', 'delta=0.01'] });

describe('liveReducer(state, action)', () => {
  it('merges frames by (seed, step), keeps them ordered, and ignores another experiment’s answers', () => {
    let s = liveReducer(followed, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(1, 9), frame(0, 19)] });
    s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(0, 9), frame(0, 19)] });
    expect(s.frames['r1']!.map((f) => [f.seed, f.step])).toEqual([[0, 9], [0, 19], [1, 9]]);
    expect(liveReducer(s, { type: 'live/frames', experimentId: 'other', runId: 'r1', frames: [frame(5, 5)] })).toBe(s);
    expect(liveFrameSteps(s)).toEqual([9, 19]);
  });

  it('following a new experiment starts over; following the same one keeps what is held', () => {
    const s = liveReducer(followed, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(0, 9)] });
    expect(liveReducer(s, { type: 'live/followed', experimentId: 'e', runIds: ['r1'], variants: [] })).toBe(s);
    expect(liveReducer(s, { type: 'live/followed', experimentId: 'f', runIds: ['r3'], variants: ['x'] }).frames).toEqual({});
  });

  it('frameAt gives the frame at the step, or the latest before it, for the seed', () => {
    const frames = [frame(0, 9), frame(0, 19), frame(1, 29)];
    expect(frameAt(frames, 0, 19)?.step).toBe(19);
    expect(frameAt(frames, 0, 25)?.step).toBe(19);
    expect(frameAt(frames, 0, 5)).toBeNull();
    expect(frameAt(frames, 1, 19)).toBeNull();
    expect(frameAt(undefined, 0, 9)).toBeNull();
  });
});

describe('meanByStep(series, metric) and variantLabel', () => {
  it('averages each step over the seeds that recorded it, skipping nulls; a step with none is NaN', () => {
    const series = { runId: 'r', length: 5, seed: [0, 1, 0, 1, 2], step: [9, 9, 19, 19, 19], eInf: [0.1, 0.3, 0.2, null, 0.4], mse: [null, null, null, null, null] } as unknown as StepSeriesData;
    expect(meanByStep(series, 'eInf')).toEqual([{ x: 10, y: 0.2 }, { x: 20, y: (0.2 + 0.4) / 2 }]);
    expect(meanByStep(series, 'mse').map((p) => p.y)).toEqual([Number.NaN, Number.NaN]);
  });

  it('names δ variants with the symbol', () => {
    expect([variantLabel('delta=0.005'), variantLabel('unprojected'), variantLabel('bounds')]).toEqual(['δ = 0.005', 'unprojected', 'bounds']);
  });
});

describe('liveReducer: runs:preview and stored pruning tables', () => {
  const preview = (runId: string, seed: number, step: number) => ({ runId, seed, step, pixels: Float32Array.of(step) });

  it('keeps the newest preview per run and seed, whatever order the workers’ events arrive in, and the latest pruning', () => {
    let s = liveReducer(followed, { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 0, 40), preview('r2', 0, 40), preview('r1', 1, 10)], pruning: null });
    s = liveReducer(s, { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 0, 30), preview('r1', 1, 20)], pruning: { step: 20, epsilon: 1e-12, skippedFraction: 0.5 } });
    expect(s.previews['r1']![0]!.step).toBe(40);
    expect(s.previews['r1']![1]!.step).toBe(20);
    expect(s.previews['r2']![0]!.step).toBe(40);
    expect(s.pruning).toEqual({ step: 20, epsilon: 1e-12, skippedFraction: 0.5 });
    // A later event without pruning statistics keeps the last ones; another experiment's is dropped.
    expect(liveReducer(s, { type: 'live/preview', experimentId: 'e', frames: [], pruning: null }).pruning).toEqual(s.pruning);
    expect(liveReducer(s, { type: 'live/preview', experimentId: 'other', frames: [preview('r1', 0, 99)], pruning: null })).toBe(s);
  });

  it('liveCell shows the newer of the preview and the seed’s latest stored frame; liveSeeds lists rows from both, at most frameSeeds', () => {
    let s = liveReducer(followed, { type: 'live/partition', experimentId: 'e', labels: new Int32Array(4), height: 2, width: 2, frameSeeds: 2 });
    expect(liveCell(s, 'r1', 0)).toBeNull();
    s = liveReducer(s, { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 0, 50), preview('r1', 3, 5), preview('r1', 1, 7)], pruning: null });
    expect(liveCell(s, 'r1', 0)?.step).toBe(50);
    s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(0, 49), frame(0, 99)] });
    // The seed ended: its last stored frame (step 99) is newer than its last preview (step 50).
    expect(liveCell(s, 'r1', 0)?.step).toBe(99);
    expect(liveCell(s, 'r2', 0)).toBeNull();
    expect(liveSeeds(s)).toEqual([0, 1]);
  });

  it('liveStep follows the seeds still running: once a seed ends (its last frame stored) the label goes to the seeds after it', () => {
    let s = liveReducer(liveReducer(followed, { type: 'live/partition', experimentId: 'e', labels: new Int32Array(4), height: 2, width: 2, frameSeeds: 2 }), { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 0, 990), preview('r2', 0, 990)], pruning: null });
    expect(liveStep(s, [0, 1])).toBe(990);
    // Seed 0 ended and seed 1 started: its preview is older than seed 0's last preview, but seed 0's cells now show stored frames.
    s = liveReducer(s, { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 1, 40)], pruning: null });
    expect(liveStep(s, [0, 1])).toBe(990);
    for (const runId of ['r1', 'r2']) s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId, frames: [frame(0, 999)] });
    expect(liveStep(s, [0, 1])).toBe(40);
    // Every seed ended: the newest stored frame.
    s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(1, 999)] });
    expect(liveStep(s, [0, 1])).toBe(999);
    expect(liveStep(followed, [0, 1])).toBe(-1);
  });

  it('cellAt shows, at a step, the newest of the stored frame at or before it and a preview not past it: no older frame while the rest arrive', () => {
    let s = liveReducer(followed, { type: 'live/partition', experimentId: 'e', labels: new Int32Array(4), height: 2, width: 2, frameSeeds: 2 });
    s = liveReducer(s, { type: 'live/preview', experimentId: 'e', frames: [preview('r1', 0, 90)], pruning: null });
    // Only the seed's first frame has arrived: at step 99 the cell keeps the live state of step 90.
    s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(0, 0)] });
    expect(cellAt(s, 'r1', 0, 99)?.step).toBe(90);
    // Scrubbing back before the preview shows stored frames only.
    expect(cellAt(s, 'r1', 0, 49)?.step).toBe(0);
    s = liveReducer(s, { type: 'live/frames', experimentId: 'e', runId: 'r1', frames: [frame(0, 49), frame(0, 99)] });
    expect(cellAt(s, 'r1', 0, 99)?.step).toBe(99);
    expect(cellAt(s, 'r1', 0, 49)?.step).toBe(49);
    expect(cellAt(s, 'r1', 1, 99)).toBeNull();
  });

  it('stored pruning tables replace the one of their seed, ordered by seed; meanSkipped averages them per step', () => {
    const table = (seed: number, skipped: number[]) => ({ seed, step: [9, 19], epsilon: [1e-12, 1e-12], skippedFraction: skipped });
    let s = liveReducer(followed, { type: 'live/pruning', experimentId: 'e', table: table(1, [0.2, 0.9]) });
    s = liveReducer(s, { type: 'live/pruning', experimentId: 'e', table: table(0, [0, 0.5]) });
    s = liveReducer(s, { type: 'live/pruning', experimentId: 'e', table: table(1, [0.4, 0.7]) });
    expect(s.pruningTables.map((t) => t.seed)).toEqual([0, 1]);
    expect(meanSkipped(s.pruningTables)).toEqual([{ step: 9, skippedFraction: 0.2 }, { step: 19, skippedFraction: 0.6 }]);
    expect(meanSkipped([])).toEqual([]);
  });
});

describe('previewAction(runs:preview payload)', () => {
  it('decodes every frame’s base64 little-endian float32 pixels bit for bit (NaN, −0, subnormals)', () => {
    const pixels = Float32Array.of(0.25, -0, Number.NaN, 1e-45, 3.4e38, 1 / 3);
    const data = Buffer.from(pixels.buffer).toString('base64');
    const action = previewAction({ experimentId: 'e', height: 2, width: 3, frames: [{ runId: 'r', seed: 4, step: 17, data }], pruning: { step: 17, epsilon: 1e-12, skippedFraction: 0.25 } });
    expect(action).toMatchObject({ type: 'live/preview', experimentId: 'e', pruning: { step: 17, epsilon: 1e-12, skippedFraction: 0.25 } });
    expect(action.frames.map((f) => [f.runId, f.seed, f.step])).toEqual([['r', 4, 17]]);
    expect(Buffer.from(action.frames[0]!.pixels.buffer).toString('hex')).toBe(Buffer.from(pixels.buffer).toString('hex'));
  });
});
