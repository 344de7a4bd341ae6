import type { ComparisonResult, ScheduleRun } from '../../src-shared/schedules/compare';
import type { ScheduleCompareConfig } from '../../src-shared/schedules/compareConfig';
import type { QualityRow } from '../../src-shared/schedules/measure';
import { ouTimeFromSnr } from '../../src-shared/schedules/snrGrid';
import { APP_VERSION } from '../appInfo';
import { hashConfig, type Store } from '../store';

/** The stored experiment of a comparison and one run per schedule (variant = schedule name). */
export interface StoredComparison {
  readonly experimentId: string;
  /** Run id per schedule name, in the config's order. */
  readonly runIds: ReadonlyMap<string, string>;
}

/** The schedules of a config, named ones first, then custom lists. */
export function scheduleNames(config: ScheduleCompareConfig): string[] {
  return [...config.schedules, ...config.custom.map((c) => c.name)];
}

/** Seeds recorded with the runs: the measured seeds, or the Monte Carlo seed when nothing is sampled. */
function seedsOf(config: ScheduleCompareConfig): number[] {
  const m = config.measure;
  return m ? Array.from({ length: m.seeds.count }, (_, k) => m.seeds.start + k) : [config.mc.seed];
}

/**
 * Creates the experiment (preset 'schedules') and one running run per schedule, config first (the
 * store's crash-safety: a killed process leaves them interrupted, never half-written).
 */
export function beginStoredComparison(store: Store, config: ScheduleCompareConfig): StoredComparison {
  const experimentId = store.createExperiment({ name: config.name, preset: 'schedules' });
  const configHash = hashConfig(config);
  const runIds = new Map<string, string>();
  for (const name of scheduleNames(config)) {
    runIds.set(name, store.createRun({ experimentId, variant: name, deltaTol: null, seeds: seedsOf(config), config, configHash, dataHash: null, appVersion: APP_VERSION, backend: 'cpu-f64', status: 'running' }));
  }
  return { experimentId, runIds };
}

const put = (store: Store, runId: string, name: string, rows: readonly ArrayLike<number>[]) => {
  const n = rows[0]!.length;
  const data = new Float64Array(rows.length * n);
  rows.forEach((row, r) => data.set(row, r * n));
  store.putArtifact(runId, { name, dtype: 'float64', shape: [rows.length, n], data });
};

/** Artifacts of one schedule: its grid and per-step D at each K, the sweep, and measured quality. */
function writeScheduleArtifacts(store: Store, runId: string, runs: readonly ScheduleRun[], quality: readonly QualityRow[]): void {
  for (const run of runs) {
    const g = run.gammas;
    put(store, runId, `grid-K${run.K}`, [g, g.map((v) => 1 / Math.sqrt(v)), g.map(Math.log), g.map(ouTimeFromSnr), g.map((v) => v / (1 + v))]);
    put(store, runId, `kl-K${run.K}`, [Float64Array.from(run.klPerStep, (_, i) => i + 1), Float64Array.from(run.klPerStep, (_, i) => Math.log(g[i]! / g[i + 1]!)), run.klPerStep]);
  }
  put(store, runId, 'sweep', [runs.map((r) => r.K), runs.map((r) => r.klNats), runs.map((r) => r.lossSum), runs.map((r) => r.K * r.klNats)]);
  const byMetric = new Map<string, QualityRow[]>();
  for (const row of quality) {
    const key = row.variant ? `quality-${row.metric}-${row.variant}` : `quality-${row.metric}`;
    byMetric.set(key, [...(byMetric.get(key) ?? []), row]);
  }
  for (const [name, rows] of byMetric) {
    put(store, runId, name, [rows.map((r) => r.K), rows.map((r) => r.nfe), rows.map((r) => r.n), rows.map((r) => r.mean), rows.map((r) => r.ciLow), rows.map((r) => r.ciHigh)]);
  }
}

/**
 * Writes a finished comparison into its runs and closes them. Artifacts (float64, shape [columns, n],
 * documented in docs/schedules.md): grid-K{K} (γ, σ, λ, t, ᾱ per grid point), kl-K{K} (k, Δλ, D_k per
 * step), sweep (K, D, S, K·D per K), quality-{metric}[-{variant}] (K, NFE, n, mean, CI low, CI high),
 * and on the LAS run (else the first) loss-curve (γ, raw, isotonic fit, weight or s.e.) when LAS used a
 * tabulated curve. Without a result (cancelled or failed) only the outcome is written.
 */
export function finishStoredComparison(store: Store, stored: StoredComparison, outcome: { status: 'completed' | 'cancelled' | 'failed'; error?: string; elapsedMs: number }, result?: ComparisonResult): void {
  if (result) {
    for (const [name, runId] of stored.runIds) {
      writeScheduleArtifacts(store, runId, result.runs.filter((r) => r.schedule === name), result.quality.filter((q) => q.schedule === name));
    }
    const curve = result.lossCurve ?? (result.mmseTable ? { gammas: result.mmseTable.gammas, raw: result.mmseTable.mmse, isotonic: result.mmseTable.isotonic, weights: result.mmseTable.standardError } : null);
    const holder = stored.runIds.get('las') ?? [...stored.runIds.values()][0];
    if (curve && holder) put(store, holder, 'loss-curve', [curve.gammas, curve.raw, curve.isotonic, curve.weights]);
  }
  for (const runId of stored.runIds.values()) {
    store.finishRun(runId, { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), timings: { computeMs: Math.round(outcome.elapsedMs) } });
  }
}
