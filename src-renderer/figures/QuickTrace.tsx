import { memo, useEffect, useRef } from 'react';
import { DASHES, FIGURE_FONT, PAPER_INK, seriesColor, type FigureInk } from './style';
import { logTicks, niceTicks } from './ticks';
import { formatTick, type TraceSeries } from './TraceFigure';

export interface QuickTraceProps {
  readonly series: readonly TraceSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly ink?: FigureInk;
  readonly yScale?: 'linear' | 'log';
}

const MARGIN = { left: 48, right: 12, bottom: 30 };

function extent(series: readonly TraceSeries[], pick: (p: { x: number; y: number }) => number, keep: (v: number) => boolean): [number, number] {
  let min = Infinity, max = -Infinity;
  for (const s of series) for (const p of s.points) { const v = pick(p); if (keep(v)) { min = Math.min(min, v); max = Math.max(max, v); } }
  return [min, max];
}

/**
 * The screen copy of a TraceFigure drawn on a canvas, for curves that stream (the live view): the
 * same series, palette, dashes, legend and labels, at a cost of a few milliseconds per redraw, so
 * a 1000-step run never stalls a frame. Exports always go through TraceFigure (SVG).
 */
export const QuickTrace = memo(function QuickTrace({ series, xLabel, yLabel, widthPt, heightPt, ink = PAPER_INK, yScale = 'linear' }: QuickTraceProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(widthPt * ratio);
    canvas.height = Math.round(heightPt * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = ink.background;
    ctx.fillRect(0, 0, widthPt, heightPt);
    const log = yScale === 'log';
    const [x0, x1] = extent(series, (p) => p.x, Number.isFinite);
    const [yMin, yMax] = extent(series, (p) => p.y, (v) => Number.isFinite(v) && (!log || v > 0));
    const font = `${FIGURE_FONT.tickSizePt}px ${FIGURE_FONT.family}`;
    // Legend, one row per as many names as fit.
    ctx.font = font;
    let lx = MARGIN.left, ly = 10;
    series.forEach((s, i) => {
      const w = 20 + ctx.measureText(s.name).width + 8;
      if (lx > MARGIN.left && lx + w > widthPt - MARGIN.right) { lx = MARGIN.left; ly += FIGURE_FONT.tickSizePt + 3; }
      ctx.strokeStyle = seriesColor(s.colorIndex, ink);
      ctx.setLineDash((DASHES[i % DASHES.length] ?? '').split(' ').filter(Boolean).map(Number));
      ctx.beginPath(); ctx.moveTo(lx, ly - 2.5); ctx.lineTo(lx + 12, ly - 2.5); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = ink.foreground;
      ctx.fillText(s.name, lx + 15, ly);
      lx += w;
    });
    const top = ly + 8, left = MARGIN.left, right = widthPt - MARGIN.right, bottom = heightPt - MARGIN.bottom;
    if (!Number.isFinite(x0) || !Number.isFinite(yMin)) return;
    const lo = log ? yMin : Math.min(0, yMin), hi = yMax > lo ? yMax : lo + 1;
    const ty = (v: number) => (log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
    const sx = (x: number) => left + ((x - Math.min(0, x0)) / Math.max(1e-300, x1 - Math.min(0, x0))) * (right - left);
    const sy = (y: number) => bottom - ty(y) * (bottom - top);
    // Grid and ticks.
    ctx.strokeStyle = ink.grid; ctx.lineWidth = 0.5; ctx.fillStyle = ink.foreground; ctx.font = font;
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    for (const t of log ? logTicks(lo, hi) : niceTicks(lo, hi, 4)) {
      ctx.beginPath(); ctx.moveTo(left, sy(t)); ctx.lineTo(right, sy(t)); ctx.stroke();
      ctx.fillText(formatTick(t), left - 4, sy(t));
    }
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (const t of niceTicks(Math.min(0, x0), x1, 4)) {
      ctx.beginPath(); ctx.moveTo(sx(t), top); ctx.lineTo(sx(t), bottom); ctx.stroke();
      ctx.fillText(formatTick(t), sx(t), bottom + 3);
    }
    ctx.strokeStyle = ink.foreground; ctx.lineWidth = 0.6;
    ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, bottom); ctx.lineTo(right, bottom); ctx.stroke();
    ctx.font = `${FIGURE_FONT.sizePt}px ${FIGURE_FONT.family}`;
    ctx.fillText(xLabel, (left + right) / 2, bottom + 15);
    ctx.save(); ctx.translate(10, (top + bottom) / 2); ctx.rotate(-Math.PI / 2); ctx.textBaseline = 'middle'; ctx.fillText(yLabel, 0, 0); ctx.restore();
    // Lines; NaN (or ≤ 0 on a log axis) breaks a line.
    ctx.save(); ctx.beginPath(); ctx.rect(left, top - 1, right - left, bottom - top + 2); ctx.clip();
    series.forEach((s, i) => {
      ctx.strokeStyle = seriesColor(s.colorIndex, ink); ctx.lineWidth = 1;
      ctx.setLineDash((DASHES[i % DASHES.length] ?? '').split(' ').filter(Boolean).map(Number));
      ctx.beginPath();
      let pen = false;
      for (const p of s.points) {
        if (!Number.isFinite(p.y) || (log && p.y <= 0)) { pen = false; continue; }
        if (pen) ctx.lineTo(sx(p.x), sy(p.y)); else ctx.moveTo(sx(p.x), sy(p.y));
        pen = true;
      }
      ctx.stroke();
    });
    ctx.restore();
  }, [series, xLabel, yLabel, widthPt, heightPt, ink, yScale]);
  return <canvas ref={ref} className="quick-trace" style={{ width: widthPt, height: heightPt }} role="img" aria-label={`${yLabel} against ${xLabel}: ${series.map((s) => s.name).join(', ')}`} />;
});
