import { parentPort, workerData } from 'node:worker_threads';
import { LabError } from '../../src-shared/errors';
import { resolvePlan } from '../../src-shared/experiment/plan';
import type { StepMetrics } from '../../src-shared/experiment/records';
import { runSeed } from '../../src-shared/experiment/runSeed';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import { toRunInputs } from './inputs';

/** Engine worker: resolves the plan once, then runs the seeds main sends, streaming records in batches. */
const init = workerData as WorkerInit;
const port = parentPort!;
const flag = new Int32Array(init.cancelFlag);
const cancellation = { get aborted() { return Atomics.load(flag, 0) === 1; } };
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const PROGRESS_INTERVAL_MS = 50;

function errorPayload(error: unknown) {
  if (error instanceof LabError) return error.toPayload();
  return { code: 'internal' as const, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

let plan: ReturnType<typeof resolvePlan>;
try {
  plan = resolvePlan(init.config, toRunInputs(init.inputs));
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'error', seed: null, error: errorPayload(error) });
}

function runOne(seed: number): void {
  let pending: { variant: number; metrics: StepMetrics }[] = [];
  let lastPost = 0;
  const flush = () => {
    if (pending.length) post({ type: 'records', seed, records: pending });
    pending = [];
  };
  try {
    const result = runSeed(plan, seed, {
      onRecord: (variant, metrics) => { pending.push({ variant, metrics }); },
      onStep: (_, i) => {
        const now = performance.now();
        if (now - lastPost >= PROGRESS_INTERVAL_MS) {
          lastPost = now;
          flush();
          post({ type: 'progress', seed, step: i });
        }
      },
    }, cancellation);
    flush();
    const transfer = [...result.finalImages, ...result.frames.map((f) => f.x)].map((a) => a.buffer as ArrayBuffer);
    post({ type: 'seed-done', result }, transfer);
  } catch (error) {
    flush();
    if (error instanceof LabError && error.code === 'cancelled') post({ type: 'cancelled', seed });
    else post({ type: 'error', seed, error: errorPayload(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'seed') runOne(message.seed);
  else port.close();
});
