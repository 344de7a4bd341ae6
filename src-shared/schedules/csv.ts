import { csvNumber, toCsv } from '../experiment/csv';
import type { ComparisonResult, ScheduleRun } from './compare';
import type { QualityRow } from './measure';
import { diffGrids } from './resample';
import { ouTimeFromSnr } from './snrGrid';

/**
 * Tidy CSV files of a schedule comparison (one row per point; information in nats). Grid index k
 * follows the spec (k = 0 is γ_max, the clean end); `step` is the sampler's order (0 first, from the
 * noisy end), step = K − k for the step from γ_k to γ_{k−1}.
 */

export const SCHEDULES_CSV_HEADER = ['schedule', 'K', 'k', 'step', 'gamma', 'sigma', 'log_snr', 't', 'alpha_bar', 'delta_log_snr'] as const;

/**
 * One row per grid point: γ, σ = γ^{−1/2}, λ = ln γ, OU time t, ᾱ = γ/(1 + γ), and Δλ of the step that
 * ends at the point (empty at k = K, where sampling starts).
 *
 * @example
 * schedulesCsv(runs).split('\n')[0] // → 'schedule,K,k,step,gamma,sigma,log_snr,t,alpha_bar,delta_log_snr'
 */
export function schedulesCsv(runs: readonly ScheduleRun[]): string {
  const rows = runs.flatMap((run) =>
    Array.from(run.gammas, (gamma, k) => [
      run.schedule, String(run.K), String(k), k === 0 ? '' : String(run.K - k), csvNumber(gamma), csvNumber(1 / Math.sqrt(gamma)), csvNumber(Math.log(gamma)),
      csvNumber(ouTimeFromSnr(gamma)), csvNumber(gamma / (1 + gamma)), k < run.K ? csvNumber(Math.log(gamma / run.gammas[k + 1]!)) : '',
    ]),
  );
  return toCsv(SCHEDULES_CSV_HEADER, rows);
}

export const DDPM_CSV_HEADER = ['schedule', 'K', 'k', 'gamma', 'timestep', 'gamma_timestep', 'log_snr_gap'] as const;

/**
 * One row per grid point of every run mapped to the config's trained DDPM: γ_k, its timestep t_k, the
 * timestep's SNR γ_{t_k} = ᾱ/(1 − ᾱ) and the log-SNR gap ln γ_{t_k} − ln γ_k (spec §8 Q8).
 *
 * @example
 * ddpmCsv(runs).split('\n')[0] // → 'schedule,K,k,gamma,timestep,gamma_timestep,log_snr_gap'
 */
export function ddpmCsv(runs: readonly ScheduleRun[]): string {
  const rows = runs.flatMap((run) => (run.ddpm ? Array.from(run.gammas, (gamma, k) => {
    const mapped = run.ddpm!.gammas[k]!;
    return [run.schedule, String(run.K), String(k), csvNumber(gamma), String(run.ddpm!.timesteps[k]), csvNumber(mapped), csvNumber(Math.log(mapped / gamma))];
  }) : []));
  return toCsv(DDPM_CSV_HEADER, rows);
}

export const KL_CSV_HEADER = ['schedule', 'K', 'kind', 'k', 'step', 'gamma_from', 'gamma_to', 'delta_log_snr', 'kl_nats'] as const;

/**
 * One row per step (kind = step: the step k from γ_k to γ_{k−1}, its Δλ and predicted D_k) and one
 * total row per schedule and K (kind = total: D = Σ_k D_k).
 *
 * @example
 * klCsv(runs).split('\n')[0] // → 'schedule,K,kind,k,step,gamma_from,gamma_to,delta_log_snr,kl_nats'
 */
export function klCsv(runs: readonly ScheduleRun[]): string {
  const rows = runs.flatMap((run) => [
    ...Array.from(run.klPerStep, (kl, index) => {
      const k = index + 1;
      const from = run.gammas[k]!;
      const to = run.gammas[k - 1]!;
      return [run.schedule, String(run.K), 'step', String(k), String(run.K - k), csvNumber(from), csvNumber(to), csvNumber(Math.log(to / from)), csvNumber(kl)];
    }),
    [run.schedule, String(run.K), 'total', '', '', csvNumber(run.gammas[run.K]!), csvNumber(run.gammas[0]!), csvNumber(Math.log(run.gammas[0]! / run.gammas[run.K]!)), csvNumber(run.klNats)],
  ]);
  return toCsv(KL_CSV_HEADER, rows);
}

export const SWEEP_CSV_HEADER = ['schedule', 'K', 'kl_nats', 'k_times_kl', 'loss_sum', 'rate_reference_nats'] as const;

/**
 * One row per schedule and K: D, K·D (flat where D = O(1/K)), the loss Riemann sum S, and the T3
 * reference L²/(4K) (spec §3.2), the O(1/K) line of the sweep figure.
 *
 * @example
 * sweepCsv(result).split('\n')[0] // → 'schedule,K,kl_nats,k_times_kl,loss_sum,rate_reference_nats'
 */
export function sweepCsv(result: Pick<ComparisonResult, 'runs' | 'rateConstant'>): string {
  const rows = result.runs.map((run) => [
    run.schedule, String(run.K), csvNumber(run.klNats), csvNumber(run.K * run.klNats), csvNumber(run.lossSum), csvNumber(result.rateConstant ** 2 / (4 * run.K)),
  ]);
  return toCsv(SWEEP_CSV_HEADER, rows);
}

export const QUALITY_CSV_HEADER = ['schedule', 'K', 'nfe', 'metric', 'variant', 'n', 'mean', 'std', 'ci_low', 'ci_high'] as const;

/**
 * One row per schedule, K, metric and variant: mean over seeds with its 95% t-interval (n = 1 and a
 * zero-width interval for exact 1-D values).
 *
 * @example
 * qualityCsv(rows).split('\n')[0] // → 'schedule,K,nfe,metric,variant,n,mean,std,ci_low,ci_high'
 */
export function qualityCsv(rows: readonly QualityRow[]): string {
  return toCsv(QUALITY_CSV_HEADER, rows.map((r) => [r.schedule, String(r.K), String(r.nfe), r.metric, r.variant, String(r.n), csvNumber(r.mean), csvNumber(r.std), csvNumber(r.ciLow), csvNumber(r.ciHigh)]));
}

export const DIFF_CSV_HEADER = ['schedule', 'reference', 'K', 'k', 'log_snr_gap'] as const;

/**
 * One row per grid point of each schedule against a reference schedule at the same K: λ − λ_ref
 * (diffGrids; positive where the schedule is cleaner). The reference is 'las' when present, else the
 * first schedule.
 *
 * @example
 * diffCsv(runs).split('\n')[0] // → 'schedule,reference,K,k,log_snr_gap'
 */
export function diffCsv(runs: readonly ScheduleRun[]): string {
  const reference = runs.some((r) => r.schedule === 'las') ? 'las' : runs[0]?.schedule;
  const rows = runs.flatMap((run) => {
    const base = runs.find((r) => r.schedule === reference && r.K === run.K);
    if (!base || run === base) return [];
    const { logSnrGap } = diffGrids(run.gammas, base.gammas);
    return Array.from(logSnrGap, (gap, k) => [run.schedule, base.schedule, String(run.K), String(k), csvNumber(gap)]);
  });
  return toCsv(DIFF_CSV_HEADER, rows);
}

export const CURVE_CSV_HEADER = ['gamma', 'sigma', 'raw', 'isotonic', 'weight_or_se'] as const;

/**
 * The loss LAS used, per level: raw (imported mean or MC estimate), the isotonic fit, and its weight
 * (imported) or standard error (Monte Carlo).
 *
 * @example
 * curveCsv(table).split('\n')[0] // → 'gamma,sigma,raw,isotonic,weight_or_se'
 */
export function curveCsv(curve: { gammas: Float64Array; raw: Float64Array; isotonic: Float64Array; weights: Float64Array }): string {
  return toCsv(CURVE_CSV_HEADER, Array.from(curve.gammas, (gamma, i) => [csvNumber(gamma), csvNumber(1 / Math.sqrt(gamma)), csvNumber(curve.raw[i]!), csvNumber(curve.isotonic[i]!), csvNumber(curve.weights[i]!)]));
}

/**
 * Picks the tabulated curve of a result for curveCsv: the imported loss (weights) or the Monte Carlo
 * MMSE table (standard errors); null when LAS used an exact curve.
 *
 * @example
 * lossCurveRows({ lossCurve: null, mmseTable: null }) // → null
 */
export function lossCurveRows(result: Pick<ComparisonResult, 'lossCurve' | 'mmseTable'>): { gammas: Float64Array; raw: Float64Array; isotonic: Float64Array; weights: Float64Array } | null {
  const curve = result.lossCurve;
  if (curve) return curve;
  const table = result.mmseTable;
  return table ? { gammas: table.gammas, raw: table.mmse, isotonic: table.isotonic, weights: table.standardError } : null;
}
