import { FIGURE_FONT } from '../../figures/style';
import { svgMetadata, type FigureLayout, type FigureMetadata } from '../../state/figureSpec';
import { EMBEDDED_FONT_FAMILY } from './font';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One standalone SVG from the panels' drawn <svg>s: a root sized in points (width="…pt", viewBox
 * in the same units), a white background, the metadata, each panel nested at its grid position,
 * the font family set on the root (and, when given, DejaVu Sans embedded as an @font-face so the
 * file renders the same everywhere).
 */
export function composeSvg(panels: readonly SVGSVGElement[], layout: FigureLayout, meta: FigureMetadata, fontBase64?: string): string {
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('version', '1.1');
  root.setAttribute('width', `${layout.widthPt}pt`);
  root.setAttribute('height', `${layout.heightPt}pt`);
  root.setAttribute('viewBox', `0 0 ${layout.widthPt} ${layout.heightPt}`);
  root.setAttribute('font-family', FIGURE_FONT.family);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.appendChild(background);
  panels.forEach((panel, i) => {
    const copy = panel.cloneNode(true) as SVGSVGElement;
    copy.removeAttribute('class');
    copy.removeAttribute('style');
    copy.setAttribute('x', String((i % layout.columns) * layout.panelWidthPt));
    copy.setAttribute('y', String(Math.floor(i / layout.columns) * layout.panelHeightPt));
    copy.setAttribute('width', String(layout.panelWidthPt));
    copy.setAttribute('height', String(layout.panelHeightPt));
    if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${layout.panelWidthPt} ${layout.panelHeightPt}`);
    copy.querySelectorAll('[class]').forEach((el) => el.removeAttribute('class'));
    root.appendChild(copy);
  });
  const style = fontBase64 === undefined ? '' : `<style>@font-face { font-family: '${EMBEDDED_FONT_FAMILY}'; src: url(data:font/ttf;base64,${fontBase64}) format('truetype'); }</style>`;
  const text = new XMLSerializer().serializeToString(root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text.replace(/^<svg([^>]*)>/u, `<svg$1>${svgMetadata(meta)}${style}`)}`;
}
