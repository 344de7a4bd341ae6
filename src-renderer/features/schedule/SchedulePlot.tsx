import { useMemo } from 'react';
import type { ScheduleConfig } from '../../../src-shared/experiment/config';
import { TraceFigure } from '../../figures/TraceFigure';
import type { FigureInk } from '../../figures/style';
import type { FigureSpec } from '../../state/figureSpec';
import { scheduleFigure } from '../../state/figures';
import { scheduleTrace } from '../../state/schedulePlot';

/** The draft's schedule: σ (log scale) and log-SNR against the step, as it will be used (never altered). */
export function SchedulePlot({ schedule, ink, onExport }: { schedule: ScheduleConfig | null; ink: FigureInk; onExport: (spec: FigureSpec) => void }) {
  const trace = useMemo(() => (schedule === null ? null : scheduleTrace(schedule)), [schedule]);
  if (trace === null) return <p className="muted empty-state" data-testid="schedule-invalid">Fix the schedule’s fields (left) to see σ and log-SNR against the step.</p>;
  if ('error' in trace) return <p className="message error" data-testid="schedule-invalid">{trace.error}</p>;
  return (
    <div className="figure-row" data-testid="schedule-plot">
      <TraceFigure series={[{ name: 'σ_i', points: trace.sigma, colorIndex: 4 }]} xLabel="step i" yLabel="σ" yScale="log" widthPt={340} heightPt={230} ink={ink} title="Noise level" />
      <TraceFigure series={[{ name: 'λ_i = −2 ln σ_i', points: trace.logSnr, colorIndex: 5 }]} xLabel="step i" yLabel="log-SNR λ" yFromZero={false} widthPt={340} heightPt={230} ink={ink} title="log-SNR" />
      <button type="button" data-testid="export-schedule" onClick={() => onExport(scheduleFigure(trace, schedule!.kind))}>Export…</button>
      <p className="hint">{trace.steps} steps, {trace.variancePreserving ? 'variance preserving (prior N(0, I))' : 'variance exploding (prior N(0, σ₀² I))'}; σ_N = 0 is not drawn.</p>
    </div>
  );
}
