import { pairedDifference, summarize, type Summary } from '../math/stats';
import type { FinalMetrics, StepMetrics } from './records';
import type { VariantSpec } from './variants';

export const FINAL_KEYS = ['eInf', 'e1', 'mse', 'psnr', 'vNats', 'vDeltaNats', 'vDeltaCoarseNats'] as const;
export type FinalKey = (typeof FINAL_KEYS)[number];

/** Final metrics of one variant over seeds, and (for projected variants) paired differences projected − baseline. */
export interface VariantSummary {
  readonly variant: VariantSpec;
  readonly metrics: Record<FinalKey, Summary>;
  /** Paired by seed against the unprojected variant (null for the baseline or when there is none). */
  readonly pairedVsBaseline: Record<FinalKey, Summary> | null;
}

function column(finals: readonly FinalMetrics[], key: FinalKey): Float64Array {
  return Float64Array.from(finals, (f) => f[key]);
}

/** Pairs two variants' finals by seed (seeds present in both, ascending). */
function pairBySeed(a: readonly FinalMetrics[], b: readonly FinalMetrics[]): [FinalMetrics[], FinalMetrics[]] {
  const bySeed = new Map(b.map((f) => [f.seed, f]));
  const left: FinalMetrics[] = [], right: FinalMetrics[] = [];
  for (const f of [...a].sort((x, y) => x.seed - y.seed)) {
    const g = bySeed.get(f.seed);
    if (g) { left.push(f); right.push(g); }
  }
  return [left, right];
}

/**
 * Mean, std and 95% t-interval of every final metric per variant, plus paired differences against
 * the unprojected baseline (the noise is shared, so the paired interval is the honest one).
 */
export function summarizeFinals(variants: readonly VariantSpec[], finals: readonly (readonly FinalMetrics[])[], level = 0.95): VariantSummary[] {
  const baseline = variants.findIndex((v) => !v.projected);
  return variants.map((variant, v) => {
    const rows = finals[v]!;
    const metrics = Object.fromEntries(FINAL_KEYS.map((k) => [k, summarize(column(rows, k), level)])) as Record<FinalKey, Summary>;
    let pairedVsBaseline: Record<FinalKey, Summary> | null = null;
    if (variant.projected && baseline >= 0) {
      const [a, b] = pairBySeed(rows, finals[baseline]!);
      pairedVsBaseline = Object.fromEntries(FINAL_KEYS.map((k) => [k, pairedDifference(column(a, k), column(b, k), level)])) as Record<FinalKey, Summary>;
    }
    return { variant, metrics, pairedVsBaseline };
  });
}

/** Per recorded step, the mean over seeds of each step metric (for curves); steps ascending. */
export function meanTrace(steps: readonly StepMetrics[]): StepMetrics[] {
  const byStep = new Map<number, StepMetrics[]>();
  for (const s of steps) {
    const list = byStep.get(s.step);
    if (list) list.push(s); else byStep.set(s.step, [s]);
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, rows]) => {
    const out: Record<string, number> = {};
    for (const key of Object.keys(rows[0]!) as (keyof StepMetrics)[]) out[key] = rows.reduce((acc, r) => acc + r[key], 0) / rows.length;
    return { ...(out as unknown as StepMetrics), step, seed: Number.NaN };
  });
}
