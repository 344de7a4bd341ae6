import { DASHES } from '../../figures/style';
import type { FigureSpec, PanelSpec } from '../figureSpec';
import type { ComparedInstrument } from '../instrumentCompare';
import type { InstrumentKind } from '../../../src-shared/ipc/contract';
import { comparisonKs, schedulesAtK, SCHEDULES_TITLES, sweepFigure } from './schedules';
import { dynamicsFigure, DYNAMICS_TITLES } from './dynamics';
import { likelihoodFigure, LIKELIHOOD_TITLES } from './likelihood';

type TracePanel = Extract<PanelSpec, { kind: 'trace' }>;

/** One run's figure in a comparison: its legend name, its colour, its figure (null: it stored no curves). */
export interface RunFigure {
  readonly label: string;
  readonly colorIndex: number;
  readonly spec: FigureSpec | null;
}

/** The panels a comparison overlays per instrument (its main curves), in the order shown. */
export const COMPARED_TITLES: Record<InstrumentKind, readonly string[]> = {
  dynamics: [DYNAMICS_TITLES.mmse, DYNAMICS_TITLES.entropy, DYNAMICS_TITLES.classEntropy, DYNAMICS_TITLES.bandwidth],
  schedules: [SCHEDULES_TITLES.sigma, SCHEDULES_TITLES.lambda, SCHEDULES_TITLES.sweep],
  likelihood: [LIKELIHOOD_TITLES.heldOut],
};

/** One run's panel with its series, bands and markers in the run's colour and named after the run. */
function ownPanel(panel: TracePanel, run: RunFigure): TracePanel {
  const named = (name: string) => `${run.label}: ${name}`;
  return {
    ...panel,
    // The k-th series of a run keeps its own dash (a reference line keeps its dash) so curves of one run stay apart.
    series: panel.series.map((s, k) => ({ ...s, name: named(s.name), colorIndex: run.colorIndex, dash: s.dash ?? DASHES[k % DASHES.length] })),
    bands: (panel.bands ?? []).map((b) => ({ ...b, name: named(b.name), colorIndex: run.colorIndex })),
    markers: (panel.markers ?? []).map((m) => ({ ...m, label: named(m.label), colorIndex: run.colorIndex, quiet: true })),
    xReferences: (panel.xReferences ?? []).map((r) => ({ ...r, label: named(r.label) })),
  };
}

/**
 * One figure overlaying the panels of several runs' figures that have the same title, for the
 * titles asked (in that order; a title no run has is left out): every series, band and marker of
 * run r drawn in r's colour and named "label: name" (the k-th series of a run keeps dash k, so
 * curves of one run stay apart and the same quantity has the same dash in every run); axes and
 * scales of the first run having the panel; x ticks the union; horizontal references once;
 * series drawn through x values only others have (runs on different grids). The figure's runs
 * are every run of every figure, for the provenance.
 *
 * @example
 * mergeRunFigures([{ label: 'a', colorIndex: 2, spec: a }, { label: 'b', colorIndex: 5, spec: b }], { name: 'a vs b', titles: ['MMSE with ± 1 s.e.'] })
 *   ?.panels[0]?.series.map((s) => s.name) // → ['a: mmse', 'b: mmse']
 */
export function mergeRunFigures(runs: readonly RunFigure[], options: { readonly name: string; readonly titles: readonly string[] }): FigureSpec | null {
  const panels: TracePanel[] = options.titles.flatMap((title) => {
    const own = runs.flatMap((run) => run.spec?.panels.filter((p): p is TracePanel => p.kind === 'trace' && p.title === title).map((p) => ownPanel(p, run)) ?? []);
    const first = own[0];
    if (first === undefined) return [];
    const ticks = own.some((p) => p.xTicks !== undefined) ? [...new Set(own.flatMap((p) => p.xTicks ?? []))].sort((a, b) => a - b) : undefined;
    const references = own.flatMap((p) => p.references ?? []).filter((r, i, all) => all.findIndex((o) => o.y === r.y && o.label === r.label) === i);
    return [{
      ...first, connectNulls: true, references, ...(ticks === undefined ? {} : { xTicks: ticks }),
      series: own.flatMap((p) => p.series), bands: own.flatMap((p) => p.bands ?? []), markers: own.flatMap((p) => p.markers ?? []), xReferences: own.flatMap((p) => p.xReferences ?? []),
    }];
  });
  if (panels.length === 0) return null;
  return { name: options.name, runIds: [...new Set(runs.flatMap((r) => r.spec?.runIds ?? []))], panels };
}

/**
 * The step counts K every compared schedule comparison has grids for, ascending.
 *
 * @example
 * sharedKs(compared) // → [5, 10] for comparisons with K = [5, 10, 20] and [5, 10]
 */
export function sharedKs(compared: readonly ComparedInstrument[]): number[] {
  const [first, ...rest] = compared.map((c) => comparisonKs(c.loaded));
  return (first ?? []).filter((K) => rest.every((Ks) => Ks.includes(K)));
}

/** The runs of every compared experiment (every stored curve set shown or not: the provenance of a comparison). */
const allRunIds = (compared: readonly ComparedInstrument[]) => compared.flatMap((c) => c.loaded.runs.map((r) => r.runId));

/** A figure of a comparison and what it shows ('dynamics', 'likelihood', 'schedules' at one K, 'sweep' D against K). */
export interface ComparisonFigure {
  readonly key: InstrumentKind | 'sweep';
  readonly spec: FigureSpec;
}

/**
 * The figures of a comparison of instrument runs of one kind (docs/ui.md §9), each exportable:
 * dynamics: MMSE, conditional (or class) entropy and R(λ) against λ in one figure; schedules: σ
 * and log-SNR at the shared K (when K is given), and D against K; likelihood: the held-out NLL
 * against σ0 per law. A figure no run stored curves for is left out. Every figure's provenance
 * lists every run of every compared experiment.
 *
 * @example
 * comparisonFigures('dynamics', compared, null).map((f) => [f.key, f.spec.panels.length]) // → [['dynamics', 3]]
 */
export function comparisonFigures(kind: InstrumentKind, compared: readonly ComparedInstrument[], K: number | null): ComparisonFigure[] {
  const names = compared.map((c) => c.label).join(' vs ');
  const merge = (key: ComparisonFigure['key'], build: (c: ComparedInstrument) => FigureSpec | null, name: string, titles: readonly string[]): ComparisonFigure[] => {
    const merged = mergeRunFigures(compared.map((c) => ({ label: c.label, colorIndex: c.colorIndex, spec: build(c) })), { name, titles });
    return merged === null ? [] : [{ key, spec: { ...merged, runIds: allRunIds(compared) } }];
  };
  const titles = COMPARED_TITLES[kind];
  switch (kind) {
    case 'dynamics':
      return merge('dynamics', (c) => dynamicsFigure(c.loaded), `${names} information dynamics`, titles);
    case 'likelihood':
      return merge('likelihood', (c) => likelihoodFigure(c.loaded), `${names} held-out NLL`, titles);
    case 'schedules': {
      const atK = K === null ? [] : merge('schedules', (c) => schedulesAtK(c.loaded, K), `${names} schedules at K = ${K}`, titles.filter((t) => t !== SCHEDULES_TITLES.sweep));
      return [...atK, ...merge('sweep', (c) => sweepFigure(c.loaded), `${names} KL against K`, [SCHEDULES_TITLES.sweep])];
    }
  }
}
