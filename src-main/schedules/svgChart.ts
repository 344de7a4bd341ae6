/**
 * A small, dependency-free SVG line chart for the CLI's figures (src-main must not import React):
 * stacked panels sharing an x axis, linear or log axes, lines with markers, optional dashed series
 * and vertical error bars, a legend, Okabe–Ito colours. The plotted data are also written as CSV.
 */

/** Okabe–Ito palette, as in the renderer's figures (src-renderer/figures/style.ts). */
const PALETTE = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Vertical error bars [low, high] per point (same order as points). */
  readonly bars?: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
  /** Colour index; default: the series' position. */
  readonly color?: number;
  /** An explicit stroke colour (reference lines), overriding the palette. */
  readonly stroke?: string;
}

export interface Panel {
  readonly yLabel: string;
  readonly yLog?: boolean;
  readonly series: readonly Series[];
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly xLog?: boolean;
  /** Tick positions of the x axis (e.g. the K values); default: automatic. */
  readonly xTicks?: readonly number[];
  readonly panels: readonly Panel[];
}

const WIDTH = 640;
const PANEL_HEIGHT = 220;
const MARGIN = { left: 78, right: 150, top: 36, bottom: 44, gap: 26 };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** Data range of finite (and, on a log axis, positive) values, padded when degenerate. */
function extent(values: number[], log: boolean): [number, number] {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (usable.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...usable);
  let hi = Math.max(...usable);
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

function scale(lo: number, hi: number, log: boolean, from: number, to: number): (v: number) => number {
  const [a, b] = log ? [Math.log10(lo), Math.log10(hi)] : [lo, hi];
  return (v) => from + (((log ? Math.log10(v) : v) - a) / (b - a)) * (to - from);
}

/** Tick values: at most ~8 powers of ten (every m-th decade) on a log axis, a 1–2–5 step on a linear one. */
function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const first = Math.ceil(Math.log10(lo) - 1e-9);
    const last = Math.floor(Math.log10(hi) + 1e-9);
    const every = Math.max(1, Math.ceil((last - first + 1) / 8));
    const out: number[] = [];
    // Under three decades: 1–2–5 ticks.
    const mantissas = last - first < 2 ? [1, 2, 5] : [1];
    for (let e = first - 1; e <= last; e += every) for (const m of mantissas) if (m * 10 ** e >= lo * (1 - 1e-9) && m * 10 ** e <= hi * (1 + 1e-9)) out.push(m * 10 ** e);
    return out.length >= 2 ? out : [lo, hi];
  }
  const raw = (hi - lo) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(Math.abs(t) < 1e-12 * step ? 0 : t);
  return out;
}

function panelSvg(panel: Panel, top: number, x: (v: number) => number, xTicks: number[], spec: ChartSpec, last: boolean): string {
  const ys = panel.series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.bars ?? []).flat()]);
  const yLog = panel.yLog ?? false;
  const [lo, hi] = extent(ys, yLog);
  const bottom = top + PANEL_HEIGHT;
  const y = scale(lo, hi, yLog, bottom, top);
  const ok = (p: readonly [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!yLog || p[1] > 0) && (!spec.xLog || p[0] > 0);
  const parts: string[] = [`<rect x="${MARGIN.left}" y="${top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`];
  for (const t of ticks(lo, hi, yLog)) parts.push(`<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="10">${fmt(t)}</text><line x1="${MARGIN.left}" x2="${MARGIN.left + 4}" y1="${y(t)}" y2="${y(t)}" stroke="#999"/>`);
  for (const t of xTicks) parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${bottom}" y2="${bottom - 4}" stroke="#999"/>${last ? `<text x="${x(t)}" y="${bottom + 14}" text-anchor="middle" font-size="10">${fmt(t)}</text>` : ''}`);
  parts.push(`<text transform="translate(16 ${top + PANEL_HEIGHT / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escape(panel.yLabel)}</text>`);
  panel.series.forEach((s, i) => {
    const color = s.stroke ?? PALETTE[(s.color ?? i) % PALETTE.length];
    const points = s.points.filter(ok);
    if (points.length > 0) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5 4"' : ''} points="${points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`);
    if (!s.dashed) for (const p of points) parts.push(`<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="2.2" fill="${color}"/>`);
    s.bars?.forEach(([a, b], k) => {
      const p = s.points[k]!;
      if (ok([p[0], a]) && ok([p[0], b])) parts.push(`<line x1="${x(p[0]).toFixed(1)}" x2="${x(p[0]).toFixed(1)}" y1="${y(a).toFixed(1)}" y2="${y(b).toFixed(1)}" stroke="${color}"/>`);
    });
  });
  return parts.join('');
}

/**
 * Renders a chart as a standalone SVG document (white background, fonts named).
 *
 * @example
 * lineChartSvg({ title: 'D against K', xLabel: 'K', xLog: true, panels: [{ yLabel: 'D (nats)', yLog: true, series }] }) // → '<svg …>'
 */
export function lineChartSvg(spec: ChartSpec): string {
  const height = MARGIN.top + spec.panels.length * PANEL_HEIGHT + (spec.panels.length - 1) * MARGIN.gap + MARGIN.bottom;
  const xs = spec.panels.flatMap((p) => p.series.flatMap((s) => s.points.map((q) => q[0])));
  const [lo, hi] = extent(xs, spec.xLog ?? false);
  const x = scale(lo, hi, spec.xLog ?? false, MARGIN.left, WIDTH - MARGIN.right);
  const xTicks = spec.xTicks ? [...spec.xTicks] : ticks(lo, hi, spec.xLog ?? false);
  const body = spec.panels.map((panel, i) => panelSvg(panel, MARGIN.top + i * (PANEL_HEIGHT + MARGIN.gap), x, xTicks, spec, i === spec.panels.length - 1)).join('');
  const legend = (spec.panels[0]?.series ?? []).map((s, i) => {
    const color = s.stroke ?? PALETTE[(s.color ?? i) % PALETTE.length];
    const top = MARGIN.top + 8 + i * 16;
    return `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 30}" y1="${top}" y2="${top}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/><text x="${WIDTH - MARGIN.right + 36}" y="${top + 4}" font-size="11">${escape(s.name)}</text>`;
  }).join('');
  const title = `<text x="${MARGIN.left}" y="20" font-size="13" font-weight="bold">${escape(spec.title)}</text>`;
  const xLabel = `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${height - 8}" text-anchor="middle" font-size="11">${escape(spec.xLabel)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${title}${body}${legend}${xLabel}</svg>\n`;
}
