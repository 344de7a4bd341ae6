import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../../../src-shared/ipc/contract';
import { canCancel, canStart, initialRunState, isBusy, progressFraction, runReducer, type RunAction, type RunState } from '../../../src-renderer/state/run';

const started = { experimentId: 'e1', name: 'paper-toy', runIds: ['r1', 'r2'], variants: ['unprojected', 'delta=0.01'], backend: 'cpu-f64 reference (2 threads)', seedsTotal: 4, stepsTotal: 400 };
const progress = (stepsDone: number, experimentId = 'e1'): ProgressData => ({ experimentId, runIds: ['r1', 'r2'], stepsDone, stepsTotal: 400, seedsDone: 0, seedsTotal: 4, etaMs: 1000 });
const fold = (actions: RunAction[], state: RunState = initialRunState) => actions.reduce(runReducer, state);

describe('runReducer(state, action)', () => {
  it('a run goes starting → running → completed, following only its own progress, and keeps its backend', () => {
    const running = fold([{ type: 'run/starting' }, { type: 'run/started', started }]);
    expect(running.status).toBe('running');
    expect(running.active).toMatchObject({ backend: started.backend, variants: started.variants });
    expect(running.active?.progress.stepsDone).toBe(0);
    const later = fold([{ type: 'run/progress', progress: progress(200) }, { type: 'run/progress', progress: progress(399, 'other') }], running);
    expect(later.active?.progress.stepsDone).toBe(200);
    const done = runReducer(later, { type: 'run/finished', finished: { experimentId: 'e1', runIds: ['r1', 'r2'], status: 'completed' } });
    expect([done.status, done.message]).toEqual(['completed', null]);
    expect(runReducer(done, { type: 'run/progress', progress: progress(300) }).active?.progress.stepsDone).toBe(200);
  });

  it('runs:started arriving before the runs:start answer keeps the progress already received', () => {
    const attached = fold([{ type: 'run/starting' }, { type: 'run/attached', active: { ...started, started: 0, progress: progress(0) } }, { type: 'run/progress', progress: progress(120) }]);
    const answered = runReducer(attached, { type: 'run/started', started });
    expect([answered.status, answered.active?.progress.stepsDone]).toEqual(['running', 120]);
  });

  it('cancel and failure set the status and say why', () => {
    const running = fold([{ type: 'run/starting' }, { type: 'run/started', started }]);
    const cancelling = runReducer(running, { type: 'run/cancelling' });
    expect(cancelling.status).toBe('cancelling');
    const cancelled = runReducer(cancelling, { type: 'run/finished', finished: { experimentId: 'e1', runIds: [], status: 'cancelled' } });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.message).toMatch(/kept/u);
    const failed = fold([{ type: 'run/starting' }, { type: 'run/failedToStart', error: { code: 'invalid-config', message: 'seeds.count: expected an integer ≥ 1' } }]);
    expect([failed.status, failed.message]).toEqual(['failed', 'seeds.count: expected an integer ≥ 1']);
  });

  it('canStart is false while a run is starting, running or cancelling; canCancel needs a running one', () => {
    expect(canStart(initialRunState)).toBe(true);
    const running = fold([{ type: 'run/starting' }, { type: 'run/started', started }]);
    expect([canStart(running), canCancel(running)]).toEqual([false, true]);
    expect(canCancel(initialRunState)).toBe(false);
    expect(['idle', 'starting', 'running', 'cancelling', 'completed', 'cancelled', 'failed'].map((s) => isBusy(s as RunState['status']))).toEqual([false, true, true, true, false, false, false]);
  });

  it('progressFraction is stepsDone / stepsTotal in [0, 1]', () => {
    expect(progressFraction(progress(100))).toBe(0.25);
    expect(progressFraction(undefined)).toBe(0);
    expect(progressFraction({ ...progress(0), stepsTotal: 0 })).toBe(0);
  });
});
