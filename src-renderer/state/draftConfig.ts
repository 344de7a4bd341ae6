import { safeParseConfig, ScheduleSpecSchema, type ExperimentConfig, type ScheduleConfig } from '../../src-shared/experiment/config';
import { dataShape, FIELD_KEYS, type BuilderState, type DraftValues, type FieldKey } from './builder';
import { resizeGray } from './grayImages';
import { blockStats, partitionProblem } from './labelMaps';
import { partitionSpec, type PartitionState } from './partition';

/** Where an issue is shown: a field of the draft, the images list, or the partition designer. */
export type IssueKey = FieldKey | 'data.images' | 'partition';

/** The draft as a config, or every reason it is not one (one message per field). */
export interface DraftResult {
  readonly config: ExperimentConfig | null;
  readonly issues: Readonly<Partial<Record<IssueKey, string>>>;
}

type Issues = Partial<Record<IssueKey, string>>;

const ISSUE_KEYS: readonly IssueKey[] = [...FIELD_KEYS, 'data.images', 'partition'];

/** The field a config path belongs to: the longest key that is a prefix of it ('tolerance.deltas.1' → 'tolerance.deltas'). */
export function issueKeyOf(path: string): IssueKey | null {
  if (path.startsWith('schedule.source.table')) return 'schedule.lossTable';
  if (path.startsWith('schedule.source')) return 'schedule.lasSource';
  let best: IssueKey | null = null;
  for (const key of ISSUE_KEYS) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === null || key.length > best.length)) best = key;
  }
  if (best === null && path.startsWith('denoiser')) return 'data.kind';
  return best;
}

/** Reads number fields, recording a message for each that does not parse. */
function reader(values: DraftValues, issues: Issues) {
  const number = (key: FieldKey): number => {
    const text = values[key].trim();
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) issues[key] ??= text === '' ? 'expected a number' : `expected a number, got “${text}”`;
    return value;
  };
  const numbers = (key: FieldKey): number[] => {
    const parts = values[key].split(/[\s,;]+/u).filter((p) => p !== '');
    const bad = parts.find((p) => !Number.isFinite(Number(p)));
    if (parts.length === 0) issues[key] ??= 'expected one or more numbers, separated by commas';
    else if (bad !== undefined) issues[key] ??= `expected numbers separated by commas, got “${bad}”`;
    return parts.map(Number);
  };
  return { number, numbers, bool: (key: FieldKey) => values[key] === 'true' };
}

function dataInput(state: BuilderState, issues: Issues): object {
  const v = state.values;
  const { number } = reader(v, issues);
  switch (v['data.kind']) {
    case 'digits':
      return { kind: 'digits', trainCount: number('data.trainCount'), heldOutIndex: number('data.heldOutIndex') };
    case 'gmm': {
      let components: unknown = [];
      try {
        components = JSON.parse(v['data.components']);
      } catch {
        issues['data.components'] = 'expected JSON: a list of { "weight", "mean": [..], "std" }';
      }
      return { kind: 'gmm', height: number('data.height'), width: number('data.width'), components };
    }
    case 'images': {
      const height = number('data.height'), width = number('data.width');
      const sized = Number.isInteger(height) && Number.isInteger(width) && height >= 1 && width >= 1 && height <= 512 && width <= 512;
      const images = sized ? state.images.map((im) => resizeGray(im.gray, im.height, im.width, height, width)) : [];
      return { kind: 'images', height, width, images, heldOutIndex: number('data.heldOutIndex'), sources: state.images.map((im) => im.name) };
    }
    default:
      return { kind: 'toy-blocks', height: number('data.height'), width: number('data.width'), valueMin: number('data.valueMin'), valueMax: number('data.valueMax'), dataSeed: number('data.dataSeed') };
  }
}

/**
 * A loss table typed or pasted as “level, loss” lines (commas, semicolons or spaces; a header line
 * such as “sigma,loss” is skipped), recording a message naming the first bad line.
 */
function lossTable(text: string, issues: Issues): [number, number][] {
  const rows: [number, number][] = [];
  const lines = text.split(/\r?\n/u).map((line) => line.trim()).filter((line) => line !== '');
  lines.forEach((line, i) => {
    const parts = line.split(/[\s,;]+/u);
    const values = parts.map(Number);
    if (parts.length === 2 && values.every(Number.isFinite)) rows.push([values[0]!, values[1]!]);
    else if (!(i === 0 && !Number.isFinite(values[0]!))) issues['schedule.lossTable'] ??= `line ${i + 1}: expected “noise level, loss”, got “${line}”`;
  });
  if (rows.length < 2) issues['schedule.lossTable'] ??= 'expected at least 2 lines “noise level, loss” (σ and the x₀-MSE of a training log)';
  return rows;
}

function scheduleInput(v: DraftValues, issues: Issues): object {
  const { number, numbers, bool } = reader(v, issues);
  switch (v['schedule.kind']) {
    case 'cosine':
      return { kind: 'cosine', T: number('schedule.T'), s: number('schedule.s'), steps: number('schedule.steps') };
    case 'edm':
      return { kind: 'edm', sigmaMin: number('schedule.sigmaMin'), sigmaMax: number('schedule.sigmaMax'), rho: number('schedule.rho'), steps: number('schedule.steps') };
    case 'log-snr':
      return { kind: 'log-snr', sigmaMin: number('schedule.sigmaMin'), sigmaMax: number('schedule.sigmaMax'), steps: number('schedule.steps'), variancePreserving: bool('schedule.variancePreserving') };
    case 'custom':
      return { kind: 'custom', sigmas: numbers('schedule.sigmas'), variancePreserving: bool('schedule.variancePreserving') };
    case 'las':
      return {
        kind: 'las', steps: number('schedule.steps'), sigmaMin: number('schedule.sigmaMin'), sigmaMax: number('schedule.sigmaMax'), candidates: number('schedule.candidates'),
        source: v['schedule.lasSource'] === 'loss' ? { kind: 'loss', table: lossTable(v['schedule.lossTable'], issues) } : { kind: 'mmse' },
      };
    default:
      return { kind: 'linear-beta', T: number('schedule.T'), betaStart: number('schedule.betaStart'), betaEnd: number('schedule.betaEnd'), steps: number('schedule.steps') };
  }
}

/** The denoiser each data kind runs with (the config allows exactly one per kind). */
export const DENOISER_OF_DATA = { 'toy-blocks': 'toy-oracle', digits: 'empirical', images: 'empirical', gmm: 'gmm' } as const;

/** The config object the draft describes (numbers parsed; not yet validated). */
function configInput(state: BuilderState, partition: PartitionState, issues: Issues): Record<string, unknown> {
  const v = state.values;
  const { number, numbers, bool } = reader(v, issues);
  const dataKind = v['data.kind'] as keyof typeof DENOISER_OF_DATA;
  const denoiserKind = DENOISER_OF_DATA[dataKind] ?? 'toy-oracle';
  const mode = v['tolerance.mode'];
  return {
    version: 1,
    name: v.name.trim(),
    ...(state.preset === '' ? {} : { preset: state.preset }),
    data: dataInput(state, issues),
    partition: partitionSpec(partition),
    targets: v['targets.kind'] === 'proportions' ? { kind: 'proportions', values: numbers('targets.values') } : { kind: 'reference' },
    tolerance: mode === 'bounds' ? { mode, lower: numbers('tolerance.lower'), upper: numbers('tolerance.upper') } : { mode, deltas: numbers('tolerance.deltas') },
    massMode: v.massMode,
    denoiser: denoiserKind === 'toy-oracle' ? { kind: denoiserKind, blurSigma: number('denoiser.blurSigma'), noiseStd: number('denoiser.noiseStd') } : { kind: denoiserKind },
    sampler: v['sampler.name'] === 'ddim' ? { name: 'ddim', eta: number('sampler.eta') } : { name: v['sampler.name'] },
    schedule: scheduleInput(v, issues),
    projection: { on: v['projection.on'], projectFinal: bool('projection.projectFinal') },
    includeUnprojected: bool('includeUnprojected'),
    seeds: { start: number('seeds.start'), count: number('seeds.count') },
    batch: number('batch'),
    recordEvery: number('recordEvery'),
    frames: { count: number('frames.count'), seeds: number('frames.seeds') },
    ...(v.backend === 'auto' ? {} : { backend: v.backend }),
  };
}

/** Checks that need the partition (K, H × W): what resolvePlan would refuse at run time. */
function planIssues(config: ExperimentConfig, partition: PartitionState, state: BuilderState, issues: Issues): void {
  const shape = dataShape(state.values);
  if (shape !== null && (shape.height !== partition.height || shape.width !== partition.width)) {
    issues.partition ??= `the partition is ${partition.height} × ${partition.width} but the data are ${shape.height} × ${shape.width}`;
  }
  const problem = partitionProblem(partition.labels);
  if (problem !== null) issues.partition ??= problem;
  const K = blockStats(partition.labels).blockCount;
  const perBlock = (key: FieldKey, values: readonly number[], what: string) => {
    if (values.length !== K) issues[key] ??= `expected ${K} ${what} (one per block), got ${values.length}`;
  };
  if (config.targets.kind === 'proportions') perBlock('targets.values', config.targets.values, 'proportions');
  else if (config.data.kind === 'gmm') issues['targets.kind'] ??= 'Gaussian-mixture data have no reference image: type the targets as proportions';
  const tolerance = config.tolerance;
  if (tolerance.mode === 'bounds') {
    perBlock('tolerance.lower', tolerance.lower, 'lower bounds');
    perBlock('tolerance.upper', tolerance.upper, 'upper bounds');
    const k = tolerance.lower.findIndex((l, i) => l > (tolerance.upper[i] ?? Infinity));
    if (k >= 0) issues['tolerance.upper'] ??= `block ${k}: expected lower ≤ upper, got ${tolerance.lower[k]} > ${tolerance.upper[k]}`;
    const sumLower = tolerance.lower.reduce((a, b) => a + b, 0), sumUpper = tolerance.upper.reduce((a, b) => a + b, 0);
    if (sumLower > 1) issues['tolerance.lower'] ??= `infeasible: Σ lower = ${sumLower.toPrecision(4)} > 1 (no mass vector fits)`;
    if (sumUpper < 1) issues['tolerance.upper'] ??= `infeasible: Σ upper = ${sumUpper.toPrecision(4)} < 1 (no mass vector fits)`;
  }
  if (config.data.kind === 'images' && state.images.length < 2) issues['data.images'] ??= 'add at least 2 images (one is held out as the reference)';
}

/**
 * The builder's draft and the designer's partition as a validated config, or every reason it is
 * not one, keyed by the field to show it under: unparsable numbers first, then the config schema's
 * issues (the same zod schema main validates with), then what the run would refuse (K proportions,
 * the partition's size and empty blocks, infeasible bounds).
 *
 * @example
 * draftToConfig(builderWith({ 'tolerance.deltas': '-0.1' }), partition).issues['tolerance.deltas'] // → 'expected a number in [0, 1]'
 */
export function draftToConfig(state: BuilderState, partition: PartitionState): DraftResult {
  const issues: Issues = {};
  const input = configInput(state, partition, issues);
  const parsed = safeParseConfig(input);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const key = issueKeyOf(issue.path);
      if (key !== null) issues[key] ??= issue.message;
      else issues.name ??= `${issue.path || 'config'}: ${issue.message}`;
    }
    return { config: null, issues };
  }
  planIssues(parsed.config, partition, state, issues);
  return Object.keys(issues).length === 0 ? { config: parsed.config, issues } : { config: null, issues };
}

/**
 * The draft's schedule alone (for the σ plot while other fields are still being fixed), or null
 * when its fields do not validate.
 *
 * @example
 * draftSchedule({ ...values, 'schedule.kind': 'edm', 'schedule.steps': '18' })?.kind // → 'edm'
 */
export function draftSchedule(values: DraftValues): ScheduleConfig | null {
  const parsed = ScheduleSpecSchema.safeParse(scheduleInput(values, {}));
  return parsed.success ? parsed.data : null;
}
