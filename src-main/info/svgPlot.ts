/** One line of a figure: points (NaN breaks the line), an optional ± band, a dashed style. */
export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly band?: ArrayLike<number>;
  readonly dashed?: boolean;
}

/** A line figure: series, axis labels, vertical markers (peaks, crossings). */
export interface Figure {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly { readonly x: number; readonly label: string }[];
  /** Use a log₁₀ scale on x (values must be > 0). */
  readonly logX?: boolean;
}

/** Okabe–Ito colours (colour-blind safe), as the lab's other figures. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const W = 640, H = 400, L = 70, R = 160, T = 36, B = 52;

function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) ticks.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return ticks;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

/**
 * Renders a line figure as a standalone SVG (white background, axes with ticks, legend on the right,
 * dashed vertical markers): the figure export of the instruments' curves, beside their CSV.
 */
export function renderLineSvg(figure: Figure): string {
  const tx = (v: number) => (figure.logX ? Math.log10(v) : v);
  const xs: number[] = [], ys: number[] = [];
  for (const s of figure.series) {
    for (let i = 0; i < s.x.length; i++) {
      const x = tx(s.x[i]!), y = s.y[i]!, b = s.band?.[i] ?? 0;
      if (Number.isFinite(x) && Number.isFinite(y)) { xs.push(x); ys.push(y - (Number.isFinite(b) ? b : 0), y + (Number.isFinite(b) ? b : 0)); }
    }
  }
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  const pad = 0.04 * (y1 - y0);
  y0 -= pad; y1 += pad;
  const px = (x: number) => L + ((tx(x) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y: number) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">`, `<rect width="100%" height="100%" fill="#fff"/>`];
  parts.push(`<text x="${L}" y="20" font-size="13">${escape(figure.title)}</text>`);
  for (const t of niceTicks(y0, y1)) parts.push(`<line x1="${L}" x2="${W - R}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e5e5"/><text x="${L - 6}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  for (const t of niceTicks(x0, x1)) {
    const x = L + ((t - x0) / (x1 - x0 || 1)) * (W - L - R);
    parts.push(`<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#f0f0f0"/><text x="${x}" y="${H - B + 16}" text-anchor="middle">${fmt(figure.logX ? 10 ** t : t)}</text>`);
  }
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">${escape(figure.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${escape(figure.yLabel)}</text>`);
  figure.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    if (s.band) {
      const upper: string[] = [], lower: string[] = [];
      for (let i = 0; i < s.x.length; i++) {
        const y = s.y[i]!, b = s.band[i]!;
        if (!Number.isFinite(y) || !Number.isFinite(b) || !Number.isFinite(tx(s.x[i]!))) continue;
        upper.push(`${px(s.x[i]!)},${py(y + b)}`);
        lower.unshift(`${px(s.x[i]!)},${py(y - b)}`);
      }
      if (upper.length) parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.2" stroke="none"/>`);
    }
    let d = '', pen = false;
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i]!;
      if (!Number.isFinite(y) || !Number.isFinite(tx(s.x[i]!))) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${px(s.x[i]!).toFixed(2)},${py(y).toFixed(2)}`;
      pen = true;
    }
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<line x1="${W - R + 12}" x2="${W - R + 32}" y1="${T + 10 + 16 * k}" y2="${T + 10 + 16 * k}" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/><text x="${W - R + 38}" y="${T + 14 + 16 * k}">${escape(s.name)}</text>`);
  });
  for (const m of figure.markers ?? []) {
    if (!Number.isFinite(tx(m.x))) continue;
    parts.push(`<line x1="${px(m.x)}" x2="${px(m.x)}" y1="${T}" y2="${H - B}" stroke="#555" stroke-dasharray="2 3"/><text x="${px(m.x) + 3}" y="${T + 12}" fill="#555">${escape(m.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
