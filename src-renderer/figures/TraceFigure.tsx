import { Area, CartesianGrid, ComposedChart, Customized, Line, LineChart, ReferenceDot, ReferenceLine, XAxis, YAxis } from 'recharts';
import { DASHES, FIGURE_FONT, PAPER_INK, seriesColor, type FigureInk } from './style';

/** One curve: a name for the legend and points (x, y); y may be NaN (a gap). */
export interface TraceSeries {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Index into the palette (stable per run). */
  readonly colorIndex: number;
  /** A dash pattern instead of the one of the series' position (e.g. '4 3' for a reference line). */
  readonly dash?: string;
}

/** A shaded band between lo and hi (e.g. ± one standard error) behind the curves. */
export interface TraceBand {
  readonly name: string;
  readonly colorIndex: number;
  readonly points: readonly { readonly x: number; readonly lo: number; readonly hi: number }[];
}

/** A marked point (e.g. a refined peak) with a short label. */
export interface TraceMarker {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly colorIndex: number;
  /** Draw the dot without its label (crowded panels); the label still names it in the CSV. */
  readonly quiet?: boolean;
}

export interface TraceFigureProps {
  readonly series: readonly TraceSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly widthPt: number;
  readonly heightPt: number;
  /** Horizontal reference lines, e.g. the tolerances δ, drawn dashed in the series' colour. */
  readonly references?: readonly { readonly y: number; readonly label: string; readonly colorIndex: number }[];
  readonly yScale?: 'linear' | 'log';
  readonly title?: string;
  /** Paper (publication, the default and every export) or the dark UI's screen copy. */
  readonly ink?: FigureInk;
  /** A vertical marker at this x (the compare view's time scrubber). */
  readonly markerX?: number | null;
  /** Start the y axis at 0 (default for a linear scale) or fit the data. */
  readonly yFromZero?: boolean;
  readonly xScale?: 'linear' | 'log';
  /** Start the x axis at 0 (default, steps) or fit the data (λ, σ0, a log axis). */
  readonly xFromZero?: boolean;
  /** End the x axis at the data's last x instead of a rounded value (steps 0…K). */
  readonly xTight?: boolean;
  /** Ticks on x exactly here (e.g. the K of a sweep). */
  readonly xTicks?: readonly number[];
  readonly bands?: readonly TraceBand[];
  readonly markers?: readonly TraceMarker[];
  /** Vertical reference lines, e.g. a crossing. */
  readonly xReferences?: readonly { readonly x: number; readonly label: string }[];
  /** Draw each series through x values the others have and it lacks (series on different grids). */
  readonly connectNulls?: boolean;
}

/** Joins the series (and bands, as [lo, hi] pairs) on x so recharts can draw them in one chart. */
function joinOnX(series: readonly TraceSeries[], bands: readonly TraceBand[] = []): Record<string, number | [number, number]>[] {
  const rows = new Map<number, Record<string, number | [number, number]>>();
  const row = (x: number) => {
    const found = rows.get(x) ?? { x };
    rows.set(x, found);
    return found;
  };
  series.forEach((s, i) => {
    for (const p of s.points) row(p.x)[`s${i}`] = p.y;
  });
  bands.forEach((b, i) => {
    for (const p of b.points) if (Number.isFinite(p.lo) && Number.isFinite(p.hi)) row(p.x)[`b${i}`] = [p.lo, p.hi];
  });
  return [...rows.values()].sort((a, b) => (a['x'] as number) - (b['x'] as number));
}

/**
 * A metric against step for several series, in publication style: fixed size in points, axis labels
 * and a legend always present, no animation (what is exported is what was drawn).
 */
export function TraceFigure(props: TraceFigureProps) {
  const bands = props.bands ?? [];
  const data = joinOnX(props.series, bands);
  const ink = props.ink ?? PAPER_INK;
  const font = { fontFamily: FIGURE_FONT.family, fontSize: FIGURE_FONT.tickSizePt, fill: ink.foreground };
  const fromZero = props.yFromZero ?? props.yScale !== 'log';
  const xFromZero = (props.xFromZero ?? true) && props.xScale !== 'log';
  // A band needs an Area, which only the composed chart draws; the plain line chart stays the default.
  const Chart = bands.length > 0 ? ComposedChart : LineChart;
  return (
    <Chart width={props.widthPt} height={props.heightPt} data={data} margin={{ top: (props.title ? 14 : 0) + 10 + legendRows(props.series, props.widthPt - 60) * (FIGURE_FONT.tickSizePt + 3), right: 14, bottom: 4, left: 4 }} style={{ background: ink.background }}>
      {props.title ? <text x={props.widthPt / 2} y={10} textAnchor="middle" fontFamily={FIGURE_FONT.family} fontSize={FIGURE_FONT.sizePt} fill={ink.foreground}>{props.title}</text> : null}
      <CartesianGrid stroke={ink.grid} strokeWidth={0.5} />
      <XAxis dataKey="x" type="number" scale={props.xScale ?? 'linear'} domain={[xFromZero ? 0 : 'auto', props.xTight ? 'dataMax' : 'auto']} tickCount={5} allowDecimals={!xFromZero}
        {...(props.xTicks === undefined ? {} : { ticks: [...props.xTicks] })} {...(xFromZero ? {} : { tickFormatter: (v: number) => formatTick(v) })} tick={font} stroke={ink.foreground} strokeWidth={0.6}
        label={{ value: props.xLabel, position: 'insideBottom', offset: -2, style: { ...font, fontSize: FIGURE_FONT.sizePt } }} height={28} />
      <YAxis type="number" scale={props.yScale ?? 'linear'} domain={fromZero ? [0, 'auto'] : ['auto', 'auto']} allowDataOverflow={false}
        tick={font} stroke={ink.foreground} strokeWidth={0.6} width={44} tickFormatter={(v: number) => formatTick(v)}
        label={{ value: props.yLabel, angle: -90, position: 'insideLeft', offset: 6, style: { ...font, fontSize: FIGURE_FONT.sizePt, textAnchor: 'middle' } }} />
      <Customized component={<SvgLegend series={props.series} x={52} y={props.title ? 22 : 10} width={props.widthPt - 60} ink={ink} />} />
      {(props.references ?? []).map((r) => (
        <ReferenceLine key={r.label} y={r.y} stroke={ink.muted} strokeDasharray="1 2" strokeWidth={0.6} ifOverflow="extendDomain"
          label={{ value: r.label, position: 'insideBottomLeft', style: { ...font, fontSize: FIGURE_FONT.tickSizePt - 1, fill: ink.muted } }} />
      ))}
      {props.markerX != null && <ReferenceLine x={props.markerX} stroke={ink.muted} strokeWidth={0.8} ifOverflow="hidden" />}
      {(props.xReferences ?? []).map((r) => (
        <ReferenceLine key={`x-${r.label}`} x={r.x} stroke={ink.muted} strokeDasharray="3 2" strokeWidth={0.6} ifOverflow="hidden"
          label={{ value: r.label, position: 'insideTopRight', style: { ...font, fontSize: FIGURE_FONT.tickSizePt - 1, fill: ink.muted } }} />
      ))}
      {bands.map((b, i) => (
        <Area key={`band-${b.name}`} name={b.name} dataKey={`b${i}`} stroke="none" fill={seriesColor(b.colorIndex, ink)} fillOpacity={0.18} isAnimationActive={false} connectNulls={false} />
      ))}
      {props.series.map((s, i) => (
        <Line key={s.name} name={s.name} dataKey={`s${i}`} stroke={seriesColor(s.colorIndex, ink)} strokeDasharray={s.dash ?? DASHES[i % DASHES.length]} strokeWidth={1}
          dot={false} isAnimationActive={false} connectNulls={props.connectNulls ?? false} />
      ))}
      {(props.markers ?? []).map((m, i) => (
        <ReferenceDot key={`m-${i}`} x={m.x} y={m.y} r={2.5} fill={seriesColor(m.colorIndex, ink)} stroke={ink.background} strokeWidth={0.6} ifOverflow="hidden"
          {...(m.quiet ? {} : { label: { value: m.label, position: 'top' as const, style: { ...font, fontSize: FIGURE_FONT.tickSizePt - 1 } } })} />
      ))}
    </Chart>
  );
}

/** Compact tick text: 0.005, 1e-4, 250. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/**
 * The legend drawn in SVG (recharts' own legend is HTML, which an exported SVG would lose): a line
 * sample in the series' colour and dash, then its name; wraps to a new row when the width runs out.
 */
function SvgLegend({ series, x, y, width, ink }: { series: readonly TraceSeries[]; x: number; y: number; width: number; ink: FigureInk }) {
  let cx = 0, row = 0;
  return (
    <g className="figure-legend" fontFamily={FIGURE_FONT.family} fontSize={FIGURE_FONT.tickSizePt}>
      {series.map((s, i) => {
        const itemWidth = 20 + s.name.length * FIGURE_FONT.tickSizePt * 0.58;
        if (cx > 0 && cx + itemWidth > width) { cx = 0; row++; }
        const at = cx;
        cx += itemWidth;
        return (
          <g key={s.name} transform={`translate(${x + at},${y + row * (FIGURE_FONT.tickSizePt + 3)})`}>
            <line x1={0} y1={-2.5} x2={12} y2={-2.5} stroke={seriesColor(s.colorIndex, ink)} strokeWidth={1.2} strokeDasharray={s.dash ?? DASHES[i % DASHES.length]} />
            <text x={15} y={0} fill={ink.foreground}>{s.name}</text>
          </g>
        );
      })}
    </g>
  );
}

/** Rows the SVG legend needs at this width (same packing as SvgLegend). */
function legendRows(series: readonly TraceSeries[], width: number): number {
  let cx = 0, rows = 1;
  for (const s of series) {
    const itemWidth = 20 + s.name.length * FIGURE_FONT.tickSizePt * 0.58;
    if (cx > 0 && cx + itemWidth > width) { cx = 0; rows++; }
    cx += itemWidth;
  }
  return rows;
}
