import { describe, expect, it } from 'vitest';
import type { InstrumentPresetData, InstrumentProgressData } from '../../../src-shared/ipc/contract';
import { prettyJson } from '../../../src-renderer/state/instrumentDraft';
import { draftModified, initialInstrumentsState, instrumentBusy, instrumentsReducer, stageFraction, type InstrumentsAction, type InstrumentsState, type LoadedInstrument } from '../../../src-renderer/state/instruments';

const presets: InstrumentPresetData[] = [
  { kind: 'schedules', name: 'binary', description: 'binary data', config: { target: 'binary', Ks: [5, 10] } },
  { kind: 'schedules', name: 'gaussian', description: 'gaussian data', config: { target: 'gaussian', Ks: [5] } },
  { kind: 'dynamics', name: 'two-points', description: '±1', config: { data: { kind: 'points', points: [[-1], [1]] } } },
];
const started = { experimentId: 'e1', kind: 'dynamics' as const, name: 'two-points', runIds: ['r1', 'r2'], variants: ['forward', 'bifurcation'], backend: 'cpu-f64 (2 threads)' };
const progress = (done: number, experimentId = 'e1'): InstrumentProgressData => ({ experimentId, kind: 'dynamics', stage: 'forward curves', done, total: 40 });
const fold = (actions: InstrumentsAction[], state: InstrumentsState = initialInstrumentsState) => actions.reduce(instrumentsReducer, state);

describe('instrumentsReducer(state, action)', () => {
  it('presets fill each empty draft with the first preset of its kind, and never replace an edited draft', () => {
    const loaded = fold([{ type: 'instruments/presets', presets }]);
    expect(loaded.drafts.schedules).toEqual({ preset: 'binary', text: prettyJson(presets[0]!.config) });
    expect(loaded.drafts.dynamics.preset).toBe('two-points');
    expect(loaded.drafts.likelihood).toEqual({ preset: '', text: '' });
    expect(draftModified(loaded, 'schedules')).toBe(false);
    const edited = instrumentsReducer(loaded, { type: 'instruments/edited', kind: 'schedules', text: '{ "target": "binary", "Ks": [0' });
    expect(draftModified(edited, 'schedules')).toBe(true);
    const again = instrumentsReducer(edited, { type: 'instruments/presets', presets: [...presets].reverse() });
    expect(again.drafts.schedules.text).toBe('{ "target": "binary", "Ks": [0');
    const chosen = instrumentsReducer(again, { type: 'instruments/preset', kind: 'schedules', name: 'gaussian' });
    expect(chosen.drafts.schedules).toEqual({ preset: 'gaussian', text: prettyJson(presets[1]!.config) });
    expect(instrumentsReducer(chosen, { type: 'instruments/preset', kind: 'schedules', name: 'no-such' })).toBe(chosen);
  });

  it('an instrument goes starting → running → completed, following only its own progress, and shows its tab', () => {
    const running = fold([{ type: 'instruments/starting' }, { type: 'instruments/started', started }]);
    expect([running.status, running.tab, running.active?.backend]).toEqual(['running', 'dynamics', started.backend]);
    const later = fold([{ type: 'instruments/progress', progress: progress(10) }, { type: 'instruments/progress', progress: progress(39, 'other') }], running);
    expect(stageFraction(later.active?.progress)).toBe(0.25);
    const done = instrumentsReducer(later, { type: 'instruments/finished', finished: { experimentId: 'e1', kind: 'dynamics', runIds: started.runIds, status: 'completed' } });
    expect([done.status, done.message]).toEqual(['completed', null]);
    expect(instrumentsReducer(done, { type: 'instruments/progress', progress: progress(30) }).active?.progress?.done).toBe(10);
  });

  it('another client’s instrument does not replace the one followed while it runs; an answer after the event keeps the progress', () => {
    const running = fold([{ type: 'instruments/starting' }, { type: 'instruments/started', started }, { type: 'instruments/progress', progress: progress(5) }]);
    expect(instrumentsReducer(running, { type: 'instruments/started', started: { ...started, experimentId: 'e2' } })).toBe(running);
    const answered = instrumentsReducer(running, { type: 'instruments/started', started });
    expect(answered.active?.progress?.done).toBe(5);
  });

  it('cancel, failure and a refused start say why; a second start is refused while busy', () => {
    const running = fold([{ type: 'instruments/starting' }, { type: 'instruments/started', started }]);
    expect(instrumentsReducer(running, { type: 'instruments/starting' })).toBe(running);
    const cancelling = instrumentsReducer(running, { type: 'instruments/cancelling' });
    expect(instrumentBusy(cancelling.status)).toBe(true);
    const cancelled = instrumentsReducer(cancelling, { type: 'instruments/finished', finished: { experimentId: 'e1', kind: 'dynamics', runIds: [], status: 'cancelled' } });
    expect(cancelled.message).toContain('Cancelled');
    const failed = instrumentsReducer(running, { type: 'instruments/finished', finished: { experimentId: 'e1', kind: 'dynamics', runIds: [], status: 'failed', error: { code: 'internal', message: 'worker crashed' } } });
    expect([failed.status, failed.message]).toEqual(['failed', 'worker crashed']);
    const refused = fold([{ type: 'instruments/starting' }, { type: 'instruments/failedToStart', message: 'invalid dynamics config' }]);
    expect([refused.status, instrumentBusy(refused.status)]).toEqual(['failed', false]);
  });

  it('a loaded experiment goes to its kind’s tab and ends the loading it answers only', () => {
    const loaded: LoadedInstrument = { experimentId: 'e1', kind: 'likelihood', name: 'points-2d', config: {}, runs: [] };
    const state = fold([{ type: 'instruments/loading', experimentId: 'e1' }, { type: 'instruments/loading', experimentId: 'e2' }, { type: 'instruments/loaded', loaded }]);
    expect(state.shown.likelihood).toBe(loaded);
    expect(state.loading).toBe('e2');
    expect(instrumentsReducer(state, { type: 'instruments/loadFailed', experimentId: 'e2', message: 'purged' })).toMatchObject({ loading: null, message: 'purged' });
  });
});
