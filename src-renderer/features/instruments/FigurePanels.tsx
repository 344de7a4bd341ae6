import { TraceFigure } from '../../figures/TraceFigure';
import type { FigureInk } from '../../figures/style';
import { tracePanelProps, type FigureSpec } from '../../state/figureSpec';

/** A figure's panels on screen (the screen ink), with an Export… that opens the Publish dialog on the same spec. */
export function FigurePanels({ spec, ink, onExport, testId }: { spec: FigureSpec; ink: FigureInk; onExport: (spec: FigureSpec) => void; testId: string }) {
  return (
    <div className="instrument-figure" data-testid={testId}>
      <div className="toolbar">
        <h3>{spec.name}</h3>
        <span className="spacer" />
        <button type="button" data-testid={`${testId}-export`} onClick={() => onExport(spec)}>Export…</button>
      </div>
      <div className="figure-row">
        {spec.panels.map((panel, i) => panel.kind === 'trace' && (
          <div key={i} className="figure-cell" data-testid="instrument-panel" data-title={panel.title ?? ''}>
            <TraceFigure {...tracePanelProps(panel)} widthPt={330} heightPt={240} ink={ink} />
          </div>
        ))}
      </div>
    </div>
  );
}
