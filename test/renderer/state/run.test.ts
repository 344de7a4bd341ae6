import { describe, expect, it } from 'vitest';
import type { PresetInfoData, ProgressData } from '../../../src-shared/ipc/contract';
import { canCancel, canStart, initialRunState, progressFraction, runReducer, type RunAction, type RunState } from '../../../src-renderer/state/run';

const preset = (name: string, seeds: number, steps: number) => ({ name, description: '', config: {}, seeds, steps, variants: ['unprojected'] }) as unknown as PresetInfoData;
const started = { experimentId: 'e1', name: 'paper-toy', runIds: ['r1', 'r2'], variants: ['unprojected', 'delta=0.01'], backend: 'cpu', seedsTotal: 4, stepsTotal: 400 };
const progress = (stepsDone: number, experimentId = 'e1'): ProgressData => ({ experimentId, runIds: ['r1', 'r2'], stepsDone, stepsTotal: 400, seedsDone: 0, seedsTotal: 4, etaMs: 1000 });
const fold = (actions: RunAction[], state: RunState = initialRunState) => actions.reduce(runReducer, state);
const loaded: RunAction = { type: 'presets/loaded', presets: [preset('paper-toy', 64, 1000), preset('digits', 16, 100)] };

describe('runReducer(state, action)', () => {
  it('presets/loaded picks the first preset with its seeds and steps; choosing another preset takes its defaults', () => {
    const state = fold([loaded]);
    expect(state.form).toEqual({ preset: 'paper-toy', seeds: 64, steps: 1000 });
    expect(fold([{ type: 'form/changed', patch: { preset: 'digits' } }], state).form).toEqual({ preset: 'digits', seeds: 16, steps: 100 });
    expect(fold([{ type: 'form/changed', patch: { seeds: 4 } }], state).form).toEqual({ preset: 'paper-toy', seeds: 4, steps: 1000 });
  });

  it('a run goes starting → running → completed, following only its own progress', () => {
    const running = fold([loaded, { type: 'run/starting' }, { type: 'run/started', started }]);
    expect(running.status).toBe('running');
    expect(running.active?.progress.stepsDone).toBe(0);
    const later = fold([{ type: 'run/progress', progress: progress(200) }, { type: 'run/progress', progress: progress(399, 'other') }], running);
    expect(later.active?.progress.stepsDone).toBe(200);
    const done = runReducer(later, { type: 'run/finished', finished: { experimentId: 'e1', runIds: ['r1', 'r2'], status: 'completed' } });
    expect([done.status, done.message]).toEqual(['completed', null]);
    expect(runReducer(done, { type: 'run/progress', progress: progress(300) }).active?.progress.stepsDone).toBe(200);
  });

  it('runs:started arriving before the runs:start answer keeps the progress already received', () => {
    const attached = fold([loaded, { type: 'run/starting' }, { type: 'run/attached', active: { ...started, started: 0, progress: progress(0) } }, { type: 'run/progress', progress: progress(120) }]);
    const answered = runReducer(attached, { type: 'run/started', started });
    expect([answered.status, answered.active?.progress.stepsDone]).toEqual(['running', 120]);
  });

  it('cancel and failure set the status and say why', () => {
    const running = fold([loaded, { type: 'run/starting' }, { type: 'run/started', started }]);
    const cancelling = runReducer(running, { type: 'run/cancelling' });
    expect(cancelling.status).toBe('cancelling');
    const cancelled = runReducer(cancelling, { type: 'run/finished', finished: { experimentId: 'e1', runIds: [], status: 'cancelled' } });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.message).toMatch(/kept/u);
    const failed = fold([{ type: 'run/starting' }, { type: 'run/failedToStart', error: { code: 'invalid-config', message: 'seeds.count: expected an integer ≥ 1' } }]);
    expect([failed.status, failed.message]).toEqual(['failed', 'seeds.count: expected an integer ≥ 1']);
  });

  it('canStart needs a preset and whole seeds and steps in range, and no run going; canCancel needs a running one', () => {
    const state = fold([loaded]);
    expect(canStart(state)).toBe(true);
    for (const patch of [{ seeds: 0 }, { seeds: Number.NaN }, { steps: 2.5 }, { steps: 100_001 }]) expect(canStart(fold([{ type: 'form/changed', patch }], state)), JSON.stringify(patch)).toBe(false);
    const running = fold([{ type: 'run/starting' }, { type: 'run/started', started }], state);
    expect([canStart(running), canCancel(running)]).toEqual([false, true]);
    expect(canCancel(state)).toBe(false);
  });

  it('progressFraction is stepsDone / stepsTotal in [0, 1]', () => {
    expect(progressFraction(progress(100))).toBe(0.25);
    expect(progressFraction(undefined)).toBe(0);
    expect(progressFraction({ ...progress(0), stepsTotal: 0 })).toBe(0);
  });
});
