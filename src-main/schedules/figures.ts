import type { ComparisonResult } from '../../src-shared/schedules/compare';
import type { ChartSpec, Series } from './svgChart';

/** What the figures are about: the target, or the imported loss curve. */
const subject = (result: ComparisonResult) => result.config.target ?? (result.config.loss.source === 'samples' ? result.config.loss.label : 'loss curve');

/** Schedules in result order (named, then custom). */
function scheduleOrder(result: ComparisonResult): string[] {
  return [...new Set(result.runs.map((r) => r.schedule))];
}

/**
 * The figure of one K: σ, log-SNR λ and Δλ per grid point, and the predicted D_k per step, against the
 * sampler's step (0 = the noisy end), one line per schedule ("drawn beside the schedule", issue 8).
 */
export function scheduleFigure(result: ComparisonResult, K: number): ChartSpec {
  const runs = scheduleOrder(result).map((name) => result.runs.find((r) => r.schedule === name && r.K === K)!).filter(Boolean);
  const perPoint = (f: (gamma: number) => number) => runs.map((run, i): Series => ({ name: run.schedule, color: i, points: Array.from(run.gammas, (g, k) => [run.K - k, f(g)] as const) }));
  const perStep = (f: (run: (typeof runs)[number], k: number) => number) => runs.map((run, i): Series => ({ name: run.schedule, color: i, points: Array.from(run.klPerStep, (_, index) => [run.K - (index + 1), f(run, index + 1)] as const) }));
  return {
    title: `${subject(result)}: schedules and predicted discretisation KL, K = ${K}`,
    xLabel: 'sampler step (0 = noisiest level)',
    panels: [
      { yLabel: 'σ = γ^(−1/2)', yLog: true, series: perPoint((g) => 1 / Math.sqrt(g)) },
      { yLabel: 'log-SNR λ', series: perPoint(Math.log) },
      { yLabel: 'Δλ of the step', series: perStep((run, k) => Math.log(run.gammas[k - 1]! / run.gammas[k]!)) },
      { yLabel: 'D_k (nats)', yLog: true, series: perStep((run, k) => run.klPerStep[k - 1]!) },
    ],
  };
}

/** D against K (log–log) per schedule, with the T3 reference L²/(4K), the O(1/K) line (spec §3.2). */
export function sweepFigure(result: ComparisonResult): ChartSpec {
  const names = scheduleOrder(result);
  const Ks = [...new Set(result.runs.map((r) => r.K))].sort((a, b) => a - b);
  const series: Series[] = names.map((name, i) => ({ name, color: i, points: result.runs.filter((r) => r.schedule === name).map((r) => [r.K, r.klNats] as const) }));
  series.push({ name: 'L²/(4K)', stroke: '#777777', dashed: true, points: Ks.map((K) => [K, result.rateConstant ** 2 / (4 * K)] as const) });
  return { title: `${subject(result)}: predicted discretisation KL against K`, xLabel: 'steps K', xLog: true, xTicks: Ks, panels: [{ yLabel: 'D (nats)', yLog: true, series }] };
}

/** Measured quality against K with 95% CIs, one figure per metric and variant. */
export function qualityFigures(result: ComparisonResult): { name: string; spec: ChartSpec }[] {
  const keys = [...new Set(result.quality.map((q) => `${q.metric}${q.variant ? `|${q.variant}` : ''}`))];
  return keys.map((key) => {
    const [metric, variant = ''] = key.split('|') as [string, string?];
    const rows = result.quality.filter((q) => q.metric === metric && q.variant === variant);
    const positive = rows.every((q) => q.mean > 0 && q.ciLow > 0);
    const series: Series[] = scheduleOrder(result).map((name, i) => {
      const own = rows.filter((q) => q.schedule === name);
      return { name, color: i, points: own.map((q) => [q.K, q.mean] as const), bars: own.map((q) => [q.ciLow, q.ciHigh] as const) };
    });
    const label = variant ? `${metric} (${variant})` : metric;
    return { name: `quality-${metric}${variant ? `-${variant}` : ''}`, spec: { title: `${subject(result)}: measured ${label} against K (mean ± 95% CI)`, xLabel: 'steps K (equal NFE per schedule)', xLog: true, xTicks: [...new Set(rows.map((q) => q.K))].sort((a, b) => a - b), panels: [{ yLabel: label, yLog: positive, series }] } };
  });
}
