import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { DatasetSampleData, PresetInfoData } from '../../src-shared/ipc/contract';

/**
 * The experiment builder's draft: every field as the text the user typed (so "0." or an empty box
 * survives until it is fixed), keyed by its path in the config. draftConfig.ts turns it into a
 * config and explains every invalid field.
 */
export const FIELD_KEYS = [
  'name',
  'data.kind', 'data.height', 'data.width', 'data.valueMin', 'data.valueMax', 'data.dataSeed', 'data.trainCount', 'data.heldOutIndex', 'data.components',
  'targets.kind', 'targets.values',
  'tolerance.mode', 'tolerance.deltas', 'tolerance.lower', 'tolerance.upper',
  'massMode', 'denoiser.blurSigma', 'denoiser.noiseStd',
  'sampler.name', 'sampler.eta',
  'schedule.kind', 'schedule.T', 'schedule.betaStart', 'schedule.betaEnd', 'schedule.s', 'schedule.sigmaMin', 'schedule.sigmaMax', 'schedule.rho', 'schedule.steps',
  'schedule.variancePreserving', 'schedule.sigmas', 'schedule.lasSource', 'schedule.lossTable', 'schedule.candidates',
  'projection.on', 'projection.projectFinal', 'includeUnprojected',
  'seeds.start', 'seeds.count', 'batch', 'recordEvery', 'frames.count', 'frames.seeds', 'backend',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];
export type DraftValues = Readonly<Record<FieldKey, string>>;

/** One of the user's images: its file name and its grayscale pixels in [0, 1] at a bounded native size. */
export interface UserImage {
  readonly name: string;
  readonly height: number;
  readonly width: number;
  readonly gray: Float32Array;
}

export interface BuilderState {
  readonly values: DraftValues;
  readonly images: readonly UserImage[];
  /** Files that could not be read, with why (shown until the next import). */
  readonly imageErrors: readonly string[];
  /** The preset the draft started from ('' for a stored run's config); kept in the config as its origin. */
  readonly preset: string;
  /** Whether a field was edited since the preset or config was loaded. */
  readonly modified: boolean;
  readonly presets: readonly PresetInfoData[];
  /** The dataset image shown behind the partition (digits: fetched with data:sample), or null. */
  readonly sample: DatasetSampleData | null;
}

export type BuilderAction =
  | { readonly type: 'builder/presets'; readonly presets: readonly PresetInfoData[] }
  | { readonly type: 'builder/loaded'; readonly config: ExperimentConfig; readonly preset: string }
  | { readonly type: 'builder/changed'; readonly key: FieldKey; readonly value: string }
  | { readonly type: 'builder/imagesAdded'; readonly images: readonly UserImage[]; readonly errors: readonly string[] }
  | { readonly type: 'builder/imageRemoved'; readonly index: number }
  | { readonly type: 'builder/sample'; readonly sample: DatasetSampleData | null };

/** Defaults for fields a loaded config does not mention (another data kind, schedule or sampler). */
const DEFAULTS: DraftValues = {
  name: 'experiment',
  'data.kind': 'toy-blocks', 'data.height': '32', 'data.width': '32', 'data.valueMin': '0.1', 'data.valueMax': '0.9', 'data.dataSeed': '1000',
  'data.trainCount': '9999', 'data.heldOutIndex': '9999', 'data.components': '[]',
  'targets.kind': 'reference', 'targets.values': '',
  'tolerance.mode': 'absolute', 'tolerance.deltas': '0.01', 'tolerance.lower': '', 'tolerance.upper': '',
  massMode: 'clip', 'denoiser.blurSigma': '1', 'denoiser.noiseStd': '0.05',
  'sampler.name': 'ddpm', 'sampler.eta': '0',
  'schedule.kind': 'linear-beta', 'schedule.T': '1000', 'schedule.betaStart': '0.0001', 'schedule.betaEnd': '0.02', 'schedule.s': '0.008',
  'schedule.sigmaMin': '0.002', 'schedule.sigmaMax': '80', 'schedule.rho': '7', 'schedule.steps': '1000', 'schedule.variancePreserving': 'false', 'schedule.sigmas': '',
  'schedule.lasSource': 'mmse', 'schedule.lossTable': '', 'schedule.candidates': '1500',
  'projection.on': 'state', 'projection.projectFinal': 'true', includeUnprojected: 'true',
  'seeds.start': '0', 'seeds.count': '64', batch: '1', recordEvery: '10', 'frames.count': '10', 'frames.seeds': '4', backend: 'auto',
};

export const initialBuilderState: BuilderState = { values: DEFAULTS, images: [], imageErrors: [], preset: '', modified: false, presets: [], sample: null };

const list = (xs: readonly number[]) => xs.join(', ');

/**
 * The draft of a validated config: every field the config sets, as text; the rest keep `base`.
 *
 * @example
 * draftFromConfig(presetConfig('paper-toy'))['tolerance.deltas'] // → '0.01, 0.005, 0.002'
 */
export function draftFromConfig(config: ExperimentConfig, base: DraftValues = DEFAULTS): DraftValues {
  const v: Record<string, string> = { ...base, name: config.name, massMode: config.massMode };
  const set = (prefix: string, object: object) => {
    for (const [key, value] of Object.entries(object)) {
      const path = `${prefix}.${key}`;
      if (!(FIELD_KEYS as readonly string[]).includes(path)) continue;
      v[path] = Array.isArray(value) ? (path === 'data.components' ? JSON.stringify(value) : list(value as number[])) : String(value);
    }
  };
  set('data', config.data);
  set('targets', config.targets);
  set('tolerance', config.tolerance);
  set('sampler', config.sampler);
  set('schedule', config.schedule);
  set('projection', config.projection);
  set('seeds', config.seeds);
  set('frames', config.frames);
  if (config.denoiser.kind === 'toy-oracle') set('denoiser', config.denoiser);
  if (config.targets.kind === 'reference') v['targets.values'] = base['targets.values'];
  if (config.schedule.kind === 'las') {
    const { source } = config.schedule;
    v['schedule.lasSource'] = source.kind;
    if (source.kind === 'loss') v['schedule.lossTable'] = source.table.map((row) => row.join(', ')).join('\n');
    // The resolved levels are the run's record; the draft recomputes them from the source.
    v['schedule.sigmas'] = base['schedule.sigmas'];
  }
  v['backend'] = config.backend ?? 'auto';
  v['includeUnprojected'] = String(config.includeUnprojected);
  v['batch'] = String(config.batch);
  v['recordEvery'] = String(config.recordEvery);
  return v as DraftValues;
}

/** The user's images of an `images` config, back as UserImages at the config's size. */
function imagesOfConfig(config: ExperimentConfig): UserImage[] {
  if (config.data.kind !== 'images') return [];
  const { height, width, sources } = config.data;
  return config.data.images.map((pixels, i) => ({ name: sources?.[i] ?? `image ${i + 1}`, height, width, gray: Float32Array.from(pixels) }));
}

/**
 * Builder transitions: pure. Loading a config (a preset, or a stored run's config to duplicate or
 * re-run) replaces the draft; a change edits one field.
 *
 * @example
 * builderReducer(initialBuilderState, { type: 'builder/changed', key: 'seeds.count', value: '4' }).values['seeds.count'] // → '4'
 */
export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'builder/presets':
      return { ...state, presets: action.presets };
    case 'builder/loaded':
      return { ...state, values: draftFromConfig(action.config), images: imagesOfConfig(action.config), imageErrors: [], preset: action.preset, modified: false };
    case 'builder/changed':
      if (state.values[action.key] === action.value) return state;
      return { ...state, values: { ...state.values, [action.key]: action.value }, modified: true };
    case 'builder/imagesAdded':
      return { ...state, images: [...state.images, ...action.images], imageErrors: action.errors };
    case 'builder/imageRemoved':
      return { ...state, images: state.images.filter((_, i) => i !== action.index), imageErrors: [] };
    case 'builder/sample':
      return { ...state, sample: action.sample };
  }
}

/**
 * The H × W the data have (digits are 28 × 28), or null while the size fields are not integers ≥ 1.
 *
 * @example
 * dataShape({ ...initialBuilderState.values, 'data.kind': 'digits' }) // → { height: 28, width: 28 }
 */
export function dataShape(values: DraftValues): { height: number; width: number } | null {
  if (values['data.kind'] === 'digits') return { height: 28, width: 28 };
  const height = Number(values['data.height']), width = Number(values['data.width']);
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1 || height > 512 || width > 512) return null;
  return { height, width };
}
