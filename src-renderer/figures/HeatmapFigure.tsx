import { FIGURE_FONT, PAPER_INK, type FigureInk } from './style';
import { IN_BAND_COLOR, violationColor } from './colorScale';
import { formatTick } from './TraceFigure';

export interface HeatmapFigureProps {
  /** values[t][k]: the violation of block k at time t (NaN: undefined). */
  readonly values: readonly (readonly number[])[];
  /** The x value (steps done) of each time t. */
  readonly xs: readonly number[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly colorLabel: string;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly title?: string;
  readonly ink?: FigureInk;
  /** Index t of the time marked by the scrubber. */
  readonly markerIndex?: number | null;
}

/**
 * A block × time heatmap in publication style, drawn in plain SVG (so it exports as it is): one
 * cell per (time, block), blocks top to bottom, a colour bar with its label, axis labels always.
 */
export function HeatmapFigure(props: HeatmapFigureProps) {
  const ink = props.ink ?? PAPER_INK;
  const T = props.values.length, K = props.values[0]?.length ?? 0;
  const max = Math.max(0, ...props.values.flatMap((row) => row.filter(Number.isFinite)));
  const top = props.title ? 18 : 6, left = 38, right = 58, bottom = 30;
  const plotW = props.widthPt - left - right, plotH = props.heightPt - top - bottom;
  const cw = T === 0 ? 0 : plotW / T, ch = K === 0 ? 0 : plotH / K;
  const font = { fontFamily: FIGURE_FONT.family, fontSize: FIGURE_FONT.tickSizePt, fill: ink.foreground };
  const xTicks = T <= 1 ? [0] : [0, Math.floor((T - 1) / 2), T - 1];
  const yTicks = K <= 1 ? [0] : [0, Math.floor((K - 1) / 2), K - 1];
  const bar = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={props.widthPt} height={props.heightPt} viewBox={`0 0 ${props.widthPt} ${props.heightPt}`} className="heatmap-figure" style={{ background: ink.background }}>
      <rect width={props.widthPt} height={props.heightPt} fill={ink.background} />
      {props.title ? <text x={props.widthPt / 2} y={11} textAnchor="middle" {...font} fontSize={FIGURE_FONT.sizePt}>{props.title}</text> : null}
      <g transform={`translate(${left},${top})`}>
        {props.values.map((row, t) => row.map((v, k) => (
          <rect key={`${t}-${k}`} x={t * cw} y={k * ch} width={cw} height={ch} fill={violationColor(v, max)} shapeRendering="crispEdges">
            <title>{`block ${k}, step ${props.xs[t] ?? ''}: ${Number.isFinite(v) ? v.toExponential(2) : 'undefined'}`}</title>
          </rect>
        )))}
        <rect x={0} y={0} width={plotW} height={plotH} fill="none" stroke={ink.foreground} strokeWidth={0.6} />
        {props.markerIndex != null && T > 0 && <rect x={props.markerIndex * cw} y={-1} width={cw} height={plotH + 2} fill="none" stroke="#D55E00" strokeWidth={1.2} />}
        {xTicks.map((t) => <text key={t} x={(t + 0.5) * cw} y={plotH + 9} textAnchor="middle" {...font}>{props.xs[t] ?? ''}</text>)}
        {yTicks.map((k) => <text key={k} x={-4} y={(k + 0.5) * ch + 2.5} textAnchor="end" {...font}>{k}</text>)}
        <text x={plotW / 2} y={plotH + 22} textAnchor="middle" {...font} fontSize={FIGURE_FONT.sizePt}>{props.xLabel}</text>
        <text transform={`translate(${-26},${plotH / 2}) rotate(-90)`} textAnchor="middle" {...font} fontSize={FIGURE_FONT.sizePt}>{props.yLabel}</text>
      </g>
      <g transform={`translate(${left + plotW + 10},${top})`}>
        {max > 0 && bar.map((f, i) => i < bar.length - 1 && <rect key={f} x={0} y={plotH * (1 - bar[i + 1]!)} width={8} height={plotH * (bar[i + 1]! - f)} fill={violationColor(max * (f + 0.125), max)} shapeRendering="crispEdges" />)}
        <rect x={0} y={plotH + 3} width={8} height={6} fill={IN_BAND_COLOR} stroke={ink.foreground} strokeWidth={0.3} />
        <text x={11} y={plotH + 8.5} {...font} fontSize={FIGURE_FONT.tickSizePt - 1}>{max > 0 ? '0' : '0: every block in its band'}</text>
        {max > 0 && <text x={11} y={5} {...font} fontSize={FIGURE_FONT.tickSizePt - 1}>{formatTick(max)}</text>}
        <text transform={`translate(${38},${plotH / 2}) rotate(-90)`} textAnchor="middle" {...font} fontSize={FIGURE_FONT.tickSizePt}>{props.colorLabel}</text>
      </g>
    </svg>
  );
}
