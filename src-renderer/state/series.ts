import type { StepSeriesData } from '../../src-shared/ipc/contract';

/** The step metrics a chart can show (columns of runs:steps besides seed and step). */
export const STEP_METRICS = ['eInf', 'e1', 'vDeltaNats', 'vDeltaCoarseNats', 'vNats', 'projCostNats', 'displacement', 'mse', 'psnr', 'sigma'] as const;
export type StepMetric = (typeof STEP_METRICS)[number];

/** Axis labels of the metrics (units included; information quantities in nats). */
export const METRIC_LABEL: Record<StepMetric, string> = {
  eInf: 'e∞ = max_k |w_k − m_k|',
  e1: 'e₁ = Σ_k |w_k − m_k|',
  vDeltaNats: 'V_δ (nats)',
  vDeltaCoarseNats: 'V_δ block-level (nats)',
  vNats: 'V (nats)',
  projCostNats: 'D(Πp ‖ p) (nats)',
  displacement: '‖Πx − x‖₂',
  mse: 'MSE of x̂₀',
  psnr: 'PSNR (dB)',
  sigma: 'σ',
};

/** A metric against the step, one point per recorded step: the mean over the seeds recorded there. */
export type Trace = readonly { readonly x: number; readonly y: number }[];

/**
 * The mean over seeds of one metric at each recorded step, x = step + 1 (steps done), ascending.
 * Nulls (undefined values) are left out of the mean; a step with none gives y = NaN (a gap).
 *
 * @example
 * meanByStep({ ...series, seed: [0, 1], step: [9, 9], eInf: [0.1, 0.3] }, 'eInf') // → [{ x: 10, y: 0.2 }]
 */
export function meanByStep(series: StepSeriesData, metric: StepMetric): Trace {
  const sums = new Map<number, { sum: number; n: number }>();
  const column = series[metric];
  for (let k = 0; k < series.length; k++) {
    const step = series.step[k]!;
    const entry = sums.get(step) ?? { sum: 0, n: 0 };
    const value = column[k];
    if (value !== null && value !== undefined) { entry.sum += value; entry.n++; }
    sums.set(step, entry);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([step, e]) => ({ x: step + 1, y: e.n === 0 ? Number.NaN : e.sum / e.n }));
}

/**
 * A short legend name of a variant: 'unprojected', 'δ = 0.01', 'bounds'.
 *
 * @example
 * variantLabel('delta=0.005') // → 'δ = 0.005'
 */
export function variantLabel(variant: string): string {
  return variant.startsWith('delta=') ? `δ = ${variant.slice(6)}` : variant;
}
