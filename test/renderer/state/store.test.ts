import { describe, expect, it } from 'vitest';
import { gridLabels } from '../../../src-shared/coarse/partition';
import { presetConfig } from '../../../src-shared/experiment/presets';
import type { StepSeriesData } from '../../../src-shared/ipc/contract';
import { compareFigure, liveFigure, LIVE_METRICS, scheduleFigure } from '../../../src-renderer/state/figures';
import { sameLabels } from '../../../src-renderer/state/labelMaps';
import { initialLabState, labReducer, type LabAction } from '../../../src-renderer/state/store';

const fold = (actions: LabAction[]) => actions.reduce(labReducer, initialLabState);

describe('labReducer: the builder moves the partition with the data', () => {
  it('loading a preset sets its grid at the data’s size; changing H × W regrids it', () => {
    const digits = fold([{ type: 'builder/loaded', config: presetConfig('digits'), preset: 'digits' }]);
    expect([digits.partition.height, digits.partition.width]).toEqual([28, 28]);
    expect(sameLabels(digits.partition.labels, gridLabels(28, 28, 4, 4))).toBe(true);
    const toy = fold([{ type: 'builder/loaded', config: presetConfig('paper-toy'), preset: 'paper-toy' }, { type: 'builder/changed', key: 'data.height', value: '16' }]);
    expect(sameLabels(toy.partition.labels, gridLabels(16, 32, 4, 4))).toBe(true);
    // While a size field does not parse, the partition stays as it was.
    const typing = labReducer(toy, { type: 'builder/changed', key: 'data.width', value: '' });
    expect(typing.partition).toBe(toy.partition);
  });

  it('a loaded config with labels gives the designer those labels, without undo history', () => {
    const labels = Array.from({ length: 16 }, (_, i) => (i < 8 ? 0 : 1));
    const config = { ...presetConfig('paper-toy'), data: { ...presetConfig('paper-toy').data, height: 4, width: 4 }, partition: { kind: 'labels' as const, labels, name: 'halves' } };
    const state = fold([{ type: 'builder/loaded', config, preset: '' }]);
    expect(Array.from(state.partition.labels)).toEqual(labels);
    expect(state.partition.source).toEqual({ kind: 'imported', name: 'halves' });
    expect(state.partition.past).toHaveLength(0);
  });
});

describe('figure specs of the views', () => {
  const series = (runId: string, eInf: number[]) => ({ runId, length: eInf.length, seed: eInf.map(() => 0), step: eInf.map((_, i) => 10 * i + 9), eInf, e1: eInf, vNats: eInf, vDeltaNats: eInf, vDeltaCoarseNats: eInf, projCostNats: eInf, displacement: eInf, mse: eInf, psnr: eInf, sigma: eInf }) as StepSeriesData;

  it('liveFigure has one panel per live metric with one series per run that has steps', () => {
    const live = { ...initialLabState.live, experimentId: 'e', runIds: ['a', 'b'], variants: ['unprojected', 'delta=0.01'], series: { a: series('a', [0.3, 0.2]) } };
    const spec = liveFigure(live, 'toy');
    expect(spec.panels).toHaveLength(LIVE_METRICS.length);
    expect(spec.runIds).toEqual(['a', 'b']);
    const first = spec.panels[0]!;
    expect(first.kind === 'trace' && first.series.map((s) => [s.name, s.colorIndex, s.points])).toEqual([['unprojected', 0, [{ x: 10, y: 0.3 }, { x: 20, y: 0.2 }]]]);
  });

  it('compareFigure gives the overlay, the heatmap, or both; scheduleFigure shows no run', () => {
    const record = (id: string, variant: string) => ({ id, variant, experimentId: 'e', experiment: 'toy', created: 0 }) as never;
    const blocks = { runId: 'p', steps: [9, 19], lower: [0.4], upper: [0.6], masses: [[0.5], [0.7]] } as never;
    const runs = [{ record: record('b', 'unprojected'), series: series('b', [0.1]), finals: null, blocks: null, frames: [] }, { record: record('p', 'delta=0.01'), series: series('p', [0.05]), finals: null, blocks, frames: [] }];
    const colors = new Map([['b', 0], ['p', 3]]);
    const both = compareFigure(runs, colors, { metric: 'eInf', heatRun: runs[1], include: 'both' });
    expect(both.panels.map((p) => p.kind)).toEqual(['trace', 'heatmap']);
    const heat = both.panels[1]!;
    expect(heat.kind === 'heatmap' && [heat.xs, heat.values.map((r) => r.map((v) => Number(v.toFixed(12))))]).toEqual([[10, 20], [[0], [0.1]]]);
    expect(compareFigure(runs, colors, { metric: 'eInf', heatRun: runs[1], include: 'heatmap' }).runIds).toEqual(['p']);
    expect(scheduleFigure({ sigma: [{ x: 0, y: 1 }], logSnr: [{ x: 0, y: 0 }], variancePreserving: true, steps: 1 }, 'cosine').runIds).toEqual([]);
  });
});
