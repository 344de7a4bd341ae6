import { VENUE_WIDTHS_PT, type VenuePreset } from '../figures/style';
import type { TraceBand, TraceMarker } from '../figures/TraceFigure';

/** One chart of a figure, as plain data (what is drawn is exactly what the CSV holds). */
export type PanelSpec =
  | {
      readonly kind: 'trace';
      readonly title?: string;
      readonly series: readonly { readonly name: string; readonly points: readonly { readonly x: number; readonly y: number }[]; readonly colorIndex: number; readonly dash?: string }[];
      readonly xLabel: string;
      readonly yLabel: string;
      readonly yScale?: 'linear' | 'log';
      readonly yFromZero?: boolean;
      readonly xScale?: 'linear' | 'log';
      readonly xFromZero?: boolean;
      readonly xTicks?: readonly number[];
      readonly xTight?: boolean;
      readonly bands?: readonly TraceBand[];
      readonly markers?: readonly TraceMarker[];
      readonly references?: readonly { readonly y: number; readonly label: string; readonly colorIndex: number }[];
      readonly xReferences?: readonly { readonly x: number; readonly label: string }[];
      readonly connectNulls?: boolean;
    }
  | {
      readonly kind: 'heatmap';
      readonly title?: string;
      readonly values: readonly (readonly number[])[];
      readonly xs: readonly number[];
      readonly xLabel: string;
      readonly yLabel: string;
      readonly colorLabel: string;
    };

/** A figure to publish: one or more panels, and the runs they show (provenance). */
export interface FigureSpec {
  readonly name: string;
  readonly panels: readonly PanelSpec[];
  readonly runIds: readonly string[];
}

/** Where each panel goes on the page, in points. */
export interface FigureLayout {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly columns: number;
  readonly panelWidthPt: number;
  readonly panelHeightPt: number;
}

/**
 * The page of a figure at a venue's width: single column holds one panel per row, NeurIPS text
 * width two, double column two (three from five panels on). Panels keep a 4:3-ish aspect
 * (height = 0.72 × width, at least 150 pt) so labels stay legible at 7–8 pt.
 *
 * @example
 * figureLayout(1, 'single-column') // → { widthPt: 243, heightPt: 175, columns: 1, panelWidthPt: 243, panelHeightPt: 175 }
 * figureLayout(6, 'double-column').columns // → 3
 */
export function figureLayout(panels: number, venue: VenuePreset): FigureLayout {
  const widthPt = VENUE_WIDTHS_PT[venue];
  const columns = Math.min(Math.max(1, panels), venue === 'single-column' ? 1 : venue === 'double-column' && panels >= 5 ? 3 : 2);
  const panelWidthPt = Math.floor(widthPt / columns);
  const panelHeightPt = Math.max(150, Math.round(0.72 * panelWidthPt));
  return { widthPt, heightPt: panelHeightPt * Math.ceil(Math.max(1, panels) / columns), columns, panelWidthPt, panelHeightPt };
}

function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The plotted data of a figure as CSV (RFC 4180), one row per drawn point, full precision:
 * `panel,series,x,y` for curves (series = legend name) and `panel,block,x,value` for heatmaps;
 * a band gives two rows per x (kinds band-low and band-high), a marked point one (kind marker,
 * series = its label). Undefined values are empty cells.
 *
 * @example
 * figureCsv({ name: 'f', runIds: [], panels: [{ kind: 'trace', xLabel: 'step', yLabel: 'e', series: [{ name: 'δ = 0.01', colorIndex: 1, points: [{ x: 10, y: 0.5 }] }] }] })
 * // → 'panel,kind,series,x,y\n1,trace,δ = 0.01,10,0.5\n'
 */
export function figureCsv(spec: FigureSpec): string {
  const lines = ['panel,kind,series,x,y'];
  spec.panels.forEach((panel, p) => {
    if (panel.kind === 'trace') {
      for (const s of panel.series) for (const pt of s.points) lines.push([p + 1, 'trace', s.name, pt.x, pt.y].map(csvCell).join(','));
      for (const b of panel.bands ?? []) for (const pt of b.points) lines.push([p + 1, 'band-low', b.name, pt.x, pt.lo].map(csvCell).join(','), [p + 1, 'band-high', b.name, pt.x, pt.hi].map(csvCell).join(','));
      for (const m of panel.markers ?? []) lines.push([p + 1, 'marker', m.label, m.x, m.y].map(csvCell).join(','));
    } else {
      panel.values.forEach((row, t) => row.forEach((v, k) => lines.push([p + 1, 'heatmap', `block ${k}`, panel.xs[t] ?? t, v].map(csvCell).join(','))));
    }
  });
  return `${lines.join('\n')}\n`;
}

/** Provenance written into every exported file. */
export interface FigureMetadata {
  readonly figure: string;
  readonly runIds: readonly string[];
  readonly configHashes: readonly string[];
  readonly appVersion: string;
  readonly created: string;
  readonly venue: VenuePreset;
  readonly dpi?: number;
}

/**
 * The metadata as an SVG <metadata> element: the JSON whole (for machines) and one infodiff:
 * element per field (for people and XPath), text escaped.
 *
 * @example
 * svgMetadata({ figure: 'a<b', runIds: ['r'], configHashes: ['h'], appVersion: '0.1.0', created: 'T', venue: 'single-column' }).includes('a&lt;b') // → true
 */
export function svgMetadata(meta: FigureMetadata): string {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const fields = [
    ['figure', meta.figure], ['runIds', meta.runIds.join(' ')], ['configHashes', meta.configHashes.join(' ')], ['appVersion', meta.appVersion], ['created', meta.created], ['venue', meta.venue],
  ];
  return `<metadata><infodiff:provenance xmlns:infodiff="https://infodiff.lab/ns/figure">${escape(JSON.stringify(meta))}</infodiff:provenance>${fields.map(([k, v]) => `<infodiff:${k} xmlns:infodiff="https://infodiff.lab/ns/figure">${escape(v!)}</infodiff:${k}>`).join('')}</metadata>`;
}

/**
 * A file-name stem from a figure name: lowercase, safe characters only.
 *
 * @example
 * fileStem('e∞ over steps (δ sweep)') // → 'e-over-steps-sweep'
 */
export function fileStem(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '') || 'figure';
}

type TracePanel = Extract<PanelSpec, { kind: 'trace' }>;

/**
 * The TraceFigure props of a trace panel (everything but size and ink), optional fields left out
 * when absent so the figure's defaults apply.
 *
 * @example
 * tracePanelProps({ kind: 'trace', series: [], xLabel: 'λ', yLabel: 'mmse', xFromZero: false }) // → { series: [], xLabel: 'λ', yLabel: 'mmse', xFromZero: false }
 */
export function tracePanelProps(panel: TracePanel): Omit<TracePanel, 'kind'> {
  const { kind: _kind, ...props } = panel;
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as Omit<TracePanel, 'kind'>;
}
