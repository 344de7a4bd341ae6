import { forwardRef } from 'react';
import { HeatmapFigure } from '../../figures/HeatmapFigure';
import { TraceFigure } from '../../figures/TraceFigure';
import { PAPER_INK } from '../../figures/style';
import { tracePanelProps, type FigureLayout, type FigureSpec } from '../../state/figureSpec';

/**
 * The figure as it will be exported: every panel at its size in points, in publication ink (black
 * on white), whatever the UI theme. Exports serialize exactly these <svg>s.
 */
export const FigurePreview = forwardRef<HTMLDivElement, { spec: FigureSpec; layout: FigureLayout }>(function FigurePreview({ spec, layout }, ref) {
  return (
    <div ref={ref} className="figure-preview" data-testid="figure-preview" style={{ gridTemplateColumns: `repeat(${layout.columns}, ${layout.panelWidthPt}px)`, width: layout.widthPt }}>
      {spec.panels.map((panel, i) => (
        <div key={i} className="preview-panel" data-panel={i}>
          {panel.kind === 'trace' ? (
            <TraceFigure {...tracePanelProps(panel)} widthPt={layout.panelWidthPt} heightPt={layout.panelHeightPt} ink={PAPER_INK} />
          ) : (
            <HeatmapFigure values={panel.values} xs={panel.xs} xLabel={panel.xLabel} yLabel={panel.yLabel} colorLabel={panel.colorLabel} widthPt={layout.panelWidthPt} heightPt={layout.panelHeightPt} ink={PAPER_INK}
              {...(panel.title === undefined ? {} : { title: panel.title })} />
          )}
        </div>
      ))}
    </div>
  );
});

/** The drawn <svg> of each panel of a preview, in panel order (recharts' surface for curves, the heatmap's own svg). */
export function previewSvgs(container: HTMLElement): SVGSVGElement[] {
  return [...container.querySelectorAll<HTMLElement>('.preview-panel')].map((panel) => {
    const svg = panel.querySelector<SVGSVGElement>('svg.recharts-surface') ?? panel.querySelector<SVGSVGElement>('svg.heatmap-figure');
    if (svg === null) throw new Error('a panel has not been drawn yet');
    return svg;
  });
}
