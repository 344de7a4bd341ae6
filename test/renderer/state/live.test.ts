import { describe, expect, it } from 'vitest';
import type { StepSeriesData } from '../../../src-shared/ipc/contract';
import { frameAt, initialLiveState, liveFrameSteps, liveReducer, type FrameImage } from '../../../src-renderer/state/live';
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
