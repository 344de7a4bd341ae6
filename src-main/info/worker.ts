import { parentPort, workerData } from 'node:worker_threads';
import { LabError, type LabErrorPayload } from '../../src-shared/errors';
import { computeBifurcation, computeTrajectories, createForwardEvaluator } from '../../src-shared/info/dynamicsRun';
import type { ForwardEvaluator } from '../../src-shared/info/forward';
import { computeLikelihood } from '../../src-shared/info/likelihoodRun';
import type { FromInfoWorker, InfoTask, InfoWorkerInit, ToInfoWorker } from './protocol';

/** Information worker: evaluates its slice of forward queries at requested λ, and runs whole tasks. */
const init = workerData as InfoWorkerInit;
const port = parentPort!;
const flag = new Int32Array(init.cancelFlag);
const cancellation = { get aborted() { return Atomics.load(flag, 0) === 1; } };
const post = (message: FromInfoWorker) => port.postMessage(message);
const PROGRESS_INTERVAL_MS = 100;

function errorPayload(error: unknown): LabErrorPayload {
  if (error instanceof LabError) return error.toPayload();
  return { code: 'internal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

let evaluator: ForwardEvaluator | null = null;
try {
  if (init.queries) evaluator = createForwardEvaluator(init.set, init.queries, init.weightFloor, init.traceCovSquared);
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'error', id: null, error: errorPayload(error) });
}

function throttled(id: number) {
  let last = 0;
  return (done: number, total: number, section?: string) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    post({ type: 'progress', id, done, total, ...(section ? { section } : {}) });
  };
}

function runTask(id: number, task: InfoTask): unknown {
  const progress = throttled(id);
  switch (task.kind) {
    case 'bifurcation': return computeBifurcation(init.set, task.options, { cancellation, onProgress: (d, t) => progress(d, t) });
    case 'trajectories': return computeTrajectories(init.set, task.options, { cancellation, onProgress: (d, t) => progress(d, t) });
    case 'likelihood': return computeLikelihood(task.config, init.set, { cancellation, onProgress: (s, d, t) => progress(d, t, s) });
  }
}

port.on('message', (message: ToInfoWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  try {
    if (message.type === 'evaluate') {
      if (!evaluator) throw new LabError('internal', 'this worker holds no forward queries');
      const progress = throttled(message.id);
      const values = message.lambdas.map((lambda, i) => {
        if (cancellation.aborted) throw new LabError('cancelled', 'cancelled');
        const v = evaluator!.evaluate(lambda);
        progress(i + 1, message.lambdas.length);
        return v;
      });
      post({ type: 'values', id: message.id, values });
    } else {
      post({ type: 'result', id: message.id, result: runTask(message.id, message.task) });
    }
  } catch (error) {
    post({ type: 'error', id: message.id, error: errorPayload(error) });
  }
});
