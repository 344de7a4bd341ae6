import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfigInput } from '../../../src-shared/experiment/config';
import { resolvePlan } from '../../../src-shared/experiment/plan';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { runSeed } from '../../../src-shared/experiment/runSeed';
import { readBlockMasses } from '../../../src-shared/coarse/massModes';
import { recordedSteps } from '../../../src-shared/experiment/laneMetrics';
import { expectClose } from '../../support/close';

/** The paper toy with overrides; full 1000-step DDPM unless changed. */
function toy(overrides: Partial<ExperimentConfigInput> = {}) {
  return parseConfig({ ...PRESETS['paper-toy'], seeds: { start: 0, count: 1 }, frames: { count: 0, seeds: 0 }, ...overrides });
}

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('runSeed(plan, seed): the V_δ-projected sampler end to end (coarse-kl.md §7, "extra")', () => {
  it('keeps e∞ ≤ δ + 1e-12 and V_δ^coarse = 0 at every step for every projected variant', () => {
    const plan = resolvePlan(toy({ recordEvery: 1 }));
    const result = runSeed(plan, 3);
    plan.variants.forEach((variant, v) => {
      if (!variant.projected) return;
      expect(result.steps[v]).toHaveLength(1000);
      for (const s of result.steps[v]!) {
        expect(s.eInf).toBeLessThanOrEqual(variant.deltaTol! + 1e-12);
        expect(s.vDeltaCoarseNats).toBeLessThanOrEqual(1e-15);
      }
    });
    // The baseline leaves the tightest band for most of the trajectory (spec §6.2).
    const outside = result.steps[0]!.filter((s) => s.eInf > 0.002).length;
    expect(outside).toBeGreaterThan(500);
  });

  it('is bit-identical to the baseline when the band is the whole simplex (δ = 1)', () => {
    const result = runSeed(resolvePlan(toy({ tolerance: { mode: 'absolute', deltas: [1] } })), 0);
    expect(bits(result.finalImages[1]!)).toBe(bits(result.finalImages[0]!));
  });

  it('reproduces x₀ exactly in both variants when the oracle neither blurs nor leaks (σ_b = σ_err = 0)', () => {
    const result = runSeed(resolvePlan(toy({ denoiser: { kind: 'toy-oracle', blurSigma: 0, noiseStd: 0 } })), 5);
    for (const f of result.finals) expect(f.mse).toBeLessThan(1e-28);
    expect(bits(result.finalImages[0]!)).toBe(bits(result.reference!));
  });

  it('shares the noise path: the baseline of a multi-δ run equals a baseline-only run bit for bit', () => {
    const many = runSeed(resolvePlan(toy()), 7);
    const one = runSeed(resolvePlan(toy({ tolerance: { mode: 'absolute', deltas: [0.05] } })), 7);
    expect(bits(many.finalImages[0]!)).toBe(bits(one.finalImages[0]!));
    expect(many.finals[0]).toEqual(one.finals[0]);
  });

  it('gives the same numbers bit for bit on a second run with the same seed', () => {
    const plan = resolvePlan(toy({ schedule: { kind: 'linear-beta', steps: 1000 } }));
    const a = runSeed(plan, 11), b = runSeed(plan, 11);
    a.finalImages.forEach((img, v) => expect(bits(img)).toBe(bits(b.finalImages[v]!)));
    expect(a.steps).toEqual(b.steps);
  });

  it('projecting x̂₀ instead of x_t gives the same final numbers with this kernel (spec §6.2), but not the same trajectory', () => {
    const onState = runSeed(resolvePlan(toy({ recordEvery: 1 })), 2);
    const onDenoised = runSeed(resolvePlan(toy({ recordEvery: 1, projection: { on: 'denoised', projectFinal: true } })), 2);
    for (let v = 1; v < 4; v++) {
      const a = onState.finalImages[v]!, b = onDenoised.finalImages[v]!;
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-12);
    }
    // With x̂₀ projected, x_t itself is not kept in the band (spec §6.2: max e∞ ≈ 0.087).
    expect(Math.max(...onDenoised.steps[3]!.map((s) => s.eInf))).toBeGreaterThan(0.01);
  });

  it('shows the potential running downhill from noise (≈ 1 nat) to data (≈ 0.01 nat)', () => {
    const result = runSeed(resolvePlan(toy()), 1);
    for (const steps of result.steps) {
      expect(steps[0]!.vDeltaNats).toBeGreaterThan(0.5);
      expect(steps[0]!.vDeltaNats).toBeLessThan(1.5);
      expect(steps.at(-1)!.vDeltaNats).toBeLessThan(0.05);
    }
  });
});

describe('runSeed(plan, seed) under each mass mode (coarse-kl.md §8 Q4)', () => {
  it.each(['shift', 'unit-range', 'softmax'] as const)('keeps the %s-mode block masses within δ after every projected step', (massMode) => {
    const plan = resolvePlan(toy({ massMode, recordEvery: 1, tolerance: { mode: 'absolute', deltas: [0.005] }, schedule: { kind: 'linear-beta', steps: 200 } }));
    const result = runSeed(plan, 4);
    for (const s of result.steps[1]!) expect(s.eInf).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.max(...result.steps[0]!.map((s) => s.eInf))).toBeGreaterThan(0.005);
  });
});

describe('runSeed(plan, seed).blockMasses: the block masses of every recorded step', () => {
  it('row r of blockMasses[v] is readBlockMasses of the state after the r-th recorded step (batch 1, to 1e-15), and its e∞ is the recorded one', () => {
    const plan = resolvePlan(toy({ recordEvery: 7, schedule: { kind: 'linear-beta', steps: 60 } }));
    const seen: Float64Array[][] = plan.variants.map(() => []);
    const result = runSeed(plan, 3, { onStep: (_, i, stateOf) => { if (plan.isRecorded(i)) plan.variants.forEach((_v, v) => seen[v]!.push(stateOf(v).slice())); } });
    const steps = recordedSteps(plan);
    expect(steps).toEqual([6, 13, 20, 27, 34, 41, 48, 55, 59]);
    const K = plan.partition.K;
    result.blockMasses.forEach((table, v) => {
      expect(table).toHaveLength(steps.length * K);
      expect(result.steps[v]!.map((s) => s.step)).toEqual(steps);
      steps.forEach((_, r) => {
        const row = table.subarray(r * K, (r + 1) * K);
        // Same sums in another order (per block, then normalised): a few ulps of masses ≤ 1.
        expectClose(row, readBlockMasses(seen[v]![r]!, plan.partition, plan.config.massMode), { absTol: 1e-15 });
        const targets = plan.sampleSetup(3, 0).targets;
        const eInf = Math.max(...Array.from(row, (w, k) => Math.abs(w - targets[k]!)));
        expectClose(eInf, result.steps[v]![r]!.eInf, { absTol: 1e-15 });
      });
    });
  });

  it('averages the masses over the batch: with frames at every step, each row is the mean of the samples\' frame masses (batch 3, to 1e-15)', () => {
    const plan = resolvePlan(toy({ batch: 3, recordEvery: 4, schedule: { kind: 'linear-beta', steps: 24 }, frames: { count: 24, seeds: 1 }, massMode: 'shift' }));
    const result = runSeed(plan, 0);
    const K = plan.partition.K;
    recordedSteps(plan).forEach((step, r) => {
      plan.variants.forEach((_, v) => {
        const mean = new Float64Array(K);
        const samples = result.frames.filter((f) => f.step === step && f.variant === v);
        expect(samples).toHaveLength(3);
        for (const f of samples) readBlockMasses(f.x, plan.partition, 'shift').forEach((w, k) => (mean[k] = mean[k]! + w / 3));
        expectClose(result.blockMasses[v]!.subarray(r * K, (r + 1) * K), mean, { absTol: 1e-15 });
      });
    });
  });

  it('keeps every projected variant\'s recorded masses inside its band [L, U] (x_t projected after every step)', () => {
    const plan = resolvePlan(toy({ recordEvery: 5, schedule: { kind: 'linear-beta', steps: 100 } }));
    const result = runSeed(plan, 9);
    const K = plan.partition.K;
    const targets = plan.sampleSetup(9, 0).targets;
    plan.variants.forEach((variant, v) => {
      if (!variant.projected) return;
      const table = result.blockMasses[v]!;
      for (let r = 0; r < table.length / K; r++) {
        for (let k = 0; k < K; k++) expect(Math.abs(table[r * K + k]! - targets[k]!)).toBeLessThanOrEqual(variant.deltaTol! + 1e-12);
      }
    });
  });
});
