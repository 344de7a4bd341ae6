import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidArgumentError, type LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { StepMetrics } from '../../src-shared/experiment/records';
import { variantsOf } from '../../src-shared/experiment/variants';
import { chooseBackend, currentProbe, parseBackendRequest, type BackendRequest, type EngineBackend } from './backend';
import { toWorkerInputs } from './inputs';
import type { FromWorker, PreviewFrame, PruningStep, SeedResult, ToWorker, WorkerInit } from './protocol';
import { createRateLimiter } from './rateLimiter';
import { unpackStepRecords, type StepRecord } from './stepRecords';
import { startWorker, workerEntry, type WorkerEntry } from './workerEntry';

export interface EngineProgress {
  readonly seedsDone: number;
  readonly seedsTotal: number;
  readonly stepsDone: number;
  readonly stepsTotal: number;
}

export interface EngineCallbacks {
  onRecords?(seed: number, records: readonly StepRecord[]): void;
  /** At most once per progress interval (≤ 10 per second by default), and once at the end. */
  onProgress?(progress: EngineProgress): void;
  onSeed?(result: SeedResult): void;
  /** What the pruned empirical denoiser skipped, per step of a finished group of `seeds` (pruned backend only). */
  onPruning?(steps: readonly PruningStep[], seeds: readonly number[]): void;
  /**
   * The current states of running seeds shown in the live grid (the first max(1, frames.seeds)
   * seeds), at most once per preview interval per worker; `pruning`: that step's pruning statistics.
   */
  onPreview?(previews: readonly PreviewFrame[], pruning: PruningStep | null): void;
}

export interface EngineOutcome {
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly error?: LabErrorPayload;
  /** Seeds whose results arrived (a cancelled run keeps these). */
  readonly seedsDone: readonly number[];
  /** The backend that ran. */
  readonly backend: EngineBackend;
}

export interface EngineRun {
  /** The label of the backend that runs the kernels, as stored with the run. */
  readonly backend: string;
  readonly engineBackend: EngineBackend;
  readonly done: Promise<EngineOutcome>;
  cancel(): void;
}

export interface EngineOptions {
  /** Worker threads of the float64 kinds; default: the machine's available parallelism, at most one per seed. */
  readonly threads?: number;
  /** Backend request; default: INFODIFF_BACKEND if set, else `auto`. A chosen EngineBackend is used as is. */
  readonly backend?: BackendRequest | EngineBackend;
  readonly callbacks?: EngineCallbacks;
  /** Minimum ms between progress events (default 100: at most 10 per second). */
  readonly progressIntervalMs?: number;
  /** Minimum ms between two previews of one worker (default 100: at most 10 per second; 0: none). */
  readonly previewIntervalMs?: number;
  /**
   * Nice value of the worker threads on Linux (0–19; default INFODIFF_WORKER_NICE, else 10): main's
   * event loop then wins the CPU when the machine is oversubscribed (docs/performance-engine.md).
   */
  readonly workerNice?: number;
  /**
   * The float64 hot loops the workers run: `wasm` (default; the WebAssembly kernels of wasm/f64Kernels.ts,
   * the same numbers bit for bit) or `js` (the JavaScript loops; INFODIFF_F64_KERNELS=js), for comparison.
   */
  readonly f64Kernels?: 'wasm' | 'js';
  /**
   * The folder of the worker's entry (engine-worker.js, else worker.ts run under tsx); default: this
   * module's. Benchmarks run from source point it at the build (out/main) to time the shipped workers.
   */
  readonly workerDir?: string;
}

/** Default nice of the workers: CFS then gives main ~9× a worker's share of a contended core. */
const DEFAULT_WORKER_NICE = 10;

function niceOf(value: number): number {
  if (!(Number.isInteger(value) && value >= 0 && value <= 19)) throw new InvalidArgumentError('workerNice', `expected an integer in [0, 19], got ${value}`);
  return value;
}

/** Lanes per lockstep group at most: enough rows to fill the 4 × 4 blocks and a device dispatch. */
const GROUP_ROWS = 64;

/**
 * This module's folder. Under tsx's ESM loader (a .mts script importing this .ts) `__dirname` is not a
 * path ("data:text"), while `require.resolve` still resolves relative to this file.
 */
export function engineDir(): string {
  if (existsSync(join(__dirname, 'engine-worker.js')) || existsSync(join(__dirname, 'worker.ts'))) return __dirname;
  return dirname(require.resolve('./worker.ts'));
}

/** The engine worker's entry: out/main/engine-worker.js when built, else worker.ts under tsx. */
export function engineWorkerEntry(dir: string = engineDir()): WorkerEntry {
  return workerEntry(dir, 'engine-worker.js', 'worker.ts');
}

/** Worker threads for a config: the request (default: available parallelism), at most one per seed. */
export function engineThreads(config: ExperimentConfig, requested?: number): number {
  return Math.max(1, Math.min(requested ?? availableParallelism(), config.seeds.count));
}

/**
 * The backend a run of `config` gets now: chooseBackend over the cached probe, the request (or
 * INFODIFF_BACKEND, validated) and the thread count. Synchronous and deterministic between two
 * probes, so a caller may store the label before startEngine and startEngine will run that backend.
 *
 * @example
 * engineBackend(presetConfig('paper-toy'), { threads: 2 }).label // → 'cpu-f64 reference (2 threads)'
 */
export function engineBackend(config: ExperimentConfig, options: { threads?: number; backend?: BackendRequest | EngineBackend } = {}): EngineBackend {
  if (typeof options.backend === 'object') return options.backend;
  const fromEnv = process.env.INFODIFF_BACKEND;
  const request = options.backend ?? (fromEnv ? parseBackendRequest(fromEnv) : 'auto');
  return chooseBackend(currentProbe(), config, { request: parseBackendRequest(request), threads: engineThreads(config, options.threads) });
}

/** Seeds per lockstep group: fill GROUP_ROWS lanes, but give every worker work (reference: one seed). */
function seedsPerGroup(config: ExperimentConfig, backend: EngineBackend): number {
  if (backend.kind === 'reference') return 1;
  const lanes = config.batch * variantsOf(config).length;
  return Math.max(1, Math.min(Math.floor(GROUP_ROWS / lanes), Math.ceil(config.seeds.count / backend.threads)));
}

/**
 * Runs an experiment's seeds on worker threads (compute never blocks the caller's event loop) on the
 * backend engineBackend chooses. Seed groups are handed out one at a time, so a fast worker takes
 * more; records stream back in batches while a group runs; progress reaches the callbacks at most
 * once per progress interval. Cancellation is a shared flag checked between sampler steps: finished
 * seeds are kept and the outcome is `cancelled`. Any error ends the run as `failed` with its message.
 */
export function startEngine(config: ExperimentConfig, inputs: RunInputs, options: EngineOptions = {}): EngineRun {
  const backend = engineBackend(config, options);
  const seeds = Array.from({ length: config.seeds.count }, (_, k) => config.seeds.start + k);
  const perGroup = seedsPerGroup(config, backend);
  const groups: number[][] = [];
  for (let g = 0; g < seeds.length; g += perGroup) groups.push(seeds.slice(g, g + perGroup));
  const threads = Math.max(1, Math.min(backend.threads, groups.length));
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const intervalMs = options.progressIntervalMs ?? 100;
  const workerNice = niceOf(options.workerNice ?? (process.env.INFODIFF_WORKER_NICE === undefined ? DEFAULT_WORKER_NICE : Number(process.env.INFODIFF_WORKER_NICE)));
  const previewIntervalMs = options.previewIntervalMs ?? 100;
  const f64Kernels = options.f64Kernels ?? (process.env.INFODIFF_F64_KERNELS === 'js' ? 'js' : 'wasm');
  const init: WorkerInit = { config, inputs: toWorkerInputs(inputs), cancelFlag, backend, progressIntervalMs: intervalMs, previewIntervalMs, seedsPerGroup: perGroup, workerNice, f64Kernels };
  const entry = engineWorkerEntry(options.workerDir);
  const cb = options.callbacks ?? {};
  const stepsPerSeed = stepsOf(config);
  const latestStep = new Map<number, number>();
  /** Each running seed's steps per variant, from its records (its seed-done carries none). */
  const stepsBySeed = new Map<number, StepMetrics[][]>();
  const variantCount = variantsOf(config).length;
  const noSteps = () => Array.from({ length: variantCount }, () => [] as StepMetrics[]);
  const seedsDone: number[] = [];
  const progress = createRateLimiter(intervalMs, () => {
    let steps = seedsDone.length * stepsPerSeed;
    for (const [seed, step] of latestStep) if (!seedsDone.includes(seed)) steps += step + 1;
    cb.onProgress?.({ seedsDone: seedsDone.length, seedsTotal: seeds.length, stepsDone: steps, stepsTotal: seeds.length * stepsPerSeed });
  });
  let next = 0;

  const done = new Promise<EngineOutcome>((resolve) => {
    let live = threads;
    let failure: LabErrorPayload | undefined;
    const finish = () => {
      if (--live > 0) return;
      progress.flush();
      const status = failure ? 'failed' : Atomics.load(flag, 0) === 1 && seedsDone.length < seeds.length ? 'cancelled' : 'completed';
      resolve({ status, ...(failure ? { error: failure } : {}), seedsDone: [...seedsDone].sort((a, b) => a - b), backend });
    };
    for (let t = 0; t < threads; t++) {
      const worker = startWorker(entry, init);
      const send = (message: ToWorker) => worker.postMessage(message);
      const feed = () => {
        if (Atomics.load(flag, 0) === 1 || next >= groups.length) send({ type: 'stop' });
        else send({ type: 'seeds', seeds: groups[next++]! });
      };
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready': return feed();
          case 'records': {
            const records = unpackStepRecords(message.packed);
            const steps = stepsBySeed.get(message.seed) ?? noSteps();
            for (const r of records) steps[r.variant]!.push(r.metrics);
            stepsBySeed.set(message.seed, steps);
            return cb.onRecords?.(message.seed, records);
          }
          case 'progress':
            for (const seed of message.seeds) latestStep.set(seed, message.step);
            return progress.push();
          case 'pruning': return cb.onPruning?.(message.steps, message.seeds);
          case 'preview': return cb.onPreview?.(message.previews, message.pruning);
          case 'seed-done': {
            const { seed } = message.result;
            seedsDone.push(seed);
            const steps = stepsBySeed.get(seed) ?? noSteps();
            stepsBySeed.delete(seed);
            cb.onSeed?.({ ...message.result, steps });
            return progress.push();
          }
          case 'group-done':
            for (const seed of message.seeds) stepsBySeed.delete(seed);
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

  return { backend: backend.label, engineBackend: backend, done, cancel: () => Atomics.store(flag, 0, 1) };
}

function stepsOf(config: ExperimentConfig): number {
  const s = config.schedule;
  return s.kind === 'custom' ? s.sigmas.length - 1 : s.steps;
}
