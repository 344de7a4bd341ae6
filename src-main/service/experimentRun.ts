import { canonicalJson, sha256Hex } from '../store/hash';
import type { Store } from '../store';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { FinalMetrics, StepMetrics } from '../../src-shared/experiment/records';
import { variantsOf, type VariantSpec } from '../../src-shared/experiment/variants';
import { APP_VERSION } from '../appInfo';
import { loadDigits } from '../data/digits';
import { engineBackend, engineThreads, startEngine, type EngineOutcome, type EngineProgress } from '../engine/host';
import type { SeedResult } from '../engine/protocol';

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

export interface ExperimentRunOptions {
  readonly store?: Store;
  readonly threads?: number;
  readonly onProgress?: (progress: EngineProgress) => void;
  readonly onStarted?: (info: { experimentId: string | null; runIds: readonly string[]; cancel: () => void; backend: string }) => void;
  /** Kept as artifacts: final images of the first this-many seeds (default 16) and all frames. */
  readonly keepFinalImages?: number;
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
 * Runs an experiment on the engine and, with a store, writes it as it goes: the experiment and one
 * run per variant first (config, hash, backend, app version), then step records in batched
 * transactions as they stream in, finals and artifacts per seed, and the outcome last.
 */
export async function runExperiment(config: ExperimentConfig, options: ExperimentRunOptions = {}): Promise<ExperimentResult> {
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

function writeArtifacts(store: Store, runIds: readonly string[], config: ExperimentConfig, result: SeedResult, keepFinal: boolean): void {
  const size = result.finalImages[0]!.length / config.batch;
  const height = config.data.kind === 'digits' ? 28 : config.data.height;
  const width = size / height;
  result.finalImages.forEach((image, v) => {
    if (keepFinal) store.putArtifact(runIds[v]!, { name: 'final', dtype: 'float32', shape: [config.batch, height, width], data: Float32Array.from(image), seed: result.seed });
  });
  for (const frame of result.frames) {
    store.putArtifact(runIds[frame.variant]!, { name: 'frame', dtype: 'float32', shape: [height, width], data: Float32Array.from(frame.x), seed: result.seed, step: frame.step });
  }
}
