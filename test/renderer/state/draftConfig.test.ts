import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-shared/experiment/config';
import { PRESET_NAMES, presetConfig } from '../../../src-shared/experiment/presets';
import { builderReducer, dataShape, draftFromConfig, initialBuilderState, type BuilderState, type FieldKey } from '../../../src-renderer/state/builder';
import { draftSchedule, draftToConfig, issueKeyOf } from '../../../src-renderer/state/draftConfig';
import { NO_BLOCK } from '../../../src-renderer/state/labelMaps';
import { gridPartitionState, partitionReducer, type PartitionState } from '../../../src-renderer/state/partition';
import { scheduleTrace } from '../../../src-renderer/state/schedulePlot';

const loaded = (name: (typeof PRESET_NAMES)[number]) => builderReducer(initialBuilderState, { type: 'builder/loaded', config: presetConfig(name), preset: name });
const edit = (state: BuilderState, patch: Partial<Record<FieldKey, string>>) => Object.entries(patch).reduce((s, [key, value]) => builderReducer(s, { type: 'builder/changed', key: key as FieldKey, value: value! }), state);
const toyPartition = gridPartitionState(32, 32, 4, 4);

describe('draftToConfig(builder, partition)', () => {
  it('round-trips every preset: the draft of a preset’s config gives that config back exactly', () => {
    for (const name of PRESET_NAMES) {
      const config = presetConfig(name);
      const shape = dataShape(loaded(name).values)!;
      const spec = config.partition;
      const partition = spec.kind === 'grid' ? gridPartitionState(shape.height, shape.width, spec.rows, spec.cols) : toyPartition;
      const result = draftToConfig(loaded(name), partition);
      expect(result.issues, name).toEqual({});
      expect(result.config, name).toEqual(config);
    }
  });

  it('explains bad inputs inline under their fields: negative proportions, δ out of range, unparsable numbers, a missing name', () => {
    const state = edit(loaded('paper-toy'), {
      'targets.kind': 'proportions', 'targets.values': Array.from({ length: 16 }, (_, k) => (k === 3 ? '-1' : '1')).join(', '),
      'tolerance.deltas': '0.01, 1.5', 'seeds.count': 'many', name: ' ',
    });
    const { config, issues } = draftToConfig(state, toyPartition);
    expect(config).toBeNull();
    expect(issues['targets.values']).toBe('expected a proportion ≥ 0');
    expect(issues['tolerance.deltas']).toBe('expected a number in [0, 1]');
    expect(issues['seeds.count']).toBe('expected a number, got “many”');
    expect(issues.name).toBe('expected a non-empty name');
  });

  it('needs one proportion or bound per block, and feasible bounds (Σ L ≤ 1 ≤ Σ U)', () => {
    const few = draftToConfig(edit(loaded('paper-toy'), { 'targets.kind': 'proportions', 'targets.values': '1, 2, 3' }), toyPartition);
    expect(few.issues['targets.values']).toBe('expected 16 proportions (one per block), got 3');
    const sixteen = (v: number) => new Array(16).fill(v).join(', ');
    const infeasible = draftToConfig(edit(loaded('paper-toy'), { 'tolerance.mode': 'bounds', 'tolerance.lower': sixteen(0.1), 'tolerance.upper': sixteen(0.2) }), toyPartition);
    expect(infeasible.issues['tolerance.lower']).toMatch(/^infeasible: Σ lower = 1\.600 > 1/u);
    const feasible = draftToConfig(edit(loaded('paper-toy'), { 'tolerance.mode': 'bounds', 'tolerance.lower': sixteen(0.05), 'tolerance.upper': sixteen(0.08) }), toyPartition);
    expect(feasible.issues).toEqual({});
    expect(feasible.config?.tolerance).toEqual({ mode: 'bounds', lower: new Array(16).fill(0.05), upper: new Array(16).fill(0.08) });
  });

  it('refuses an empty partition, one with unassigned pixels, and one of another size, naming the problem', () => {
    const empty = partitionReducer(toyPartition, { type: 'partition/cleared' });
    expect(draftToConfig(loaded('paper-toy'), empty).issues.partition).toMatch(/the partition is empty/u);
    const holes: PartitionState = { ...toyPartition, labels: toyPartition.labels.map((k, i) => (i < 5 ? NO_BLOCK : k)) };
    expect(draftToConfig(loaded('paper-toy'), holes).issues.partition).toBe('5 pixels have no block: paint them, or use Fill empty');
    expect(draftToConfig(loaded('paper-toy'), gridPartitionState(16, 16, 4, 4)).issues.partition).toBe('the partition is 16 × 16 but the data are 32 × 32');
  });

  it('a painted partition becomes labels in the config, and GMM data need typed targets', () => {
    const painted = partitionReducer(toyPartition, { type: 'partition/compacted' });
    expect(draftToConfig(loaded('paper-toy'), painted).config?.partition).toEqual({ kind: 'labels', labels: Array.from(toyPartition.labels) });
    const gmm = edit(loaded('gmm-2d'), { 'targets.kind': 'reference' });
    expect(draftToConfig(gmm, gridPartitionState(1, 2, 1, 2)).issues['targets.kind']).toMatch(/no reference image/u);
  });

  it('user images are resized to H × W and need at least two', () => {
    let state = edit(loaded('paper-toy'), { 'data.kind': 'images', 'data.height': '2', 'data.width': '2', 'data.heldOutIndex': '0' });
    const partition = gridPartitionState(2, 2, 1, 2);
    expect(draftToConfig(state, partition).issues['data.images']).toMatch(/at least 2 images/u);
    state = builderReducer(state, { type: 'builder/imagesAdded', images: [{ name: 'a.png', height: 4, width: 4, gray: new Float32Array(16).fill(0.5) }, { name: 'b.png', height: 1, width: 1, gray: Float32Array.of(1) }], errors: [] });
    const { config, issues } = draftToConfig(state, partition);
    expect(issues).toEqual({});
    expect(config?.data).toEqual({ kind: 'images', height: 2, width: 2, images: [[0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1]], heldOutIndex: 0, sources: ['a.png', 'b.png'] });
    expect(config?.denoiser).toEqual({ kind: 'empirical' });
    expect(parseConfig(config)).toEqual(config);
  });

  it('issueKeyOf maps a config path to its field: list entries to the list, denoiser choices to the data family', () => {
    expect(issueKeyOf('tolerance.deltas.1')).toBe('tolerance.deltas');
    expect(issueKeyOf('data.images.3.7')).toBe('data.images');
    expect(issueKeyOf('partition.labels')).toBe('partition');
    expect(issueKeyOf('denoiser.kind')).toBe('data.kind');
    expect(issueKeyOf('nothing.here')).toBeNull();
  });

  it('draftSchedule validates the schedule alone, so the σ plot works while other fields are wrong', () => {
    const state = edit(loaded('paper-toy'), { 'seeds.count': 'x', 'schedule.kind': 'edm', 'schedule.steps': '18' });
    expect(draftSchedule(state.values)).toEqual({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 18 });
    expect(draftSchedule(edit(state, { 'schedule.steps': '0' }).values)).toBeNull();
  });
});

describe('the builder draft', () => {
  it('draftFromConfig writes lists comma separated and keeps defaults for fields the config does not have', () => {
    const values = draftFromConfig(presetConfig('paper-toy'));
    expect(values['tolerance.deltas']).toBe('0.01, 0.005, 0.002');
    expect(values['schedule.sigmaMax']).toBe('80');
    expect(values['data.kind']).toBe('toy-blocks');
  });

  it('an edit marks the draft modified, loading a config clears it; dataShape follows the data family', () => {
    const state = loaded('paper-toy');
    expect(state.modified).toBe(false);
    expect(edit(state, { 'seeds.count': '4' }).modified).toBe(true);
    expect(dataShape(edit(state, { 'data.kind': 'digits' }).values)).toEqual({ height: 28, width: 28 });
    expect(dataShape(edit(state, { 'data.height': '0' }).values)).toBeNull();
  });
});

describe('the builder draft: loss-adaptive schedules and the backend', () => {
  const table = 'sigma,loss\n0.01, 0.0009\n0.1; 0.008\n1 0.09\n10, 0.2\n80, 0.25';

  it('a las schedule from a pasted loss table (header skipped, any separator) becomes the config the engine resolves', () => {
    const state = edit(loaded('paper-toy'), { 'schedule.kind': 'las', 'schedule.steps': '20', 'schedule.lasSource': 'loss', 'schedule.lossTable': table, backend: 'reference' });
    const { config, issues } = draftToConfig(state, toyPartition);
    expect(issues).toEqual({});
    expect(config!.schedule).toEqual(parseConfig({ ...presetConfig('paper-toy'), schedule: {
      kind: 'las', steps: 20, sigmaMin: 0.002, sigmaMax: 80, candidates: 1500, source: { kind: 'loss', table: [[0.01, 0.0009], [0.1, 0.008], [1, 0.09], [10, 0.2], [80, 0.25]] },
    } }).schedule);
    expect(config!.backend).toBe('reference');
    // Back into a draft (as History's "edit config" does): the same fields, the same config.
    const again = builderReducer(initialBuilderState, { type: 'builder/loaded', config: config!, preset: 'paper-toy' });
    expect(again.values['schedule.lossTable']).toBe('0.01, 0.0009\n0.1, 0.008\n1, 0.09\n10, 0.2\n80, 0.25');
    expect(again.values.backend).toBe('reference');
    expect(draftToConfig(again, toyPartition).config).toEqual(config);
  });

  it('explains a bad loss table line, too few lines, and an MMSE source on the toy oracle under the las fields', () => {
    const bad = draftToConfig(edit(loaded('paper-toy'), { 'schedule.kind': 'las', 'schedule.steps': '20', 'schedule.lasSource': 'loss', 'schedule.lossTable': '0.01, 0.001\n0.1, x\n1, 0.1' }), toyPartition);
    expect(bad.issues['schedule.lossTable']).toBe('line 2: expected “noise level, loss”, got “0.1, x”');
    const short = draftToConfig(edit(loaded('paper-toy'), { 'schedule.kind': 'las', 'schedule.steps': '20', 'schedule.lasSource': 'loss', 'schedule.lossTable': '1, 0.1' }), toyPartition);
    expect(short.issues['schedule.lossTable']).toMatch(/^expected at least 2 lines/u);
    const toy = draftToConfig(edit(loaded('paper-toy'), { 'schedule.kind': 'las', 'schedule.steps': '20', 'schedule.lasSource': 'mmse' }), toyPartition);
    expect(toy.config).toBeNull();
    expect(toy.issues['schedule.lasSource']).toMatch(/the mmse source needs data with an exact denoiser/u);
  });

  it('leaves backend out of the config on auto (stored configs keep their hash) and the σ plot explains that las levels come with the run', () => {
    expect(draftToConfig(loaded('paper-toy'), toyPartition).config).not.toHaveProperty('backend');
    const spec = draftSchedule(edit(loaded('gmm-2d'), { 'schedule.kind': 'las', 'schedule.steps': '20', 'schedule.lasSource': 'mmse' }).values)!;
    expect(spec.kind).toBe('las');
    expect(scheduleTrace(spec)).toEqual({ error: expect.stringMatching(/computed when the run starts/u) as unknown as string });
  });
});
