import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfigInput } from '../../../src-shared/experiment/config';
import type { RunInputs } from '../../../src-shared/experiment/inputs';
import { resolvePlan } from '../../../src-shared/experiment/plan';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { referenceBatchDenoiser, runBatch, type BatchDenoiser } from '../../../src-shared/experiment/runBatch';
import { runSeed, type SeedResult } from '../../../src-shared/experiment/runSeed';
import { CounterRng } from '../../../src-shared/math/rng';

/** Every number of a result as the hex of its float64 bits (so −0, NaN payloads and last bits count). */
function bitsOf(value: unknown): unknown {
  if (typeof value === 'number') return Buffer.from(Float64Array.of(value).buffer).toString('hex');
  if (value instanceof Float64Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (Array.isArray(value)) return value.map(bitsOf);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bitsOf(v)]));
  return value;
}

function config(base: ExperimentConfigInput, overrides: Partial<ExperimentConfigInput>) {
  return parseConfig({ ...base, ...overrides });
}

/** 60 synthetic 4 × 4 "digits" in [0, 1] (the empirical denoiser's dataset). */
function syntheticDigits(): RunInputs {
  const rng = new CounterRng(5, 0);
  const pixels = Float64Array.from({ length: 60 * 16 }, () => rng.nextUniform());
  return { digits: { count: 60, height: 4, width: 4, pixels } };
}

const cases: { name: string; config: ReturnType<typeof parseConfig>; inputs?: RunInputs }[] = [
  {
    name: 'paper toy, DDPM, 3 δ + baseline, batch 2, frames',
    config: config(PRESETS['paper-toy'], { seeds: { start: 0, count: 3 }, batch: 2, schedule: { kind: 'linear-beta', steps: 40 }, recordEvery: 3, frames: { count: 4, seeds: 2 } }),
  },
  {
    name: 'paper toy, pf-heun (two evaluations per step), x̂₀ and x_t projected',
    config: config(PRESETS['paper-toy'], { seeds: { start: 4, count: 2 }, sampler: { name: 'pf-heun' }, schedule: { kind: 'edm', steps: 12 }, projection: { on: 'both', projectFinal: false }, recordEvery: 2 }),
  },
  {
    name: 'paper toy under the softmax mass mode (mode-aware projector and metrics)',
    config: config(PRESETS['paper-toy'], { seeds: { start: 1, count: 2 }, massMode: 'softmax', schedule: { kind: 'linear-beta', steps: 60 }, tolerance: { mode: 'absolute', deltas: [0.005] } }),
  },
  {
    name: 'GMM ring, DDIM η = 0.5',
    config: config(PRESETS['gmm-2d'], { seeds: { start: 10, count: 4 }, sampler: { name: 'ddim', eta: 0.5 }, schedule: { kind: 'edm', steps: 25 } }),
  },
  {
    name: 'empirical denoiser (synthetic digits), pf-euler, x̂₀ projected',
    config: config(PRESETS.digits, { data: { kind: 'digits', trainCount: 50, heldOutIndex: 55 }, seeds: { start: 0, count: 2 }, batch: 3, schedule: { kind: 'edm', steps: 15 }, projection: { on: 'denoised', projectFinal: true } }),
    inputs: syntheticDigits(),
  },
  {
    name: 'empirical denoiser (synthetic digits), Euler–Maruyama',
    config: config(PRESETS.digits, { data: { kind: 'digits', trainCount: 50, heldOutIndex: 55 }, seeds: { start: 3, count: 2 }, sampler: { name: 'euler-maruyama' }, schedule: { kind: 'edm', steps: 15 } }),
    inputs: syntheticDigits(),
  },
];

describe('runBatch(plan, seeds) with the reference batch denoiser', () => {
  for (const c of cases) {
    it(`reproduces runSeed bit for bit (steps, finals, final images, frames): ${c.name}`, async () => {
      const plan = resolvePlan(c.config, c.inputs);
      const batched = await runBatch(plan, plan.seeds);
      const single: SeedResult[] = plan.seeds.map((seed) => runSeed(plan, seed));
      expect(batched.map((r) => r.seed)).toEqual([...plan.seeds]);
      expect(bitsOf(batched)).toEqual(bitsOf(single));
    });
  }

  it('is sensitive to one ulp: a batch denoiser that nudges one value of the last evaluation changes the bits', async () => {
    const plan = resolvePlan(cases[0]!.config);
    const n = plan.schedule.sigmas.length - 1;
    let call = 0;
    const nudged: BatchDenoiser = {
      async denoiseBatch(xs, sigmas, ctx) {
        const out = await referenceBatchDenoiser.denoiseBatch(xs, sigmas, ctx);
        if (++call === n) out[0] = out[0]! * (1 + Number.EPSILON);
        return out;
      },
    };
    const batched = await runBatch(plan, plan.seeds, { batchDenoiser: nudged });
    expect(bitsOf(batched)).not.toEqual(bitsOf(plan.seeds.map((seed) => runSeed(plan, seed))));
  });

  it('calls the batch denoiser once per step and evaluation, with every lane as a row (pf-heun: 2N − 1 calls)', async () => {
    const c = cases[1]!;
    const plan = resolvePlan(c.config);
    const calls: number[] = [];
    const counting: BatchDenoiser = {
      denoiseBatch(xs, sigmas, ctx) {
        calls.push(ctx.rows.length);
        expect(xs.length).toBe(ctx.rows.length * ctx.dimension);
        expect(sigmas.length).toBe(ctx.rows.length);
        return referenceBatchDenoiser.denoiseBatch(xs, sigmas, ctx);
      },
    };
    await runBatch(plan, plan.seeds, { batchDenoiser: counting });
    const lanes = plan.seeds.length * plan.config.batch * plan.variants.length;
    const n = plan.schedule.sigmas.length - 1;
    expect(calls).toEqual(Array.from({ length: 2 * n - 1 }, () => lanes));
  });

  it('reports each record, step and evaluation to the observer, seeds in order', async () => {
    const plan = resolvePlan(cases[0]!.config);
    const records: string[] = [];
    const stepsSeen: number[] = [];
    const results = await runBatch(plan, plan.seeds, {
      observer: { onRecord: (seed, v, m) => records.push(`${seed}/${v}/${m.step}`), onStep: (seeds, i) => { expect(seeds).toEqual(plan.seeds); stepsSeen.push(i); } },
    });
    expect(stepsSeen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const expected = results.flatMap((r) => r.steps.flatMap((rows, v) => rows.map((m) => `${r.seed}/${v}/${m.step}`)));
    expect([...records].sort()).toEqual([...expected].sort());
  });

  it('onStep’s stateOf(s, v) is the sample-0 state of variant v of seeds[s], bit for bit runSeed’s stateOf(v) at that step', async () => {
    const plan = resolvePlan(cases[0]!.config);
    const batched = new Map<string, string>();
    await runBatch(plan, plan.seeds, {
      observer: { onStep: (seeds, i, stateOf) => { if (i % 13 === 0) seeds.forEach((seed, s) => plan.variants.forEach((_, v) => batched.set(`${seed}/${i}/${v}`, String(bitsOf(stateOf(s, v)))))); } },
    });
    let compared = 0;
    for (const seed of plan.seeds) {
      runSeed(plan, seed, {
        onStep: (_, i, stateOf) => {
          if (i % 13 !== 0) return;
          plan.variants.forEach((_v, v) => expect(batched.get(`${seed}/${i}/${v}`)).toBe(String(bitsOf(stateOf(v)))));
          compared += plan.variants.length;
        },
      });
    }
    expect(compared).toBe(batched.size);
    expect(compared).toBe(plan.seeds.length * 4 * plan.variants.length);
  });

  it('rejects with CancelledError between steps once the cancellation flag is set', async () => {
    const plan = resolvePlan(cases[0]!.config);
    const cancellation = { aborted: false };
    const run = runBatch(plan, plan.seeds, { cancellation, observer: { onStep: (_, i) => { if (i === 5) cancellation.aborted = true; } } });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('rejects an empty seed list with InvalidArgumentError', async () => {
    const plan = resolvePlan(cases[0]!.config);
    await expect(runBatch(plan, [])).rejects.toThrow(/seeds: expected at least one seed/);
  });
});
