import type { TraceSeries } from '../figures/TraceFigure';
import { bandViolations, type ComparedRun } from './compare';
import type { FigureSpec, PanelSpec } from './figureSpec';
import type { LiveState } from './live';
import { runColorIndices } from './runColors';
import type { ScheduleTrace } from './schedulePlot';
import { meanByStep, METRIC_LABEL, variantLabel, type StepMetric } from './series';

/** The curves of the live view: block-mass errors, potentials, the projection's cost. */
export const LIVE_METRICS: readonly StepMetric[] = ['eInf', 'e1', 'vDeltaNats', 'vDeltaCoarseNats', 'vNats', 'projCostNats'];

/**
 * Series per variant of the followed experiment for a metric: the mean over the seeds recorded so far at each recorded step.
 *
 * @example
 * liveSeries(live, 'eInf').map((s) => s.name) // → ['unprojected', 'δ = 0.01']
 */
export function liveSeries(live: Pick<LiveState, 'series' | 'runIds' | 'variants'>, metric: StepMetric): TraceSeries[] {
  const colors = runColorIndices(live.runIds.map((id, v) => ({ id, variant: live.variants[v] ?? '' })));
  return live.runIds.flatMap((runId, v) => {
    const series = live.series[runId];
    if (series === undefined) return [];
    return [{ name: variantLabel(live.variants[v] ?? runId), points: meanByStep(series, metric), colorIndex: colors.get(runId) ?? v }];
  });
}

/**
 * Series per compared run for a metric (mean over seeds), each in the run's stable colour; the
 * experiment is named when runs of several experiments are overlaid.
 *
 * @example
 * overlaySeries(runs, 'eInf', colors)[0]?.name // → 'unprojected'
 */
export function overlaySeries(runs: readonly ComparedRun[], metric: StepMetric, colors: Map<string, number>): TraceSeries[] {
  const several = new Set(runs.map((r) => r.record.experimentId)).size > 1;
  return runs.flatMap((run) => (run.series === null ? [] : [{ name: `${variantLabel(run.record.variant)}${several ? ` (${run.record.experiment})` : ''}`, points: meanByStep(run.series, metric), colorIndex: colors.get(run.record.id) ?? 0 }]));
}

/** A trace panel of a metric. */
function tracePanel(series: TraceSeries[], metric: StepMetric, title?: string): PanelSpec {
  return { kind: 'trace', series, xLabel: 'step', yLabel: METRIC_LABEL[metric], ...(title === undefined ? {} : { title }) };
}

/**
 * The live view's curves as one figure (six panels), or a single metric's.
 *
 * @example
 * liveFigure(live, 'paper-toy').panels.length // → 6
 */
export function liveFigure(live: LiveState, name: string, metrics: readonly StepMetric[] = LIVE_METRICS): FigureSpec {
  return { name: `${name} curves`, runIds: live.runIds, panels: metrics.map((m) => tracePanel(liveSeries(live, m), m)) };
}

/**
 * The heatmap panel of a compared run: band violation per block (rows) over its frames (columns, x = steps done).
 *
 * @example
 * heatmapPanel(run)?.kind // → 'heatmap'
 */
export function heatmapPanel(run: ComparedRun | undefined): PanelSpec | null {
  const blocks = run?.blocks;
  if (blocks == null || blocks.steps.length === 0) return null;
  return { kind: 'heatmap', values: bandViolations(blocks), xs: blocks.steps.map((s) => s + 1), xLabel: 'step', yLabel: 'block k', colorLabel: 'violation max(L − w, w − U, 0)', title: `${variantLabel(run!.record.variant)}: per-block violation` };
}

/**
 * Compare's figures: the overlay of `metric`, the heatmap of `heatRun`, or both as a panel set.
 *
 * @example
 * compareFigure(runs, colors, { metric: 'eInf', heatRun, include: 'both' }).panels.length // → 2
 */
export function compareFigure(runs: readonly ComparedRun[], colors: Map<string, number>, options: { metric: StepMetric; heatRun: ComparedRun | undefined; include: 'overlay' | 'heatmap' | 'both' }): FigureSpec {
  const panels: PanelSpec[] = [];
  if (options.include !== 'heatmap') panels.push(tracePanel(overlaySeries(runs, options.metric, colors), options.metric));
  const heat = options.include === 'overlay' ? null : heatmapPanel(options.heatRun);
  if (heat !== null) panels.push(heat);
  const experiments = [...new Set(runs.map((r) => r.record.experiment))].join(', ');
  const runIds = options.include === 'heatmap' && options.heatRun ? [options.heatRun.record.id] : runs.map((r) => r.record.id);
  return { name: `${experiments} ${options.include === 'heatmap' ? 'violation heatmap' : options.include === 'both' ? `${options.metric} and violations` : options.metric}`, runIds, panels };
}

/**
 * The schedule plot as a figure (σ on a log axis, log-SNR); it shows no run.
 *
 * @example
 * scheduleFigure(trace, 'linear-beta').panels.length // → 2
 */
export function scheduleFigure(trace: ScheduleTrace, kind: string): FigureSpec {
  return {
    name: `${kind} schedule`, runIds: [], panels: [
      { kind: 'trace', series: [{ name: 'σ_i', points: trace.sigma, colorIndex: 4 }], xLabel: 'step i', yLabel: 'σ', yScale: 'log' },
      { kind: 'trace', series: [{ name: 'λ_i = −2 ln σ_i', points: trace.logSnr, colorIndex: 5 }], xLabel: 'step i', yLabel: 'log-SNR λ', yFromZero: false },
    ],
  };
}
