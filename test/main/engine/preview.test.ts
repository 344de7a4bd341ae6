import { describe, expect, it } from 'vitest';
import { startEngine } from '../../../src-main/engine/host';
import type { PreviewFrame, PruningStep } from '../../../src-main/engine/protocol';
import { createIntervalGate } from '../../../src-main/engine/rateLimiter';
import { parseConfig, type ExperimentConfigInput } from '../../../src-shared/experiment/config';
import type { RunInputs } from '../../../src-shared/experiment/inputs';
import { resolvePlan } from '../../../src-shared/experiment/plan';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { runSeed } from '../../../src-shared/experiment/runSeed';
import { CounterRng } from '../../../src-shared/math/rng';

const toy = (overrides: Partial<ExperimentConfigInput>) => parseConfig({ ...PRESETS['paper-toy'], frames: { count: 2, seeds: 1 }, ...overrides });

interface Seen {
  readonly at: number;
  readonly previews: readonly PreviewFrame[];
  readonly pruning: PruningStep | null;
}

/** Runs an engine and keeps, in arrival order, every preview and the moment each seed finished. */
async function observe(config: ReturnType<typeof parseConfig>, inputs: RunInputs, options: Parameters<typeof startEngine>[2] = {}) {
  const seen: Seen[] = [];
  const seedDoneAt = new Map<number, number>();
  const pruning: { steps: readonly PruningStep[]; seeds: readonly number[] }[] = [];
  let order = 0;
  const started = performance.now();
  const run = startEngine(config, inputs, {
    ...options,
    callbacks: {
      onPreview: (previews, p) => seen.push({ at: order++, previews, pruning: p }),
      onSeed: (r) => seedDoneAt.set(r.seed, order++),
      onPruning: (steps, seeds) => pruning.push({ steps, seeds }),
    },
  });
  const outcome = await run.done;
  return { outcome, seen, seedDoneAt, pruning, elapsedMs: performance.now() - started };
}

describe('createIntervalGate(intervalMs, now)', () => {
  it('passes at most once per interval on a fake clock: 1,000 offers 1 ms apart pass at t = 0, 100, …, 900', () => {
    let t = 0;
    const gate = createIntervalGate(100, () => t);
    const passed: number[] = [];
    for (; t < 1000; t++) if (gate.pass()) passed.push(t);
    expect(passed).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it('passes every offer spaced by at least the interval, and none in between (a refused offer does not restart it)', () => {
    let t = 0;
    const gate = createIntervalGate(100, () => t);
    const answers = [0, 99, 150, 199, 250, 349, 350].map((at) => {
      t = at;
      return gate.pass();
    });
    expect(answers).toEqual([true, false, true, false, true, false, true]);
  });
});

describe('startEngine(…, { callbacks: { onPreview } }): live previews while a seed runs', () => {
  it('reference path: previews of the grid seed arrive before that seed finishes, are its float32 states, ≤ 1 per 100 ms per worker', async () => {
    const config = toy({ seeds: { start: 5, count: 3 }, frames: { count: 2, seeds: 1 }, schedule: { kind: 'linear-beta', steps: 1000 } });
    const { outcome, seen, seedDoneAt, elapsedMs } = await observe(config, {}, { threads: 1 });
    expect(outcome.status).toBe('completed');
    const previews = seen.flatMap((s) => s.previews);
    // Only the seeds the grid shows (frames.seeds = 1: the first seed) get previews.
    expect(new Set(previews.map((p) => p.seed))).toEqual(new Set([5]));
    // At least one arrives during the seed, before its result.
    expect(seen[0]!.at).toBeLessThan(seedDoneAt.get(5)!);
    // One worker posts at most once per 100 ms of its clock, all within the run: ≤ ⌊T / 100 ms⌋ + 1.
    expect(seen.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 100) + 1);
    const steps = previews.map((p) => p.step);
    for (let k = 1; k < steps.length; k++) expect(steps[k]!).toBeGreaterThan(steps[k - 1]!);
    expect(seen.every((s) => s.pruning === null)).toBe(true);
    // Each preview is the state of batch sample 0 after its step, rounded to float32, for every variant.
    const plan = resolvePlan(config);
    const wanted = new Map(previews.map((p) => [p.step, p]));
    runSeed(plan, 5, {
      onStep: (_, i, stateOf) => {
        const p = wanted.get(i);
        if (p === undefined) return;
        expect(p.states).toHaveLength(plan.variants.length);
        p.states.forEach((state, v) => expect(state).toEqual(Float32Array.from(stateOf(v))));
      },
    });
  });

  it('no previews when the interval is 0, and none for images above 128 × 128 pixels', async () => {
    const off = await observe(toy({ seeds: { start: 0, count: 1 }, schedule: { kind: 'linear-beta', steps: 50 } }), {}, { threads: 1, previewIntervalMs: 0 });
    expect(off.outcome.status).toBe('completed');
    expect(off.seen).toEqual([]);
    const big = toy({
      seeds: { start: 0, count: 1 }, schedule: { kind: 'linear-beta', steps: 3 }, data: { ...PRESETS['paper-toy'].data, height: 136, width: 136 } as ExperimentConfigInput['data'],
      partition: { kind: 'grid', rows: 4, cols: 4 },
    });
    const large = await observe(big, {}, { threads: 1 });
    expect(large.outcome.status).toBe('completed');
    expect(large.seen).toEqual([]);
  });

  it('pruned backend (lockstep groups): previews of every grid seed in the group, with that step\'s ε and skipped fraction; stored pruning rows flag recorded steps', async () => {
    const rng = new CounterRng(77, 0);
    const pixels = Float64Array.from({ length: 80 * 36 }, () => rng.nextUniform() ** 2);
    const inputs: RunInputs = { digits: { count: 80, height: 6, width: 6, pixels } };
    const config = parseConfig({
      ...PRESETS.digits, data: { kind: 'digits', trainCount: 70, heldOutIndex: 75 }, partition: { kind: 'grid', rows: 2, cols: 2 },
      seeds: { start: 0, count: 4 }, batch: 2, schedule: { kind: 'edm', steps: 20 }, recordEvery: 4, frames: { count: 0, seeds: 2 },
    });
    const { outcome, seen, pruning } = await observe(config, inputs, { backend: 'pruned', threads: 1 });
    expect(outcome.status).toBe('completed');
    expect(seen.length).toBeGreaterThan(0);
    // One group of 4 seeds; the grid shows the first 2.
    expect(seen[0]!.previews.map((p) => p.seed)).toEqual([0, 1]);
    for (const p of seen[0]!.previews) {
      expect(p.states).toHaveLength(resolvePlan(config, inputs).variants.length);
      for (const s of p.states) expect(s).toHaveLength(36);
    }
    expect(seen[0]!.pruning).toMatchObject({ step: seen[0]!.previews[0]!.step, epsilon: 1e-12 });
    expect(pruning.map((p) => p.seeds)).toEqual([[0, 1, 2, 3]]);
    const plan = resolvePlan(config, inputs);
    for (const s of pruning[0]!.steps) expect(s.recorded).toBe(plan.isRecorded(s.step));
    expect(pruning[0]!.steps.filter((s) => s.recorded).map((s) => s.step)).toEqual([3, 7, 11, 15, 19]);
  });
});
