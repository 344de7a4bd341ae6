import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { LabError, type LabErrorPayload } from '../../src-shared/errors';
import { resolvePlan, type RunPlan } from '../../src-shared/experiment/plan';
import type { StepMetrics } from '../../src-shared/experiment/records';
import { runBatch } from '../../src-shared/experiment/runBatch';
import { runSeed, type SeedResult } from '../../src-shared/experiment/runSeed';
import { installHotKernels } from '../../src-shared/math/hotKernels';
import { installLaneStepper } from '../../src-shared/experiment/laneStepper';
import { createEngineBatchDenoiser, type EngineBatchDenoiser } from './batchDenoisers';
import { toRunInputs } from './inputs';
import { PREVIEW_MAX_PIXELS, type FromWorker, type PreviewFrame, type PruningStep, type ToWorker, type WorkerInit } from './protocol';
import { createIntervalGate } from './rateLimiter';
import { packStepRecords, type StepRecord } from './stepRecords';
import { createF64Kernels } from './wasm/f64Kernels';
import { createToyLaneStepper } from './wasm/toyLaneStepper';

/**
 * Engine worker: resolves the plan once, then runs the seed groups main sends. On the reference
 * backend each seed runs alone (runSeed); on the others a group advances in lockstep (runBatch) with
 * the backend's batch denoiser. Records stream back in batches, progress at most every
 * progressIntervalMs, previews of the grid's seeds at most every previewIntervalMs, the pruned
 * denoiser's statistics once per group.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const flag = new Int32Array(init.cancelFlag);
const cancellation = { get aborted() { return Atomics.load(flag, 0) === 1; } };
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const inputs = toRunInputs(init.inputs);

// Linux applies setpriority(PRIO_PROCESS, 0) to the calling thread only: this worker yields the CPU to
// main's event loop (IPC, UI events) under contention. Elsewhere it would renice the whole process.
if (process.platform === 'linux' && init.workerNice !== 0) {
  try {
    setPriority(0, init.workerNice);
  } catch {
    // Not permitted (a sandbox): keep the default priority.
  }
}

function errorPayload(error: unknown): LabErrorPayload {
  if (error instanceof LabError) return error.toPayload();
  return { code: 'internal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

// The float64 hot loops in WebAssembly, and the paper toy's steps on their memory: the same numbers
// bit for bit, faster (wasm/f64Kernels.ts, wasm/toyLaneStepper.ts).
if (init.f64Kernels !== 'js') {
  const kernels = createF64Kernels();
  installHotKernels(kernels);
  if (kernels !== null) installLaneStepper(createToyLaneStepper(kernels));
}

let plan: RunPlan;
let batch: EngineBatchDenoiser | null = null;
try {
  plan = resolvePlan(init.config, inputs);
  if (init.backend.kind !== 'reference') {
    const lanesPerSeed = init.config.batch * plan.variants.length;
    batch = createEngineBatchDenoiser(init.backend, init.config, inputs, init.seedsPerGroup * lanesPerSeed);
  }
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'error', seeds: null, error: errorPayload(error) });
}

/** Buffers records and posts them with a progress message at most every progressIntervalMs. */
function reporter(seeds: readonly number[]) {
  let pending = new Map<number, StepRecord[]>();
  let lastPost = -Infinity;
  const flush = () => {
    for (const [seed, records] of pending) {
      const packed = packStepRecords(records);
      post({ type: 'records', seed, packed }, [packed.buffer as ArrayBuffer]);
    }
    pending = new Map();
  };
  return {
    record(seed: number, variant: number, metrics: StepMetrics) {
      const list = pending.get(seed) ?? [];
      list.push({ variant, metrics });
      pending.set(seed, list);
    },
    step(i: number) {
      const now = performance.now();
      if (now - lastPost < init.progressIntervalMs) return;
      lastPost = now;
      flush();
      post({ type: 'progress', seeds, step: i });
    },
    flush,
  };
}

/** The seeds the live grid shows (the first max(1, frames.seeds)): only these get previews. */
const previewSeeds = new Set(Array.from({ length: Math.min(init.config.seeds.count, Math.max(1, init.config.frames.seeds)) }, (_, k) => init.config.seeds.start + k));
/** One gate per worker: however many seeds it runs, it posts at most one preview per interval. */
const previewGate = createIntervalGate(init.previewIntervalMs);

/** The positions in `seeds` of the grid's seeds: the ones offerPreview shows (none when previews are off). */
function shownSeeds(seeds: readonly number[]): number[] {
  if (init.previewIntervalMs <= 0 || plan.height * plan.width > PREVIEW_MAX_PIXELS) return [];
  return seeds.flatMap((seed, s) => (previewSeeds.has(seed) ? [s] : []));
}

/**
 * Posts the current state of batch sample 0 of every variant of seeds[s] for s in `shown`
 * (shownSeeds(seeds); stateOf(s, v)) when the gate lets it through, as transferred float32 copies.
 */
function offerPreview(i: number, seeds: readonly number[], shown: readonly number[], stateOf: (s: number, v: number) => Float64Array, pruning: PruningStep | null): void {
  if (shown.length === 0 || !previewGate.pass()) return;
  const previews: PreviewFrame[] = shown.map((s) => ({ seed: seeds[s]!, step: i, states: plan.variants.map((_, v) => Float32Array.from(stateOf(s, v))) }));
  post({ type: 'preview', previews, pruning }, previews.flatMap((p) => p.states.map((a) => a.buffer as ArrayBuffer)));
}

function finish(results: readonly SeedResult[]): void {
  for (const { steps: _streamed, ...result } of results) {
    const transfer = [...result.finalImages, ...result.frames.map((f) => f.x), ...result.blockMasses].map((a) => a.buffer as ArrayBuffer);
    post({ type: 'seed-done', result }, transfer);
  }
}

async function runGroup(seeds: readonly number[]): Promise<void> {
  const report = reporter(seeds);
  try {
    if (batch === null) {
      for (const seed of seeds) {
        const one = [seed];
        const shown = shownSeeds(one);
        const observer = {
          onRecord: (v: number, m: StepMetrics) => report.record(seed, v, m),
          onStep: (_: number, i: number, stateOf: (v: number) => Float64Array) => {
            report.step(i);
            if (shown.length > 0) offerPreview(i, one, shown, (_s, v) => stateOf(v), null);
          },
        };
        const result = runSeed(plan, seed, observer, cancellation);
        report.flush();
        finish([result]);
      }
    } else {
      const pruning: PruningStep[] = [];
      const engine = batch;
      const shown = shownSeeds(seeds);
      const results = await runBatch(plan, seeds, {
        batchDenoiser: engine,
        cancellation,
        observer: {
          onRecord: (seed, v, m) => report.record(seed, v, m),
          onStep: (_, i, stateOf) => {
            const stats = engine.takePruning();
            const step = stats && stats.queries > 0 ? { step: i, epsilon: stats.epsilon, skippedFraction: stats.skippedFraction, neglectedWeight: stats.neglectedWeight, queries: stats.queries, denoiseMs: stats.denoiseMs, recorded: plan.isRecorded(i) } : null;
            if (step) pruning.push(step);
            report.step(i);
            offerPreview(i, seeds, shown, stateOf, step);
          },
        },
      });
      report.flush();
      if (pruning.length > 0) post({ type: 'pruning', seeds, steps: pruning });
      finish(results);
    }
    post({ type: 'group-done', seeds });
  } catch (error) {
    report.flush();
    if (error instanceof LabError && error.code === 'cancelled') post({ type: 'cancelled', seeds });
    else post({ type: 'error', seeds, error: errorPayload(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'seeds') {
    void runGroup(message.seeds);
    return;
  }
  void (batch?.destroy() ?? Promise.resolve()).finally(() => port.close());
});
