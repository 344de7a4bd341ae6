/**
 * Publication style for exported figures: independent of the UI theme (dark mode never leaks into
 * a paper), sized in points for the usual venue widths, coloured with the Okabe–Ito palette
 * (distinguishable under the common colour-vision deficiencies).
 */

/** Okabe & Ito (2008), "Color Universal Design": black first for the baseline. */
export const OKABE_ITO = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;

/** Figure widths in points (1 in = 72 pt) of common venues. */
export const VENUE_WIDTHS_PT = {
  'single-column': 243, // 3.375 in: ICML, CVPR, IEEE two-column venues
  'double-column': 487, // 6.75 in: full text width of those venues
  'neurips-text': 397, // 5.5 in: NeurIPS / ICLR single-column text width
} as const;
export type VenuePreset = keyof typeof VENUE_WIDTHS_PT;

export const FIGURE_FONT = {
  family: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  sizePt: 8,
  tickSizePt: 7,
} as const;

/**
 * The inks a figure is drawn with. `paper` is the publication style (black on white) and is what
 * every export uses, whatever the UI theme; `dark` only restyles the on-screen copy for the dark
 * UI (the baseline's black becomes a light grey so it stays visible).
 */
export interface FigureInk {
  readonly name: 'paper' | 'dark';
  readonly foreground: string;
  readonly background: string;
  readonly grid: string;
  readonly muted: string;
}

export const PAPER_INK: FigureInk = { name: 'paper', foreground: '#000000', background: '#ffffff', grid: '#e5e5e5', muted: '#555555' };
export const DARK_INK: FigureInk = { name: 'dark', foreground: '#d9dee4', background: '#1c2025', grid: '#343b43', muted: '#9aa3ad' };

/**
 * The colour of series i: stable for a run once assigned, cycling after eight. On the dark ink,
 * Okabe–Ito's black is drawn light grey.
 *
 * @example
 * seriesColor(9) // → '#E69F00'
 * seriesColor(0, DARK_INK) // → '#d9dee4'
 */
export function seriesColor(i: number, ink: FigureInk = PAPER_INK): string {
  const k = ((i % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length;
  return k === 0 ? ink.foreground : OKABE_ITO[k]!;
}

/**
 * The colour of partition block k: Okabe–Ito without black (7 hues), then the same hues lightened
 * (mixed 45% with white) and darkened (mixed 35% with black) for blocks 7–13 and 14–20, then again.
 *
 * @example
 * blockColor(0) // → '#E69F00'
 * blockColor(7) // → a lighter #E69F00
 */
export function blockColor(k: number): string {
  const hues = OKABE_ITO.slice(1);
  const base = hues[((k % hues.length) + hues.length) % hues.length]!;
  const tier = Math.floor(Math.max(k, 0) / hues.length) % 3;
  if (tier === 0) return base;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(base.slice(i, i + 2), 16)) as [number, number, number];
  const mix = (c: number) => Math.round(tier === 1 ? c + (255 - c) * 0.45 : c * 0.65);
  return `#${[r, g, b].map((c) => mix(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Dash patterns that separate series in greyscale print too. */
export const DASHES = ['', '4 2', '1 2', '6 2 1 2', '8 3'] as const;
