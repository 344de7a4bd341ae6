import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { StepMetrics } from '../../src-shared/experiment/records';
import type { FromWorker, SeedResult, ToWorker, WorkerInit } from './protocol';
import { toWorkerInputs } from './inputs';

export interface EngineProgress {
  readonly seedsDone: number;
  readonly seedsTotal: number;
  readonly stepsDone: number;
  readonly stepsTotal: number;
}

export interface EngineCallbacks {
  onRecords?(seed: number, records: readonly { variant: number; metrics: StepMetrics }[]): void;
  onProgress?(progress: EngineProgress): void;
  onSeed?(result: SeedResult): void;
}

export interface EngineOutcome {
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly error?: LabErrorPayload;
  /** Seeds whose results arrived (a cancelled run keeps these). */
  readonly seedsDone: readonly number[];
}

export interface EngineRun {
  /** The backend that runs the kernels, as stored with the run. */
  readonly backend: string;
  readonly done: Promise<EngineOutcome>;
  cancel(): void;
}

export interface EngineOptions {
  /** Worker threads; default: the machine's available parallelism, at most one per seed. */
  readonly threads?: number;
  readonly callbacks?: EngineCallbacks;
}

/**
 * The engine worker's entry: the built bundle beside this file, or (tests, running from source) a
 * bootstrap that registers tsx's require hook and loads the TypeScript source.
 */
export function workerEntry(dir: string = __dirname): { source: string; eval: boolean } {
  const built = join(dir, 'engine-worker.js');
  if (existsSync(built)) return { source: built, eval: false };
  return { source: `require('tsx/cjs'); require(${JSON.stringify(join(dir, 'worker.ts'))});`, eval: true };
}

/**
 * Runs an experiment's seeds on a pool of worker threads (compute never blocks the caller's event
 * loop). Seeds are handed out one at a time, so a fast worker takes more; records stream back in
 * batches while each seed runs. Cancellation is a shared flag checked between sampler steps.
 */
export function startEngine(config: ExperimentConfig, inputs: RunInputs, options: EngineOptions = {}): EngineRun {
  const seeds = Array.from({ length: config.seeds.count }, (_, k) => config.seeds.start + k);
  const threads = engineThreads(config, options.threads);
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const init: WorkerInit = { config, inputs: toWorkerInputs(inputs), cancelFlag };
  const entry = workerEntry();
  const cb = options.callbacks ?? {};
  const stepsPerSeed = stepsOf(config);
  const latestStep = new Map<number, number>();
  const seedsDone: number[] = [];
  let next = 0;

  const progress = () => {
    let steps = seedsDone.length * stepsPerSeed;
    for (const [seed, step] of latestStep) if (!seedsDone.includes(seed)) steps += step + 1;
    cb.onProgress?.({ seedsDone: seedsDone.length, seedsTotal: seeds.length, stepsDone: steps, stepsTotal: seeds.length * stepsPerSeed });
  };

  const done = new Promise<EngineOutcome>((resolve) => {
    let live = threads;
    let failure: LabErrorPayload | undefined;
    const finish = () => {
      if (--live > 0) return;
      const status = failure ? 'failed' : Atomics.load(flag, 0) === 1 && seedsDone.length < seeds.length ? 'cancelled' : 'completed';
      resolve({ status, ...(failure ? { error: failure } : {}), seedsDone: [...seedsDone].sort((a, b) => a - b) });
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(entry.source, { workerData: init, eval: entry.eval });
      const send = (message: ToWorker) => worker.postMessage(message);
      const feed = () => {
        if (Atomics.load(flag, 0) === 1 || next >= seeds.length) send({ type: 'stop' });
        else send({ type: 'seed', seed: seeds[next++]! });
      };
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready': return feed();
          case 'records': return cb.onRecords?.(message.seed, message.records);
          case 'progress': latestStep.set(message.seed, message.step); return progress();
          case 'seed-done':
            seedsDone.push(message.result.seed);
            cb.onSeed?.(message.result);
            progress();
            return feed();
          case 'cancelled': return send({ type: 'stop' });
          case 'error':
            failure ??= message.error;
            Atomics.store(flag, 0, 1);
            return send({ type: 'stop' });
        }
      });
      worker.on('error', (error) => {
        failure ??= { code: 'internal', message: `engine worker crashed: ${error.message}` };
        Atomics.store(flag, 0, 1);
      });
      worker.on('exit', finish);
    }
  });

  return {
    backend: backendName(threads),
    done,
    cancel: () => Atomics.store(flag, 0, 1),
  };
}

/** Worker threads for a config: the request (default: available parallelism), at most one per seed. */
export function engineThreads(config: ExperimentConfig, requested?: number): number {
  return Math.max(1, Math.min(requested ?? availableParallelism(), config.seeds.count));
}

/** The backend label stored with a run. */
export function backendName(threads: number): string {
  return `cpu-f64 (${threads} thread${threads === 1 ? '' : 's'})`;
}

function stepsOf(config: ExperimentConfig): number {
  const s = config.schedule;
  return s.kind === 'custom' ? s.sigmas.length - 1 : s.steps;
}
