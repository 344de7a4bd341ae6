import { describe, expect, it } from 'vitest';
import { gridLabels } from '../../../src-shared/coarse/partition';
import { blockStats, NO_BLOCK, sameLabels } from '../../../src-renderer/state/labelMaps';
import { gridPartitionState, partitionReducer, partitionSpec, UNDO_LIMIT, type PartitionAction, type PartitionState } from '../../../src-renderer/state/partition';

const fold = (actions: PartitionAction[], state: PartitionState = gridPartitionState(8, 8, 2, 2)) => actions.reduce(partitionReducer, state);

describe('partitionReducer(state, action)', () => {
  it('a grid, Voronoi seeds, a brush stroke and a fill are one undo step each; undo and redo walk back and forth exactly', () => {
    const start = gridPartitionState(8, 8, 2, 2);
    const steps: PartitionAction[] = [
      { type: 'partition/grid', rows: 4, cols: 1 },
      { type: 'partition/seedAdded', at: { x: 1, y: 1 } },
      { type: 'partition/seedAdded', at: { x: 7, y: 7 } },
      { type: 'partition/strokeStarted', at: { x: 0.5, y: 0.5 } },
      { type: 'partition/strokeMoved', at: { x: 7.5, y: 0.5 } },
      { type: 'partition/strokeEnded' },
      { type: 'partition/cleared' },
      { type: 'partition/filled' },
    ];
    const states = [start];
    for (const a of steps) states.push(partitionReducer(states.at(-1)!, a));
    const end = states.at(-1)!;
    expect(end.past).toHaveLength(6); // grid, 2 seeds, 1 stroke, clear, fill
    let s = end;
    const committed = [0, 1, 2, 3, 6, 7].map((i) => states[i]!);
    for (let k = committed.length - 1; k >= 0; k--) {
      s = partitionReducer(s, { type: 'partition/undo' });
      expect(sameLabels(s.labels, committed[k]!.labels), `undo to step ${k}`).toBe(true);
    }
    expect(partitionReducer(s, { type: 'partition/undo' })).toBe(s);
    for (let k = 0; k < 6; k++) s = partitionReducer(s, { type: 'partition/redo' });
    expect(sameLabels(s.labels, end.labels)).toBe(true);
    expect(s.future).toHaveLength(0);
  });

  it('a brush stroke paints a continuous line across the image however far the pointer jumps', () => {
    const s = fold([
      { type: 'partition/brush', block: 5, size: 1 },
      { type: 'partition/strokeStarted', at: { x: 0.5, y: 3.5 } },
      { type: 'partition/strokeMoved', at: { x: 7.5, y: 3.5 } },
    ]);
    expect(Array.from(s.labels.subarray(24, 32))).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(s.source).toEqual({ kind: 'painted' });
  });

  it('Voronoi seeds accumulate, one block per seed; a new grid drops them', () => {
    const s = fold([{ type: 'partition/seedAdded', at: { x: 2, y: 2 } }, { type: 'partition/seedAdded', at: { x: 6, y: 6 } }, { type: 'partition/seedAdded', at: { x: 6, y: 2 } }]);
    expect(blockStats(s.labels).blockCount).toBe(3);
    expect(s.source.kind === 'voronoi' && s.source.seeds.length).toBe(3);
    expect(partitionReducer(s, { type: 'partition/grid', rows: 1, cols: 2 }).source).toEqual({ kind: 'grid', rows: 1, cols: 2 });
  });

  it('an out-of-range grid is ignored; clear leaves every pixel unassigned', () => {
    const s = gridPartitionState(8, 8, 2, 2);
    expect(partitionReducer(s, { type: 'partition/grid', rows: 9, cols: 1 })).toBe(s);
    expect(Array.from(new Set(partitionReducer(s, { type: 'partition/cleared' }).labels))).toEqual([NO_BLOCK]);
  });

  it('a resize regrids a grid, rescales Voronoi seeds, resamples a painted map, and clears the history', () => {
    const grid = partitionReducer(gridPartitionState(8, 8, 2, 2), { type: 'partition/sized', height: 16, width: 12 });
    expect(sameLabels(grid.labels, gridLabels(16, 12, 2, 2))).toBe(true);
    const voronoi = fold([{ type: 'partition/seedAdded', at: { x: 2, y: 2 } }, { type: 'partition/seedAdded', at: { x: 6, y: 6 } }, { type: 'partition/sized', height: 16, width: 16 }]);
    expect(voronoi.source.kind === 'voronoi' && voronoi.source.seeds).toEqual([{ x: 4, y: 4 }, { x: 12, y: 12 }]);
    expect(voronoi.past).toHaveLength(0);
    const painted = fold([{ type: 'partition/cleared' }, { type: 'partition/filled' }, { type: 'partition/sized', height: 4, width: 4 }]);
    expect(painted.labels).toHaveLength(16);
  });

  it('replaced (an import or a library load) resamples a map of another size and is one undo step', () => {
    const s = partitionReducer(gridPartitionState(8, 8, 2, 2), { type: 'partition/replaced', labels: Int32Array.of(0, 1, 2, 3), height: 2, width: 2, source: { kind: 'imported', name: 'map.png' } });
    expect(sameLabels(s.labels, gridLabels(8, 8, 2, 2))).toBe(true);
    expect(s.past).toHaveLength(1);
    expect(partitionSpec(s)).toEqual({ kind: 'labels', labels: Array.from(gridLabels(8, 8, 2, 2)), name: 'map.png' });
  });

  it(`keeps at most ${UNDO_LIMIT} undo steps`, () => {
    let s = gridPartitionState(8, 8, 2, 2);
    for (let k = 0; k < UNDO_LIMIT + 20; k++) s = partitionReducer(s, { type: 'partition/grid', rows: 1 + (k % 8), cols: 1 });
    expect(s.past).toHaveLength(UNDO_LIMIT);
  });

  it('partitionSpec is { kind: grid } for an untouched grid and the labels otherwise', () => {
    expect(partitionSpec(gridPartitionState(4, 4, 2, 2))).toEqual({ kind: 'grid', rows: 2, cols: 2 });
    expect(partitionSpec(fold([{ type: 'partition/compacted' }])).kind).toBe('labels');
  });
});
