import { SCHEDULE_NAMES } from '../../../src-shared/schedules/compareConfig';
import type { FigureSpec, PanelSpec } from '../figureSpec';
import type { LoadedInstrument } from '../instruments';
import { column, pointsOf } from './columns';

type Series = Extract<PanelSpec, { kind: 'trace' }>['series'][number];

/** Titles of the schedules panels (what a comparison matches panels of several runs by). */
export const SCHEDULES_TITLES = {
  sigma: 'Noise level σ', lambda: 'log-SNR λ = ln γ', deltaLambda: 'Step size in λ', klPerStep: 'Predicted discretisation KL per step', sweep: 'Predicted KL against K', loss: 'Loss curve LAS adapts to',
} as const;

/**
 * A schedule's stable palette index: its position among every schedule the lab knows (custom lists after them).
 *
 * @example
 * scheduleColor('las') // → 0
 */
export function scheduleColor(name: string): number {
  const i = (SCHEDULE_NAMES as readonly string[]).indexOf(name);
  return i >= 0 ? i : SCHEDULE_NAMES.length + name.length;
}

/**
 * The step counts K a stored comparison has grids for, ascending.
 *
 * @example
 * comparisonKs(loaded) // → [5, 10, 20, 50]
 */
export function comparisonKs(loaded: LoadedInstrument): number[] {
  const Ks = new Set<number>();
  for (const run of loaded.runs) for (const name of Object.keys(run.artifacts)) { const m = /^grid-K(\d+)$/u.exec(name); if (m) Ks.add(Number(m[1])); }
  return [...Ks].sort((a, b) => a - b);
}

/**
 * The schedules at one K, drawn beside each other against the sampler's step (0 = the noisiest
 * level, as the sampler walks them): σ (log), log-SNR λ, the step's Δλ, and its predicted
 * discretisation KL D_k (log, nats), one curve per schedule (spec schedules-las.md §2, docs/schedules.md).
 * Grid point k (0 = γ_max) is sampler step K − k; step k's D_k ends at grid point k.
 *
 * @example
 * schedulesAtK(loaded, 10).panels.map((p) => p.kind === 'trace' && p.yLabel) // → ['σ', 'log-SNR λ', 'Δλ of the step', 'D_k (nats)']
 */
export function schedulesAtK(loaded: LoadedInstrument, K: number): FigureSpec {
  const runs = loaded.runs.filter((r) => r.artifacts[`grid-K${K}`] !== undefined);
  const perPoint = (c: number): Series[] => runs.map((run) => {
    const grid = run.artifacts[`grid-K${K}`]!;
    return { name: run.variant, colorIndex: scheduleColor(run.variant), points: column(grid, c).map((y, k) => ({ x: K - k, y })).reverse() };
  });
  const perStep = (c: number): Series[] => runs.flatMap((run) => {
    const kl = run.artifacts[`kl-K${K}`];
    return kl === undefined ? [] : [{ name: run.variant, colorIndex: scheduleColor(run.variant), points: column(kl, 0).map((k, i) => ({ x: K - k, y: column(kl, c)[i]! })).reverse() }];
  });
  const x = { xLabel: 'sampler step (0 = noisiest)', xTight: true };
  return {
    name: `${loaded.name} schedules at K = ${K}`,
    runIds: runs.map((r) => r.runId),
    panels: [
      { kind: 'trace', ...x, yLabel: 'σ', yScale: 'log', series: perPoint(1).map((s) => ({ ...s, points: s.points.filter((p) => p.y > 0 && Number.isFinite(p.y)) })), title: SCHEDULES_TITLES.sigma },
      { kind: 'trace', ...x, yLabel: 'log-SNR λ', yFromZero: false, series: perPoint(2), title: SCHEDULES_TITLES.lambda },
      { kind: 'trace', ...x, yLabel: 'Δλ of the step', series: perStep(1), title: SCHEDULES_TITLES.deltaLambda },
      { kind: 'trace', ...x, yLabel: 'D_k (nats)', yScale: 'log', series: perStep(2).map((s) => ({ ...s, points: s.points.filter((p) => p.y > 0) })), title: SCHEDULES_TITLES.klPerStep },
    ],
  };
}

/**
 * The predicted discretisation KL D against K on log–log axes, one curve per schedule, with the
 * O(1/K) line L²/(4K) of spec §3.2 (T3) when the comparison stored L (its 'constants'), and the
 * loss curve LAS adapted to (raw and isotonic, against γ) when it was tabulated.
 *
 * @example
 * sweepFigure(loaded).panels[0]?.kind // → 'trace'
 */
export function sweepFigure(loaded: LoadedInstrument): FigureSpec {
  const Ks = comparisonKs(loaded);
  const series: Series[] = loaded.runs.flatMap((run) => {
    const sweep = run.artifacts['sweep'];
    return sweep === undefined ? [] : [{ name: run.variant, colorIndex: scheduleColor(run.variant), points: pointsOf(sweep, 0, 1, (k, d) => d > 0) }];
  });
  const constants = loaded.runs.map((r) => r.artifacts['constants']).find((a) => a !== undefined);
  const L = constants?.data[0];
  if (L !== undefined && L > 0) series.push({ name: 'L²/(4K)', colorIndex: 0, dash: '4 3', points: Ks.map((K) => ({ x: K, y: (L * L) / (4 * K) })) });
  const panels: PanelSpec[] = [{ kind: 'trace', xLabel: 'steps K', yLabel: 'D (nats)', xScale: 'log', yScale: 'log', xTicks: Ks, series, title: SCHEDULES_TITLES.sweep }];
  const loss = loaded.runs.map((r) => r.artifacts['loss-curve']).find((a) => a !== undefined);
  if (loss !== undefined) {
    const positive = (x: number, y: number) => x > 0 && y > 0;
    panels.push({
      kind: 'trace', xLabel: 'SNR γ', yLabel: 'x₀-MSE', xScale: 'log', yScale: 'log', title: SCHEDULES_TITLES.loss,
      series: [{ name: 'raw', colorIndex: 2, points: pointsOf(loss, 0, 1, positive) }, { name: 'isotonic fit', colorIndex: 5, points: pointsOf(loss, 0, 2, positive) }],
    });
  }
  return { name: `${loaded.name} KL against K`, runIds: loaded.runs.map((r) => r.runId), panels };
}
