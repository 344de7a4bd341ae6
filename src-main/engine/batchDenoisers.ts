import { createPrunedEmpiricalDenoiser, type PruningStats } from '../../src-shared/diffusion/denoisers/pruned';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import type { RunInputs } from '../../src-shared/experiment/inputs';
import { imagesTrainingSet } from '../../src-shared/experiment/plan';
import type { BatchDenoiser } from '../../src-shared/experiment/runBatch';
import { BugIndicatingError, InvalidArgumentError } from '../../src-shared/errors';
import type { EngineBackend } from './backend';
import { createGpuContext } from './gpu/context';
import { createGpuEmpiricalDenoiser } from './gpu/empirical';
import { wasmSparseStage } from './wasm/sparseKernels';

/** What the pruned denoiser did since the last report, with the wall time it spent (ms). */
export interface TimedPruningStats extends PruningStats {
  readonly denoiseMs: number;
}

/** A batch denoiser owned by an engine worker: it may report pruning and must be released. */
export interface EngineBatchDenoiser extends BatchDenoiser {
  /** The pruned denoiser's statistics since the last call (null for the other kinds). */
  takePruning(): TimedPruningStats | null;
  destroy(): Promise<void>;
}

/** The training set of a config's empirical denoiser, as resolvePlan takes it (digits: the first trainCount; images: all but the held-out one). */
function trainingSet(config: ExperimentConfig, inputs: RunInputs): { data: Float64Array; count: number; dimension: number } {
  if (config.data.kind === 'images') {
    const { train, count } = imagesTrainingSet(config.data.images, config.data.heldOutIndex);
    return { data: train, count, dimension: config.data.height * config.data.width };
  }
  if (config.data.kind !== 'digits') throw new InvalidArgumentError('data.kind', `the accelerated empirical denoiser needs digits or images data, got ${config.data.kind}`);
  const digits = inputs.digits;
  if (!digits) throw new InvalidArgumentError('inputs.digits', 'the digits dataset was not loaded');
  const dimension = digits.height * digits.width;
  const count = config.data.trainCount;
  return { data: digits.pixels.subarray(0, count * dimension), count, dimension };
}

/**
 * Creates the batch denoiser of a non-reference backend for a config's empirical denoiser: the pruned
 * float64 one (createPrunedEmpiricalDenoiser with the backend's ε; 4 × 4-blocked rows on dense data, the
 * WebAssembly SIMD sparse stage of wasm/sparseKernels.ts on sparse data such as digits, its rows bounded
 * from their anchors, forgotten at each seed group's first evaluation so that a group's numbers do not
 * depend on which groups the worker ran before) or the gpu.js
 * float32 pipeline on the backend's device with room for `capacity` rows. Both replace the reference
 * denoiser of every row (all rows share the dataset), so runBatch calls them once per evaluation.
 *
 * @example
 * const batch = createEngineBatchDenoiser(backend, config, inputs, 64);
 * await runBatch(plan, seeds, { batchDenoiser: batch }); await batch.destroy();
 */
export function createEngineBatchDenoiser(backend: EngineBackend, config: ExperimentConfig, inputs: RunInputs, capacity: number): EngineBatchDenoiser {
  const { data, count, dimension } = trainingSet(config, inputs);
  if (backend.kind === 'reference') throw new BugIndicatingError('the reference backend runs runSeed, not a batch denoiser');
  if (backend.kind === 'pruned') {
    const pruned = createPrunedEmpiricalDenoiser(data, count, dimension, { epsilon: backend.epsilon, sparseStage: wasmSparseStage(backend.fusedMultiplyAdd), anchors: true });
    let denoiseMs = 0;
    return {
      denoiseBatch(xs, sigmas, ctx) {
        const start = performance.now();
        // A seed group's first evaluation: its rows' anchors are its own from here on.
        const first = ctx.rows[0]?.ctx;
        if (first?.step === 0 && first.evaluation === 0) pruned.forgetAnchors();
        const out = pruned.denoiseRows(xs, sigmas);
        denoiseMs += performance.now() - start;
        return Promise.resolve(out);
      },
      takePruning() {
        const stats = { ...pruned.takeStats(), denoiseMs };
        denoiseMs = 0;
        return stats;
      },
      destroy: async () => {},
    };
  }
  const ctx = createGpuContext(backend.kind);
  const gpu = createGpuEmpiricalDenoiser(ctx, data, count, dimension, capacity);
  return {
    async denoiseBatch(xs, sigmas) {
      return (await gpu.denoiseRows(xs, sigmas)).denoised;
    },
    takePruning: () => null,
    async destroy() {
      await gpu.destroy();
      await ctx.destroy();
    },
  };
}
