/**
 * What a run produces, as plain data: the shapes the runner emits, the store keeps and the UI
 * charts. Information quantities are in nats (suffix Nats); conversion happens at display.
 */

/** Lifecycle of a stored run. `interrupted`: the process died while it was running. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'interrupted' | 'failed';

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'cancelled', 'interrupted', 'failed'];

/** Metrics of one seed of one variant at one recorded step (spec coarse-kl.md §5, §6.2). */
export interface StepMetrics {
  readonly seed: number;
  /** Sampler step index i (0 … N−1); the state is the one after the step (at σ_{i+1}). */
  readonly step: number;
  /** σ_{i+1}: the noise level of the recorded state. */
  readonly sigma: number;
  /** e∞ = max_k |w_k − m_k|. */
  readonly eInf: number;
  /** e₁ = Σ_k |w_k − m_k|. */
  readonly e1: number;
  readonly vNats: number;
  readonly vDeltaNats: number;
  readonly vDeltaCoarseNats: number;
  /** D(Π_δ p ‖ p) of the projection applied at this step (0 for the unprojected variant). */
  readonly projCostNats: number;
  /** ‖Π_δ x − x‖₂ of that projection (0 when none). */
  readonly displacement: number;
  /** MSE of the denoised estimate x̂₀ against the reference (NaN when there is none). */
  readonly mse: number;
  /** 10 log₁₀(peak² / MSE) (NaN when there is no reference). */
  readonly psnr: number;
}

/** Metrics of one seed of one variant at the end of the run. */
export interface FinalMetrics {
  readonly seed: number;
  readonly eInf: number;
  readonly e1: number;
  readonly mse: number;
  readonly psnr: number;
  readonly vNats: number;
  readonly vDeltaNats: number;
  readonly vDeltaCoarseNats: number;
}

/** A dense array kept with a run (sample frames, label maps): little-endian, row-major. */
export interface ArtifactData {
  readonly name: string;
  readonly dtype: 'float64' | 'float32' | 'int32' | 'uint8';
  readonly shape: readonly number[];
  readonly data: Float64Array | Float32Array | Int32Array | Uint8Array;
}
