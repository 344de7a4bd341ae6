import { memo, useDeferredValue, useMemo } from 'react';
import { QuickTrace } from '../../figures/QuickTrace';
import type { TraceSeries } from '../../figures/TraceFigure';
import type { FigureInk } from '../../figures/style';
import { LIVE_METRICS, liveSeries } from '../../state/figures';
import type { LiveState } from '../../state/live';
import { METRIC_LABEL, type StepMetric } from '../../state/series';

/** One live chart; redrawn only when its own series change. */
const LiveChart = memo(function LiveChart({ metric, series, ink, widthPt }: { metric: StepMetric; series: readonly TraceSeries[]; ink: FigureInk; widthPt: number }) {
  return (
    <div className="figure-cell" data-testid={`live-chart-${metric}`}>
      <QuickTrace series={series} xLabel="step" yLabel={METRIC_LABEL[metric]} widthPt={widthPt} heightPt={190} ink={ink} />
    </div>
  );
});

/**
 * Streaming curves (one chart per metric, every variant in each), redrawn when new steps are
 * fetched: canvas copies of the publication figure (QuickTrace), a few ms each, in a deferred
 * (interruptible) render, so new data never holds a frame. Export figures… draws the SVG ones.
 */
export const LiveCurves = memo(function LiveCurves({ series, runIds, variants, ink, widthPt }: { series: LiveState['series']; runIds: LiveState['runIds']; variants: LiveState['variants']; ink: FigureInk; widthPt: number }) {
  const deferred = useDeferredValue(series);
  const fresh = useMemo(() => LIVE_METRICS.map((metric) => liveSeries({ series: deferred, runIds, variants }, metric)), [deferred, runIds, variants]);
  const charts = fresh;
  if (charts.every((c) => c.every((s) => s.points.length === 0))) return <p className="muted" data-testid="live-curves-empty">Curves appear as the first steps are recorded.</p>;
  return (
    <div className="figure-row" data-testid="live-curves">
      {charts.map((series, i) => <LiveChart key={LIVE_METRICS[i]} metric={LIVE_METRICS[i]!} series={series} ink={ink} widthPt={widthPt} />)}
      <p className="hint">Mean over the seeds recorded so far; information quantities in nats.</p>
    </div>
  );
});
