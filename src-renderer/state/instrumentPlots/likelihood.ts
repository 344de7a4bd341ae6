import type { FigureSpec, PanelSpec } from '../figureSpec';
import type { LoadedInstrument } from '../instruments';
import { column, runOf } from './columns';

/** The warm-up noise laws in the order held-out artifacts index them (src-main/info/storage.ts). */
export const LAW_NAMES = ['gaussian', 'laplace', 'logistic', 'uniform'] as const;

/** Titles of the likelihood panels (what a comparison matches panels of several runs by). */
export const LIKELIHOOD_TITLES = {
  heldOut: 'Held-out NLL against σ0', discrete: 'Discrete NLL by I-MMSE: error against exact', bound: 'Theorem 2 bound L and exact −ln q₀ per model', gap: 'Gap of the bound',
} as const;

/** A model of Theorem 2's bound as the config names it: 'exact', 'kde h = 0.5', 'kde-subset h = 0.3 (3)', 'wiener'. */
function modelName(spec: unknown, m: number): string {
  if (typeof spec !== 'object' || spec === null) return `model ${m}`;
  const s = spec as { kind?: string; h?: number; count?: number };
  return `${s.kind ?? `model ${m}`}${s.h === undefined ? '' : ` h = ${s.h}`}${s.count === undefined ? '' : ` (${s.count})`}`;
}

/** A row of the warm-start table: the law, σ0, the mean NLL of warm-started data and its standard error. */
export interface WarmStartRow {
  readonly law: string;
  readonly sigma0: number;
  readonly nats: number;
  readonly natsSe: number;
  readonly bitsPerDim: number;
}

/**
 * The warm-start section of a stored likelihood run, one row per law (rows of 'nll': index into the
 * config's warmStart.laws, σ0, mean nats, s.e., bits/dim).
 *
 * @example
 * warmStartRows(loaded)[0]?.law // → 'gaussian'
 */
export function warmStartRows(loaded: LoadedInstrument): WarmStartRow[] {
  const config = loaded.config;
  const nll = runOf(loaded, 'warm-start')?.artifacts['nll'];
  if (nll === undefined) return [];
  const laws = ((config as { warmStart?: { laws?: string[] } } | null)?.warmStart?.laws ?? []) as string[];
  const [index, sigma0, nats, se, bits] = [0, 1, 2, 3, 4].map((c) => column(nll, c)) as [number[], number[], number[], number[], number[]];
  return index.map((l, i) => ({ law: laws[l] ?? `law ${l}`, sigma0: sigma0[i]!, nats: nats[i]!, natsSe: se[i]!, bitsPerDim: bits[i]! }));
}

/**
 * The likelihood figure of a stored run (spec info-dynamics-likelihood.md §2): the held-out NLL in
 * bits/dim against the warm-up σ0, one U-curve per noise law; the error of the discrete NLL by I-MMSE against
 * the exact −ln π per point (± s.e. for Monte Carlo rules); Theorem 2's bound L per model beside that model's exact −ln q₀ at each point; and the
 * bound's gap L − (−ln q₀) per point and model. Panels of sections that were not run are left out.
 *
 * @example
 * likelihoodFigure(loaded)?.panels.length // → 2 for a run with the bound only
 */
export function likelihoodFigure(loaded: LoadedInstrument): FigureSpec | null {
  const config = loaded.config;
  const panels: PanelSpec[] = [];
  const heldOut = runOf(loaded, 'held-out')?.artifacts['nll'];
  if (heldOut !== undefined) {
    const law = column(heldOut, 0), sigma0 = column(heldOut, 1), bits = column(heldOut, 4);
    const present = [...new Set(law)].sort((a, b) => a - b);
    panels.push({
      kind: 'trace', xLabel: 'warm-up σ0', xScale: 'log', xFromZero: false, yLabel: 'held-out NLL (bits/dim)', yFromZero: false, title: LIKELIHOOD_TITLES.heldOut, xTicks: [...new Set(sigma0)].filter((_, i, a) => a.length <= 6 || i % 2 === 0),
      series: present.map((l) => ({ name: LAW_NAMES[l] ?? `law ${l}`, colorIndex: l + 1, points: law.flatMap((x, i) => (x === l && Number.isFinite(bits[i]!) ? [{ x: sigma0[i]!, y: bits[i]! }] : [])) })),
    });
  }
  const discrete = runOf(loaded, 'discrete')?.artifacts['nll'];
  if (discrete !== undefined) {
    const index = column(discrete, 0), nats = column(discrete, 1), se = column(discrete, 2), exact = column(discrete, 4);
    const error = index.map((x, i) => ({ x, y: nats[i]! - exact[i]! }));
    panels.push({
      kind: 'trace', xLabel: 'data point', xTight: true, yLabel: 'NLL − (−ln π) (nats)', yFromZero: false, title: LIKELIHOOD_TITLES.discrete,
      series: [{ name: 'I-MMSE − exact', colorIndex: 4, points: error }], references: [{ y: 0, label: 'exact', colorIndex: 0 }],
      bands: se.some((v) => v > 0) ? [{ name: 'error ± s.e.', colorIndex: 4, points: error.map((p, i) => ({ x: p.x, lo: p.y - se[i]!, hi: p.y + se[i]! })) }] : [],
    });
  }
  const bound = runOf(loaded, 'bound');
  const models = Object.keys(bound?.artifacts ?? {}).filter((n) => /^model-\d+$/u.test(n)).sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  if (bound !== undefined && models.length > 0) {
    const specs = ((config as { bound?: { models?: unknown[] } } | null)?.bound?.models ?? []) as unknown[];
    const perModel = models.map((name) => {
      const a = bound.artifacts[name]!, m = Number(name.slice(6)), d = (a.shape[0] ?? 5) - 5;
      return { m, label: modelName(specs[m], m), bound: column(a, d), exact: column(a, d + 1), gap: column(a, d + 2) };
    });
    panels.push({
      kind: 'trace', xLabel: 'point of p̃', xTight: true, yLabel: 'NLL (nats)', yFromZero: false, title: LIKELIHOOD_TITLES.bound,
      series: perModel.flatMap((p) => [
        { name: `L, ${p.label}`, colorIndex: p.m + 1, points: p.bound.map((y, x) => ({ x, y })) },
        { name: `−ln q₀, ${p.label}`, colorIndex: p.m + 1, dash: '4 3', points: p.exact.map((y, x) => ({ x, y })) },
      ]),
    });
    panels.push({ kind: 'trace', xLabel: 'point of p̃', xTight: true, yLabel: 'gap L − (−ln q₀) (nats)', yFromZero: false, title: LIKELIHOOD_TITLES.gap, references: [{ y: 0, label: 'tight', colorIndex: 0 }], series: perModel.map((p) => ({ name: p.label, colorIndex: p.m + 1, points: p.gap.map((y, x) => ({ x, y })) })) });
  }
  return panels.length === 0 ? null : { name: `${loaded.name} likelihood`, runIds: loaded.runs.map((r) => r.runId), panels };
}
