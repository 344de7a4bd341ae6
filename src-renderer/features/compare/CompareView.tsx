import { useMemo } from 'react';
import { HeatmapFigure } from '../../figures/HeatmapFigure';
import { TraceFigure } from '../../figures/TraceFigure';
import { seriesColor, type FigureInk } from '../../figures/style';
import { bandViolations, binViolations, compareSteps, finalsTable, heatmapColumn, type CompareState } from '../../state/compare';
import { compareFigure, overlaySeries } from '../../state/figures';
import { runColorIndices } from '../../state/runColors';
import { METRIC_LABEL, STEP_METRICS, variantLabel, type StepMetric } from '../../state/series';
import type { LabActions } from '../../state/store';
import { FinalsTable } from './FinalsTable';
import { SideBySide } from './SideBySide';

/** Compare: frames side by side with a synced time scrubber, the per-block violation heatmap, the overlaid curves, the finals over seeds. */
export function CompareView({ compare, actions, ink, onHistory }: { compare: CompareState; actions: LabActions; ink: FigureInk; onHistory: () => void }) {
  const runs = useMemo(() => compare.runIds.flatMap((id) => (compare.runs[id] === undefined ? [] : [compare.runs[id]])).sort((a, b) => a.record.created - b.record.created), [compare]);
  const colors = useMemo(() => runColorIndices(runs.map((r) => ({ id: r.record.id, variant: r.record.variant }))), [runs]);
  const steps = useMemo(() => compareSteps(runs), [runs]);
  const table = useMemo(() => finalsTable(runs), [runs]);
  const series = useMemo(() => overlaySeries(runs, compare.metric, colors), [runs, compare.metric, colors]);
  const heat = compare.heatmapRun === null ? undefined : compare.runs[compare.heatmapRun];
  const binned = useMemo(() => (heat?.blocks ? binViolations(bandViolations(heat.blocks), heat.blocks.steps) : null), [heat]);
  const violations = binned?.values ?? null;
  const step = compare.step ?? steps.at(-1) ?? null;
  const exportFigure = (include: 'overlay' | 'heatmap' | 'both') => actions.showExport(compareFigure(runs, colors, { metric: compare.metric, heatRun: heat, include }));
  if (compare.runIds.length === 0) {
    return (
      <section className="panel empty-state" data-testid="compare-empty">
        <h2>Nothing to compare yet</h2>
        <p>Tick two or more runs in the History, then press Compare; or, after a run, press Compare on the live panel: its projected and unprojected runs open here side by side.</p>
        <button type="button" onClick={onHistory}>Open the History</button>
      </section>
    );
  }
  return (
    <div className="compare" data-testid="compare-view">
      <section className="panel">
        <div className="panel-head">
          <h2>Runs</h2>
          <span className="run-chips">{runs.map((r) => <span key={r.record.id} className="run-chip" data-testid="compare-run"><span className="chip" style={{ background: seriesColor(colors.get(r.record.id) ?? 0) }} />{variantLabel(r.record.variant)} <span className="muted">{r.record.experiment}</span></span>)}</span>
        <span className="panel-actions"><button type="button" data-testid="export-compare-set" onClick={() => exportFigure('both')}>Export panel set…</button></span>
        </div>
        {compare.error && <p className="message error panel-body">{compare.error}</p>}
        <div className="panel-body"><SideBySide runs={runs} steps={steps} step={step} onStep={actions.scrubCompare} /></div>
      </section>
      <div className="compare-grid">
        <section className="panel">
          <div className="panel-head">
            <h2>Curves</h2>
            <select data-testid="compare-metric" aria-label="Metric" value={compare.metric} onChange={(e) => actions.setCompareMetric(e.target.value as StepMetric)}>
              {STEP_METRICS.map((m) => <option key={m} value={m}>{METRIC_LABEL[m]}</option>)}
            </select>
            <span className="panel-actions"><button type="button" data-testid="export-overlay" onClick={() => exportFigure('overlay')}>Export…</button></span>
          </div>
          <div className="panel-body" data-testid="compare-overlay">
            <TraceFigure series={series} xLabel="step" yLabel={METRIC_LABEL[compare.metric]} widthPt={420} heightPt={260} ink={ink} markerX={step === null ? null : step + 1} />
          </div>
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>Per-block violation</h2>
            <select data-testid="heatmap-run" aria-label="Run of the heatmap" value={compare.heatmapRun ?? ''} onChange={(e) => actions.showHeatmapOf(e.target.value)}>
              {runs.map((r) => <option key={r.record.id} value={r.record.id}>{variantLabel(r.record.variant)} · {r.record.experiment}</option>)}
            </select>
            <span className="panel-actions"><button type="button" data-testid="export-heatmap" disabled={violations === null || violations.length === 0} onClick={() => exportFigure('heatmap')}>Export…</button></span>
          </div>
          <div className="panel-body" data-testid="compare-heatmap">
            {violations === null || binned === null || violations.length === 0 ? <p className="muted">No block masses stored (and no frames to read them from).</p> : (
              <HeatmapFigure values={violations} xs={binned.steps.map((s) => s + 1)} xLabel="step" yLabel="block k" colorLabel="max(L − w, w − U, 0)" widthPt={420} heightPt={260} ink={ink}
                markerIndex={heatmapColumn(binned.steps, step)} />
            )}
            <p className="hint">Band violation of each block at each recorded step, seed {heat?.blocks?.seed ?? '—'} (for a run stored before per-step masses were kept, at each stored frame): |w_k − m_k| − δ clipped at 0 for an absolute δ; grey = inside the band{heat?.blocks && heat.blocks.steps.length > (violations?.length ?? 0) ? `; ${heat.blocks.steps.length} steps shown as ${violations?.length ?? 0} columns, each the largest violation of its steps` : ''}.</p>
          </div>
        </section>
      </div>
      <section className="panel">
        <div className="panel-head"><h2>Final metrics over seeds</h2></div>
        <div className="panel-body"><FinalsTable runs={runs} table={table} colors={colors} /></div>
      </section>
    </div>
  );
}
