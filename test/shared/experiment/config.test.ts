import { describe, expect, it } from 'vitest';
import { InvalidConfigError, parseConfig, safeParseConfig } from '../../../src-shared/experiment/config';
import { PRESET_NAMES, presetConfig } from '../../../src-shared/experiment/presets';
import { imagesTrainingSet, resolvePlan, resolveSchedule, scheduleOf } from '../../../src-shared/experiment/plan';
import { buildLasSchedule } from '../../../src-shared/schedules/lasSchedule';
import { gmmSource } from '../../../src-shared/schedules/mmseMonteCarlo';
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

  it('refuses a schedule that could not be built, at its field, before any run', () => {
    const issuesOf = (schedule: object) => {
      const parsed = safeParseConfig({ ...minimal, schedule });
      return parsed.ok ? [] : parsed.issues;
    };
    expect(issuesOf({ kind: 'linear-beta', T: 1000, steps: 5000 })).toEqual([{ path: 'schedule.steps', message: 'expected at most T = 1000 steps (one per trained timestep), got 5000' }]);
    expect(issuesOf({ kind: 'cosine', T: 50, steps: 51 })).toEqual([{ path: 'schedule.steps', message: 'expected at most T = 50 steps (one per trained timestep), got 51' }]);
    expect(issuesOf({ kind: 'linear-beta', steps: 10, betaEnd: 1 })).toEqual([{ path: 'schedule.betaEnd', message: 'expected a β in (0, 1), got 1' }]);
    expect(issuesOf({ kind: 'edm', steps: 10, sigmaMin: 80, sigmaMax: 80 })).toEqual([{ path: 'schedule.sigmaMin', message: 'expected sigmaMin < sigmaMax (80), got 80' }]);
    expect(issuesOf({ kind: 'log-snr', steps: 10, sigmaMin: 3, sigmaMax: 2 })[0]?.path).toBe('schedule.sigmaMin');
    expect(issuesOf({ kind: 'edm', steps: 5, sigmaMin: 1e-9, sigmaMax: 1e9, rho: 0.01 })).toEqual([{ path: 'schedule.rho', message: 'rho: σ^(1/ρ) leaves float64 at the ends (σ_max^(1/ρ) = Infinity, σ_min^(1/ρ) = 0 for ρ = 0.01): expected a larger ρ or a narrower σ range' }]);
    expect(issuesOf({ kind: 'edm', steps: 100_000, sigmaMin: 1, sigmaMax: 1 + 1e-12 })[0]).toEqual({ path: 'schedule.steps', message: expect.stringMatching(/^steps: too many steps for the range/) });
    expect(issuesOf({ kind: 'linear-beta', T: 1000, steps: 10, betaStart: 0.9, betaEnd: 1e-6 })[0]).toEqual({ path: 'schedule.T', message: expect.stringMatching(/^betas: ᾱ_T = Π\(1 − β_t\) = e\^-\d+\.\d is below float64's range/) });
    expect(issuesOf({ kind: 'custom', sigmas: [2, 3, 0] })).toEqual([{ path: 'schedule.sigmas', message: 'sigmas[1]: expected < sigmas[0] = 2 (strictly decreasing), got 3' }]);
    expect(issuesOf({ kind: 'custom', sigmas: [2, 1] })[0]?.message).toMatch(/^sigmas\[1\]: expected exactly 0 as the last entry/);
    // At the edges the schedule builds, and so the config validates.
    for (const schedule of [{ kind: 'linear-beta', T: 1000, steps: 1000 }, { kind: 'cosine', T: 50, steps: 50 }, { kind: 'custom', sigmas: [2, 1, 0] }]) {
      expect(issuesOf(schedule)).toEqual([]);
      expect(() => resolvePlan(parseConfig({ ...minimal, schedule }))).not.toThrow();
    }
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

describe('parseConfig(input).backend', () => {
  it('is absent when omitted (meaning auto: configs stored before the field keep their hash) and kept as given', () => {
    expect('backend' in parseConfig(minimal)).toBe(false);
    for (const backend of ['auto', 'reference', 'pruned', 'webgpu', 'headlessgl', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu']) {
      expect(parseConfig({ ...minimal, backend }).backend).toBe(backend);
    }
  });

  it('refuses an unknown name, naming the field and the choices', () => {
    const r = safeParseConfig({ ...minimal, backend: 'cuda' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: 'backend', message: 'expected one of auto, reference, pruned, webgpu, headlessgl, webasm-threaded, webasm-simd, gpujs-cpu, got "cuda"' }]);
  });
});

describe('parseConfig(input).schedule of kind las', () => {
  const table = [[0.01, 1e-4], [0.1, 0.0099], [1, 0.5], [10, 0.99]];

  it('fills the defaults of spec §4 (endpoints 0.002 … 80, N = 1500 candidates, no refinement, VP; MC 256 draws, 120 levels, seed 0)', () => {
    const c = parseConfig({ ...minimal, schedule: { kind: 'las', steps: 10, source: { kind: 'loss', table } } });
    expect(c.schedule).toEqual({ kind: 'las', steps: 10, sigmaMin: 0.002, sigmaMax: 80, candidates: 1500, refine: false, variancePreserving: true, source: { kind: 'loss', table, level: 'sigma', parameterisation: 'x0', sigmaData: 0.5 } });
    const gmm = parseConfig({ ...presetConfig('gmm-2d'), schedule: { kind: 'las', steps: 10, source: { kind: 'mmse' } } });
    expect(gmm.schedule).toMatchObject({ source: { kind: 'mmse', draws: 256, levels: 120, seed: 0 } });
  });

  it('names the field of every problem: endpoints, candidates, a table row, resolved sigmas, an MMSE source on data without an exact denoiser', () => {
    const r = safeParseConfig({ ...minimal, schedule: { kind: 'las', steps: 20, sigmaMin: 5, sigmaMax: 1, candidates: 16, sigmas: [1, 0], source: { kind: 'loss', table: [[0.1, 1], [-2, 0.5], [1, -1]] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(expect.arrayContaining([
      { path: 'schedule.source.table.2.1', message: 'expected a loss ≥ 0' },
    ]));
    const fine = safeParseConfig({ ...minimal, schedule: { kind: 'las', steps: 20, sigmaMin: 5, sigmaMax: 1, candidates: 16, sigmas: [1, 0], source: { kind: 'loss', table: [[0.1, 1], [-2, 0.5]] } } });
    expect(fine.ok).toBe(false);
    if (fine.ok) return;
    expect(fine.issues).toEqual([
      { path: 'schedule.sigmaMin', message: 'expected sigmaMin < sigmaMax (1), got 5' },
      { path: 'schedule.candidates', message: 'expected at least steps = 20 candidates, got 16' },
      { path: 'schedule.source.table.1.0', message: 'expected a sigma level giving a finite SNR > 0, got -2' },
      { path: 'schedule.sigmas', message: 'expected steps + 1 = 21 entries (the resolved levels, then 0), got 2' },
    ]);
    const toy = safeParseConfig({ ...minimal, schedule: { kind: 'las', steps: 10, source: { kind: 'mmse' } } });
    expect(toy.ok ? [] : toy.issues.map((i) => i.path)).toEqual(['schedule.source.kind']);
  });

  it('resolveSchedule(config) fills in the sigmas scheduleOf computes from the run\'s own data (gmm: its exact MMSE curve); resolvePlan uses them exactly', () => {
    const config = parseConfig({ ...presetConfig('gmm-2d'), schedule: { kind: 'las', steps: 8, sigmaMin: 0.01, sigmaMax: 20, candidates: 400, source: { kind: 'mmse', draws: 32, levels: 40 } } });
    const resolved = resolveSchedule(config);
    if (resolved.schedule.kind !== 'las' || config.schedule.kind !== 'las' || config.data.kind !== 'gmm') throw new Error('expected gmm data and a las schedule');
    const direct = buildLasSchedule(config.schedule, { posterior: gmmSource(config.data.components) });
    expect(resolved.schedule.sigmas).toEqual(Array.from(direct.sigmas));
    expect(Array.from(scheduleOf(config).sigmas)).toEqual(resolved.schedule.sigmas);
    expect(Array.from(resolvePlan(resolved).schedule.sigmas)).toEqual(resolved.schedule.sigmas);
    expect(resolveSchedule(resolved)).toBe(resolved);
    // The resolved config is still a valid config (it is what a run stores).
    expect(parseConfig(resolved)).toEqual(resolved);
  });
});
