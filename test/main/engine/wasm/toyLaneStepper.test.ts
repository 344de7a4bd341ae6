import { afterEach, describe, expect, it } from 'vitest';
import { createF64Kernels } from '../../../../src-main/engine/wasm/f64Kernels';
import { createToyLaneStepper } from '../../../../src-main/engine/wasm/toyLaneStepper';
import { BugIndicatingError } from '../../../../src-shared/errors';
import { parseConfig, type ExperimentConfig } from '../../../../src-shared/experiment/config';
import { makeLanes } from '../../../../src-shared/experiment/lanes';
import { installLaneStepper } from '../../../../src-shared/experiment/laneStepper';
import { resolvePlan } from '../../../../src-shared/experiment/plan';
import { presetConfig } from '../../../../src-shared/experiment/presets';
import { runSeed, type SeedResult } from '../../../../src-shared/experiment/runSeed';
import { installHotKernels } from '../../../../src-shared/math/hotKernels';

const kernels = createF64Kernels()!;
const paperToy = presetConfig('paper-toy');

/** A short paper-toy config with `changes` applied. */
function toy(changes: Partial<Record<keyof ExperimentConfig, unknown>>): ExperimentConfig {
  return parseConfig({ ...paperToy, data: { ...paperToy.data, height: 12, width: 16 }, seeds: { start: 4, count: 1 }, schedule: { ...paperToy.schedule, steps: 60 }, recordEvery: 7, frames: { count: 3, seeds: 1 }, ...changes });
}

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${what}[${i}]: ${actual[i]} ≠ ${expected[i]}`);
  }
}

function expectSameSeed(actual: SeedResult, expected: SeedResult, what: string): void {
  expect(actual.steps, what).toEqual(expected.steps);
  expect(actual.finals, what).toEqual(expected.finals);
  actual.finalImages.forEach((image, v) => expectSameBits(image, expected.finalImages[v]!, `${what}: final image ${v}`));
  actual.blockMasses.forEach((table, v) => expectSameBits(table, expected.blockMasses[v]!, `${what}: block masses ${v}`));
  expect(actual.frames.length, what).toBe(expected.frames.length);
  actual.frames.forEach((frame, f) => expectSameBits(frame.x, expected.frames[f]!.x, `${what}: frame ${f}`));
}

afterEach(() => {
  installLaneStepper(null);
  installHotKernels(null);
});

describe('createToyLaneStepper(kernels): the paper toy on resident WebAssembly memory', () => {
  it('runSeed gives the JavaScript reference\'s steps, finals, images, block masses and frames bit for bit (6 configs)', () => {
    const configs: [string, ExperimentConfig][] = [
      ['paper toy, batch 2', toy({ batch: 2 })],
      ['final state not projected', toy({ projection: { on: 'state', projectFinal: false } })],
      ['exact oracle (no blur, no error)', toy({ denoiser: { kind: 'toy-oracle', blurSigma: 0, noiseStd: 0 } })],
      ['relative tolerance, 3 × 2 grid', toy({ tolerance: { mode: 'relative', deltas: [0.2, 0.05] }, partition: { kind: 'grid', rows: 3, cols: 2 } })],
      ['no unprojected baseline, 200 steps', toy({ includeUnprojected: false, schedule: { ...paperToy.schedule, steps: 200 } })],
      ['full 32 × 32 preset, 40 steps', parseConfig({ ...paperToy, seeds: { start: 9, count: 1 }, schedule: { ...paperToy.schedule, steps: 40 } })],
    ];
    for (const [what, config] of configs) {
      const plan = resolvePlan(config);
      const reference = runSeed(plan, config.seeds.start);
      installHotKernels(kernels);
      installLaneStepper(createToyLaneStepper(kernels));
      const stepped = runSeed(plan, config.seeds.start);
      installLaneStepper(null);
      installHotKernels(null);
      expectSameSeed(stepped, reference, what);
    }
  });

  it('is what runs on the paper toy (every update in place on resident arrays, the projected ones measured in the same pass and projected in the same call) and steps aside (null) for every other sampler, projection target, mass mode or denoiser', () => {
    const factory = createToyLaneStepper(kernels);
    const applies = (config: ExperimentConfig) => {
      const plan = resolvePlan(config);
      return factory(plan, makeLanes(plan, config.seeds.start)) !== null;
    };
    expect(applies(toy({}))).toBe(true);
    expect(applies(toy({ sampler: { name: 'ddim', eta: 1 } }))).toBe(false);
    expect(applies(toy({ projection: { on: 'denoised', projectFinal: true } }))).toBe(false);
    expect(applies(toy({ projection: { on: 'both', projectFinal: true } }))).toBe(false);
    expect(applies(toy({ massMode: 'shift' }))).toBe(false);
    const gmm = presetConfig('gmm-2d');
    expect(applies(parseConfig({ ...gmm, sampler: { name: 'ddpm' }, seeds: { start: 0, count: 1 } }))).toBe(false);

    let [inPlace, measured] = [0, 0];
    const counting = Object.create(kernels, {
      affineInPlace: { value: (...args: Parameters<typeof kernels.affineInPlace>) => { inPlace++; kernels.affineInPlace(...args); } },
      affineProjectInPlace: { value: (...args: Parameters<typeof kernels.affineProjectInPlace>) => { measured++; kernels.affineProjectInPlace(...args); } },
    }) as typeof kernels;
    installHotKernels(kernels);
    installLaneStepper(createToyLaneStepper(counting));
    runSeed(resolvePlan(toy({})), 4);
    // 60 steps: the baseline updated alone, the 3 projected variants updated, measured and projected in one call.
    expect(inPlace).toBe(60);
    expect(measured).toBe(60 * 3);
  });

  it('refuses to go on (BugIndicatingError) when the kernels\' memory moved during the seed', () => {
    const plan = resolvePlan(toy({}));
    const stepper = createToyLaneStepper(kernels)(plan, makeLanes(plan, 4))!;
    stepper.advance(0);
    kernels.residentArrays(1, 512 * 512);
    expect(() => stepper.advance(1)).toThrow(BugIndicatingError);
  });
});
