import { describe, expect, it } from 'vitest';
import type { RunRowData } from '../../../src-shared/ipc/contract';
import { instrumentSelection, type ComparedExperiment, type ComparedInstrument } from '../../../src-renderer/state/instrumentCompare';
import { initialInstrumentsState, instrumentsReducer, type InstrumentsAction, type InstrumentsState, type LoadedInstrument } from '../../../src-renderer/state/instruments';
import { runColorIndices } from '../../../src-renderer/state/runColors';

/** A History row with what the selection reads (the rest as the store would give it). */
function row(id: string, experimentId: string, preset: string | null, created: number, extra: Partial<RunRowData> = {}): RunRowData {
  return {
    id, experimentId, experiment: experimentId, preset, name: '', variant: 'forward', deltaTol: null, seedCount: 1, status: 'completed', backend: 'cpu',
    starred: false, created, finished: created + 1, trashed: null, summary: null, ...extra,
  };
}

const rows: RunRowData[] = [
  row('d2-forward', 'ring', 'dynamics', 300),
  row('d1-forward', 'two-points', 'dynamics', 100),
  row('d1-bifurcation', 'two-points', 'dynamics', 101, { variant: 'bifurcation' }),
  row('d3-forward', 'two-points-again', 'dynamics', 400, { experiment: 'two-points' }),
  row('s1-las', 'sched', 'schedules', 200, { variant: 'las' }),
  row('toy-unprojected', 'toy', 'paper-toy', 50, { variant: 'unprojected' }),
  row('toy-projected', 'toy', 'paper-toy', 51, { variant: 'delta=0.01' }),
];

describe('instrumentSelection(rows, selected)', () => {
  it('groups ticked instrument runs by experiment, oldest first, each with its run colour keyed by the experiment id', () => {
    const selection = instrumentSelection(rows, ['d2-forward', 'd1-bifurcation', 'd1-forward']);
    expect(selection.use).toBe('instruments');
    if (selection.use !== 'instruments') return;
    expect(selection.kind).toBe('dynamics');
    const colors = runColorIndices([{ id: 'two-points', variant: 'dynamics' }, { id: 'ring', variant: 'dynamics' }]);
    expect(selection.experiments).toEqual([
      { experimentId: 'two-points', label: 'two-points', colorIndex: colors.get('two-points') },
      { experimentId: 'ring', label: 'ring', colorIndex: colors.get('ring') },
    ]);
    expect(selection.experiments[0]!.colorIndex).not.toBe(selection.experiments[1]!.colorIndex);
  });

  it('labels a run by its name, else its experiment’s, and numbers labels that would read the same', () => {
    const same = instrumentSelection(rows, ['d1-forward', 'd3-forward']);
    expect(same.use === 'instruments' && same.experiments.map((e) => e.label)).toEqual(['two-points', 'two-points (2)']);
    const renamed = instrumentSelection(rows.map((r) => (r.id === 'd3-forward' ? { ...r, name: 'finer grid' } : r)), ['d1-forward', 'd3-forward']);
    expect(renamed.use === 'instruments' && renamed.experiments.map((e) => e.label)).toEqual(['two-points', 'finer grid']);
  });

  it('leaves sampler runs to the Compare view, and refuses mixed kinds or one experiment with a message saying what to tick', () => {
    expect(instrumentSelection(rows, ['toy-unprojected', 'toy-projected'])).toEqual({ use: 'runs' });
    const mixed = instrumentSelection(rows, ['toy-projected', 'd1-forward']);
    expect(mixed).toEqual({ use: 'message', message: 'Compare runs of one kind: 1 sampler run and 1 instrument run are ticked. Untick one kind.' });
    const kinds = instrumentSelection(rows, ['d1-forward', 'd2-forward', 's1-las']);
    expect(kinds).toEqual({ use: 'message', message: 'Compare instrument runs of one kind: dynamics (2 experiments) and schedules (1 experiment) are ticked. Tick runs of one instrument only.' });
    const one = instrumentSelection(rows, ['d1-forward', 'd1-bifurcation']);
    expect(one).toEqual({ use: 'message', message: 'Tick runs of two or more dynamics experiments to compare them: the 2 runs ticked belong to one experiment (“two-points”).' });
  });
});

describe('instrumentsReducer(state, comparison actions)', () => {
  const experiments: ComparedExperiment[] = [{ experimentId: 'e1', label: 'a', colorIndex: 1 }, { experimentId: 'e2', label: 'b', colorIndex: 2 }];
  const loadedOf = (experimentId: string, kind: LoadedInstrument['kind'] = 'dynamics'): LoadedInstrument => ({ experimentId, kind, name: experimentId, config: {}, runs: [] });
  const compared: ComparedInstrument[] = experiments.map((e) => ({ ...e, loaded: loadedOf(e.experimentId) }));
  const fold = (actions: InstrumentsAction[], state: InstrumentsState = initialInstrumentsState) => actions.reduce(instrumentsReducer, state);

  it('comparing shows the kind’s tab loading; its answer fills it; an answer about other experiments is dropped', () => {
    const comparing = fold([{ type: 'instruments/comparing', kind: 'dynamics', experiments }]);
    expect(comparing.tab).toBe('dynamics');
    expect(comparing.comparison).toEqual({ kind: 'dynamics', experiments, loaded: null, error: null });
    expect(instrumentsReducer(comparing, { type: 'instruments/compared', loaded: compared.slice(0, 1) })).toBe(comparing);
    expect(instrumentsReducer(comparing, { type: 'instruments/compareFailed', experimentIds: ['e9'], message: 'x' })).toBe(comparing);
    const shown = instrumentsReducer(comparing, { type: 'instruments/compared', loaded: compared });
    expect(shown.comparison?.loaded).toBe(compared);
    const failed = instrumentsReducer(comparing, { type: 'instruments/compareFailed', experimentIds: ['e1', 'e2'], message: 'the experiment e2 has no runs (purged?)' });
    expect(failed.comparison?.error).toBe('the experiment e2 has no runs (purged?)');
  });

  it('closing, or loading an experiment of the same kind, ends the comparison; another kind’s experiment leaves it', () => {
    const shown = fold([{ type: 'instruments/comparing', kind: 'dynamics', experiments }, { type: 'instruments/compared', loaded: compared }]);
    expect(instrumentsReducer(shown, { type: 'instruments/compareClosed' }).comparison).toBeNull();
    expect(instrumentsReducer(shown, { type: 'instruments/loaded', loaded: loadedOf('e3') }).comparison).toBeNull();
    expect(instrumentsReducer(shown, { type: 'instruments/loaded', loaded: loadedOf('e4', 'schedules') }).comparison).toBe(shown.comparison);
    expect(instrumentsReducer(initialInstrumentsState, { type: 'instruments/compareClosed' })).toBe(initialInstrumentsState);
  });
});
