import { canonicalJson, sha256Hex } from '../store/hash';
import { blockMassArtifact, pruningArtifact, type Store } from '../store';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { FinalMetrics, StepMetrics } from '../../src-shared/experiment/records';
import { variantsOf, type VariantSpec } from '../../src-shared/experiment/variants';
import { APP_VERSION } from '../appInfo';
import { loadDigits } from '../data/digits';
import { effectiveRequest, parseBackendRequest, probeBackends } from '../engine/backend';
import { engineBackend, engineThreads, startEngine, type EngineOutcome, type EngineProgress } from '../engine/host';
import { resolveScheduleOffThread } from '../engine/scheduleResolver';
import type { PreviewFrame, PruningStep, SeedResult } from '../engine/protocol';

/** Everything a finished (or cancelled) experiment produced, per variant, seeds ascending. */
export interface ExperimentResult {
  readonly config: ExperimentConfig;
  readonly configHash: string;
  readonly variants: readonly VariantSpec[];
  readonly steps: StepMetrics[][];
  readonly finals: FinalMetrics[][];
  readonly seedResults: SeedResult[];
  readonly outcome: EngineOutcome;
  readonly backend: string;
  readonly experimentId: string | null;
  /** Stored run id per variant (empty without a store). */
  readonly runIds: readonly string[];
  readonly elapsedMs: number;
}

/** The live states of running seeds (batch sample 0 per run), for the animated sample grid. */
export interface LivePreview {
  readonly height: number;
  readonly width: number;
  readonly frames: readonly { readonly runId: string; readonly seed: number; readonly step: number; readonly pixels: Float32Array }[];
  /** The pruned denoiser at that step (pruned backend only). */
  readonly pruning: { readonly step: number; readonly epsilon: number; readonly skippedFraction: number } | null;
}

export interface ExperimentRunOptions {
  readonly store?: Store;
  readonly threads?: number;
  readonly onProgress?: (progress: EngineProgress) => void;
  readonly onStarted?: (info: { experimentId: string | null; runIds: readonly string[]; cancel: () => void; backend: string }) => void;
  /** Kept as artifacts: final images of the first this-many seeds (default 16) and all frames. */
  readonly keepFinalImages?: number;
  /** Previews of the running seeds the grid shows, at most 10 per second per engine worker (stored runs only). */
  readonly onPreview?: (preview: LivePreview) => void;
}

/** The inputs a config needs, loaded by the host (the digits only when the data are digits). */
export function inputsFor(config: ExperimentConfig): RunInputs {
  return config.data.kind === 'digits' ? { digits: loadDigits() } : {};
}

/** sha256 of the config's canonical JSON: equal configs, equal hash, whatever the key order. */
export function hashConfig(config: ExperimentConfig): string {
  return sha256Hex(canonicalJson(config));
}

/**
 * What must happen before an experiment starts, off main's event loop: a las schedule's levels
 * computed (on a worker thread) so that they are stored with the config exactly as used, and the
 * WebGPU adapter probed when the run asks for webgpu (its probe is asynchronous).
 */
export async function prepareExperiment(requested: ExperimentConfig): Promise<ExperimentConfig> {
  const config = await resolveScheduleOffThread(requested, inputsFor(requested));
  const backendRequest = process.env.INFODIFF_BACKEND;
  if (effectiveRequest(config, backendRequest ? parseBackendRequest(backendRequest) : undefined) === 'webgpu') await probeBackends();
  return config;
}

/** prepareExperiment, then runPreparedExperiment: an experiment from its config to its result. */
export async function runExperiment(requested: ExperimentConfig, options: ExperimentRunOptions = {}): Promise<ExperimentResult> {
  return runPreparedExperiment(await prepareExperiment(requested), options);
}

/**
 * Runs a prepared experiment (prepareExperiment) on the engine and, with a store, writes it as it
 * goes: the experiment and one run per variant first (config, hash, backend, app version), then step
 * records in batched transactions as they stream in, finals and artifacts per seed, and the outcome
 * last. Calls `onStarted` before its first await.
 */
export async function runPreparedExperiment(config: ExperimentConfig, options: ExperimentRunOptions = {}): Promise<ExperimentResult> {
  const started = performance.now();
  const variants = variantsOf(config);
  const configHash = hashConfig(config);
  const seeds = Array.from({ length: config.seeds.count }, (_, k) => config.seeds.start + k);
  const steps: StepMetrics[][] = variants.map(() => []);
  const finals: FinalMetrics[][] = variants.map(() => []);
  const seedResults: SeedResult[] = [];
  const store = options.store;
  const keep = options.keepFinalImages ?? 16;
  const threads = engineThreads(config, options.threads);
  const backend = engineBackend(config, { threads }).label;
  const experimentId = store ? store.createExperiment({ name: config.name, preset: config.preset ?? null }) : null;
  const runIds = store
    ? variants.map((variant) => store.createRun({ experimentId: experimentId!, variant: variant.id, deltaTol: variant.deltaTol, seeds, config, configHash, dataHash: null, appVersion: APP_VERSION, backend }))
    : [];
  const engine = startEngine(config, inputsFor(config), {
    threads,
    callbacks: {
      onRecords(_seed, records) {
        const byVariant = variants.map(() => [] as StepMetrics[]);
        for (const r of records) byVariant[r.variant]!.push(r.metrics);
        byVariant.forEach((rows, v) => {
          steps[v]!.push(...rows);
          if (store && rows.length) store.appendSteps(runIds[v]!, rows);
        });
      },
      onSeed(result) {
        seedResults.push(result);
        result.finals.forEach((f, v) => {
          finals[v]!.push(f);
          if (store) store.appendFinals(runIds[v]!, [f]);
        });
        if (store) writeArtifacts(store, runIds, config, result, seeds.indexOf(result.seed) < keep);
      },
      onPruning(pruningSteps, groupSeeds) {
        if (store) writePruning(store, runIds, pruningSteps, groupSeeds);
      },
      onPreview(previews, pruning) {
        if (store && options.onPreview) options.onPreview(livePreview(config, runIds, previews, pruning));
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  });
  options.onStarted?.({ experimentId, runIds, cancel: engine.cancel, backend: engine.backend });
  const outcome = await engine.done;
  const elapsedMs = performance.now() - started;
  if (store) {
    for (const id of runIds) store.finishRun(id, { status: outcome.status, ...(outcome.error ? { error: outcome.error.message } : {}), timings: { sampleMs: Math.round(elapsedMs) } });
  }
  const bySeed = (a: { seed: number }, b: { seed: number }) => a.seed - b.seed;
  for (const rows of steps) rows.sort((a, b) => a.seed - b.seed || a.step - b.step);
  for (const rows of finals) rows.sort(bySeed);
  seedResults.sort(bySeed);
  return { config, configHash, variants, steps, finals, seedResults, outcome, backend: engine.backend, experimentId, runIds, elapsedMs };
}

/** The image shape of a config's states (digits are 28 × 28). */
function imageShape(config: ExperimentConfig, size: number): { height: number; width: number } {
  const height = config.data.kind === 'digits' ? 28 : config.data.height;
  return { height, width: size / height };
}

function livePreview(config: ExperimentConfig, runIds: readonly string[], previews: readonly PreviewFrame[], pruning: PruningStep | null): LivePreview {
  const { height, width } = imageShape(config, previews[0]?.states[0]?.length ?? 0);
  const frames = previews.flatMap((p) => p.states.map((pixels, v) => ({ runId: runIds[v]!, seed: p.seed, step: p.step, pixels })));
  return { height, width, frames, pruning: pruning && { step: pruning.step, epsilon: pruning.epsilon, skippedFraction: pruning.skippedFraction } };
}

/** The pruned denoiser's statistics at the recorded steps of a finished group, stored with every run, per seed. */
function writePruning(store: Store, runIds: readonly string[], steps: readonly PruningStep[], seeds: readonly number[]): void {
  const recorded = steps.filter((s) => s.recorded);
  if (recorded.length === 0) return;
  for (const seed of seeds) for (const runId of runIds) store.putArtifact(runId, pruningArtifact(seed, recorded));
}

function writeArtifacts(store: Store, runIds: readonly string[], config: ExperimentConfig, result: SeedResult, keepFinal: boolean): void {
  const { height, width } = imageShape(config, result.finalImages[0]!.length / config.batch);
  result.finalImages.forEach((image, v) => {
    if (keepFinal) store.putArtifact(runIds[v]!, { name: 'final', dtype: 'float32', shape: [config.batch, height, width], data: Float32Array.from(image), seed: result.seed });
  });
  for (const frame of result.frames) {
    store.putArtifact(runIds[frame.variant]!, { name: 'frame', dtype: 'float32', shape: [height, width], data: Float32Array.from(frame.x), seed: result.seed, step: frame.step });
  }
  result.blockMasses.forEach((masses, v) => {
    const rows = result.steps[v]!.length;
    if (rows > 0) store.putArtifact(runIds[v]!, blockMassArtifact(result.seed, masses, rows));
  });
}
