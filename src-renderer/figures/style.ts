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

/** The colour of series i: stable for a run once assigned, cycling after eight. */
export function seriesColor(i: number): string {
  return OKABE_ITO[((i % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length]!;
}

/** Dash patterns that separate series in greyscale print too. */
export const DASHES = ['', '4 2', '1 2', '6 2 1 2', '8 3'] as const;
