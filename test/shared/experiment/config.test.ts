import { describe, expect, it } from 'vitest';
import { InvalidConfigError, parseConfig, safeParseConfig } from '../../../src-shared/experiment/config';
import { PRESET_NAMES, presetConfig } from '../../../src-shared/experiment/presets';
import { imagesTrainingSet, resolvePlan } from '../../../src-shared/experiment/plan';
import { variantsOf } from '../../../src-shared/experiment/variants';

const minimal = {
  data: { kind: 'toy-blocks' },
  partition: { kind: 'grid', rows: 4, cols: 4 },
  tolerance: { mode: 'absolute', deltas: [0.01] },
  denoiser: { kind: 'toy-oracle' },
  sampler: { name: 'ddpm' },
  schedule: { kind: 'linear-beta', steps: 1000 },
};

describe('parseConfig(input)', () => {
  it('fills every [ASSUMED] default of coarse-kl.md §5', () => {
    const c = parseConfig(minimal);
    expect(c.data).toEqual({ kind: 'toy-blocks', height: 32, width: 32, valueMin: 0.1, valueMax: 0.9, dataSeed: 1000 });
    expect(c.denoiser).toEqual({ kind: 'toy-oracle', blurSigma: 1, noiseStd: 0.05 });
    expect(c.schedule).toEqual({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 1000 });
    expect(c.projection).toEqual({ on: 'state', projectFinal: true });
    expect(c.massMode).toBe('clip');
    expect(c.recordEvery).toBe(10);
  });

  it('names the field and the reason of every problem', () => {
    const r = safeParseConfig({ ...minimal, tolerance: { mode: 'absolute', deltas: [0.01, 2] }, schedule: { kind: 'linear-beta', steps: 0 }, seeds: { start: 0, count: 'many' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(expect.arrayContaining([
      { path: 'tolerance.deltas.1', message: 'expected a number in [0, 1]' },
      { path: 'schedule.steps', message: 'expected an integer ≥ 1' },
      expect.objectContaining({ path: 'seeds.count' }),
    ]));
    expect(() => parseConfig({ ...minimal, sampler: { name: 'dpm++' } })).toThrow(InvalidConfigError);
    expect(() => parseConfig({ ...minimal, sampler: { name: 'dpm++' } })).toThrow(/sampler\.name/);
  });

  it('rejects combinations that cannot run, with the reason', () => {
    expect(() => parseConfig({ ...minimal, data: { kind: 'toy-blocks', valueMin: 0.8, valueMax: 0.2 } })).toThrow(/data\.valueMin: expected valueMin ≤ valueMax/);
    expect(() => parseConfig({ ...minimal, data: { kind: 'digits' } })).toThrow(/denoiser\.kind: the toy oracle needs toy-blocks data/);
    expect(() => parseConfig({ ...minimal, tolerance: { mode: 'bounds', lower: [0, 0], upper: [1] } })).toThrow(/tolerance\.upper: expected as many upper bounds/);
    expect(() => parseConfig({ ...minimal, targets: { kind: 'proportions', values: [0, 0] } })).toThrow(/positive sum/);
    expect(() => parseConfig({ ...minimal, targets: { kind: 'proportions', values: [-1, 2] } })).toThrow(/targets\.values\.0: expected a proportion ≥ 0/);
  });
});

describe('presets', () => {
  it('paper-toy is the table of coarse-kl.md §5 exactly', () => {
    const c = presetConfig('paper-toy');
    expect(c.tolerance).toEqual({ mode: 'absolute', deltas: [0.01, 0.005, 0.002] });
    expect(c.seeds).toEqual({ start: 0, count: 64 });
    expect(c.includeUnprojected).toBe(true);
    expect(c.partition).toEqual({ kind: 'grid', rows: 4, cols: 4 });
    expect(variantsOf(c).map((v) => v.id)).toEqual(['unprojected', 'delta=0.01', 'delta=0.005', 'delta=0.002']);
    expect(variantsOf(c).map((v) => v.deltaTol)).toEqual([null, 0.01, 0.005, 0.002]);
  });

  it('every preset validates, and an unknown name lists the known ones', () => {
    for (const name of PRESET_NAMES) expect(presetConfig(name).preset).toBe(name);
    expect(() => presetConfig('paper')).toThrow(/expected one of paper-toy, digits, gmm-2d/);
  });
});

describe('the user-images data kind', () => {
  // Three 2 × 2 images: two dark, one bright; the bright one is held out as the reference.
  const images = [[0, 0, 0, 0.2], [0.1, 0, 0, 0], [1, 0.5, 0.5, 1]];
  const imagesConfig = { ...minimal, data: { kind: 'images', height: 2, width: 2, images, heldOutIndex: 2 }, partition: { kind: 'grid', rows: 1, cols: 2 }, denoiser: { kind: 'empirical' } };

  it('parseConfig accepts images with the empirical denoiser and keeps them as given', () => {
    const c = parseConfig(imagesConfig);
    expect(c.data).toEqual({ kind: 'images', height: 2, width: 2, images, heldOutIndex: 2 });
  });

  it('parseConfig names a wrong image size, a held-out index out of range, too few images and pixels outside [0, 1]', () => {
    const issues = (data: object) => {
      const r = safeParseConfig({ ...imagesConfig, data: { ...imagesConfig.data, ...data } });
      return r.ok ? [] : r.issues;
    };
    expect(issues({ images: [[0, 0, 0, 0], [0, 0, 0]], heldOutIndex: 0 })).toEqual([{ path: 'data.images.1', message: 'expected 4 = height × width pixels, got 3' }]);
    expect(issues({ heldOutIndex: 3 })).toEqual([{ path: 'data.heldOutIndex', message: 'expected an image index in [0, 3), got 3' }]);
    expect(issues({ images: [[0, 0, 0, 0]], heldOutIndex: 0 })).toEqual([{ path: 'data.images', message: 'expected at least 2 images (one is held out as the reference)' }]);
    expect(issues({ images: [[0, 0, 0, 1.5], [0, 0, 0, 0]], heldOutIndex: 0 })).toEqual([{ path: 'data.images.0.3', message: 'expected a number in [0, 1]' }]);
    expect(() => parseConfig({ ...imagesConfig, denoiser: { kind: 'toy-oracle' } })).toThrow(/the toy oracle needs toy-blocks data, got images/);
  });

  it('imagesTrainingSet(images, k) holds image k out as the reference and stacks the others in order', () => {
    const split = imagesTrainingSet(images, 1);
    expect(Array.from(split.reference)).toEqual(images[1]);
    expect(Array.from(split.train)).toEqual([...images[0]!, ...images[2]!]);
    expect(split.count).toBe(2);
  });

  it('resolvePlan(config) takes the held-out image as the reference and its block masses as the targets', () => {
    const plan = resolvePlan(parseConfig(imagesConfig));
    const setup = plan.sampleSetup(0, 0);
    expect(Array.from(setup.reference!)).toEqual(images[2]);
    // Blocks: left column (pixels 0 and 2) and right column (1 and 3): masses (1 + 0.5)/3 and (0.5 + 1)/3.
    expect(Array.from(setup.targets)).toEqual([0.5, 0.5]);
    // The empirical denoiser at a tiny σ returns the nearest training image (not the held-out one).
    const ctx = { step: 0, evaluation: 0, noise: { normal: () => new Float64Array(4) } };
    expect(Array.from(setup.denoiser.denoise(Float64Array.of(0.1, 0, 0, 0), 1e-3, ctx))).toEqual(images[1]);
  });
});
