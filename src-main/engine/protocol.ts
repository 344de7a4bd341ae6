import type { LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { Frame, SeedResult } from '../../src-shared/experiment/runSeed';
import type { EngineBackend } from './backend';

/** Serialisable inputs: the digits pixels travel in a SharedArrayBuffer, so workers do not copy 63 MB each. */
export interface WorkerInputs {
  readonly digits?: { readonly count: number; readonly height: number; readonly width: number; readonly pixels: SharedArrayBuffer | ArrayBuffer };
}

/** workerData of an engine worker. `cancelFlag` is an Int32Array over a SharedArrayBuffer: 1 = cancel. */
export interface WorkerInit {
  readonly config: ExperimentConfig;
  readonly inputs: WorkerInputs;
  readonly cancelFlag: SharedArrayBuffer;
  /** Where to run: the reference path per seed, or lockstep groups with a batch denoiser. */
  readonly backend: EngineBackend;
  /** Minimum ms between two progress messages (and record flushes) of this worker. */
  readonly progressIntervalMs: number;
  /** Minimum ms between two preview messages of this worker (0 never posts previews). */
  readonly previewIntervalMs: number;
  /** Most seeds main sends in one group (sizes the batch denoiser's rows). */
  readonly seedsPerGroup: number;
  /** Nice value of the worker threads (Linux; 0 leaves them as main): higher yields the CPU to main. */
  readonly workerNice: number;
  /** The float64 hot loops: WebAssembly kernels (bit-identical, faster) or the JavaScript loops. */
  readonly f64Kernels: 'wasm' | 'js';
}

/** What the pruned denoiser skipped at one step of one group (averaged over its evaluations). */
export interface PruningStep {
  readonly step: number;
  readonly epsilon: number;
  /** Fraction of (query, training point) pairs skipped. */
  readonly skippedFraction: number;
  /** Largest certified neglected posterior weight of a query (≤ ε). */
  readonly neglectedWeight: number;
  /** Queries behind the fraction (to average groups). */
  readonly queries: number;
  /** Wall time of the step's denoiser evaluations in this worker, ms. */
  readonly denoiseMs: number;
  /** Whether the step's metrics are recorded (plan.isRecorded): these are the steps stored with the run. */
  readonly recorded: boolean;
}

/** Images with more pixels than this get no previews (a 128 × 128 float32 image is 64 KiB). */
export const PREVIEW_MAX_PIXELS = 128 * 128;

/** The live state of one running seed: batch sample 0 of every variant after `step`. */
export interface PreviewFrame {
  readonly seed: number;
  readonly step: number;
  /** Per variant (index into plan.variants): height × width, row-major. Transferred, not copied. */
  readonly states: readonly Float32Array[];
}

/** Main → worker: a group of seeds to run together (one seed on the reference path), or stop. */
export type ToWorker = { readonly type: 'seeds'; readonly seeds: readonly number[] } | { readonly type: 'stop' };

/** Worker → main. Records stream in batches while a group runs; each seed's result follows at the group's end. */
export type FromWorker =
  | { readonly type: 'ready' }
  /** A seed's records since the last batch, packed (stepRecords.ts), the buffer transferred. */
  | { readonly type: 'records'; readonly seed: number; readonly packed: Float64Array }
  | { readonly type: 'progress'; readonly seeds: readonly number[]; readonly step: number }
  | { readonly type: 'pruning'; readonly seeds: readonly number[]; readonly steps: readonly PruningStep[] }
  /** At most once per previewIntervalMs per worker, for the seeds shown in the live grid; pruning: the latest step's statistics (pruned backend). */
  | { readonly type: 'preview'; readonly previews: readonly PreviewFrame[]; readonly pruning: PruningStep | null }
  /** The seed's result without its steps: main has them from the records, which precede it. */
  | { readonly type: 'seed-done'; readonly result: Omit<SeedResult, 'steps'> }
  | { readonly type: 'group-done'; readonly seeds: readonly number[] }
  | { readonly type: 'cancelled'; readonly seeds: readonly number[] }
  | { readonly type: 'error'; readonly seeds: readonly number[] | null; readonly error: LabErrorPayload };

export type { Frame, SeedResult };
