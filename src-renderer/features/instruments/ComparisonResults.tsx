import { useMemo, useState } from 'react';
import { seriesColor, type FigureInk } from '../../figures/style';
import type { FigureSpec } from '../../state/figureSpec';
import { comparisonFigures, sharedKs } from '../../state/instrumentPlots/compare';
import type { InstrumentComparison } from '../../state/instruments';
import { FigurePanels } from './FigurePanels';

const QUANTITIES = {
  dynamics: 'MMSE, conditional entropy and R(λ) against λ',
  schedules: 'σ and log-SNR at a shared K, and D against K',
  likelihood: 'held-out NLL against σ0 per law',
} as const;

/**
 * Several stored experiments of one instrument overlaid: a chip per run in its stable colour, the
 * main curves of every run in one figure per quantity (legend "run: curve"), each exportable with
 * every run id in its provenance; for schedules, a K every comparison has.
 */
export function ComparisonResults({ comparison, ink, onExport, onClose }: { comparison: InstrumentComparison; ink: FigureInk; onExport: (spec: FigureSpec) => void; onClose: () => void }) {
  const { kind, loaded } = comparison;
  const Ks = useMemo(() => (loaded === null || kind !== 'schedules' ? [] : sharedKs(loaded)), [loaded, kind]);
  const [chosen, setChosen] = useState<number | null>(null);
  const K = chosen !== null && Ks.includes(chosen) ? chosen : (Ks.find((k) => k >= 10) ?? Ks.at(-1) ?? null);
  const figures = useMemo(() => (loaded === null ? [] : comparisonFigures(kind, loaded, K)), [loaded, kind, K]);
  return (
    <section className="panel instrument-results" aria-label="Instrument comparison" data-testid="instrument-comparison">
      <div className="panel-head">
        <h2>Comparing {comparison.experiments.length} {kind} runs</h2>
        <span className="run-chips">
          {comparison.experiments.map((e) => <span key={e.experimentId} className="run-chip" data-testid="compared-run"><span className="chip" style={{ background: seriesColor(e.colorIndex, ink) }} />{e.label}</span>)}
        </span>
        <span className="spacer" />
        <button type="button" data-testid="comparison-close" onClick={onClose} title="Back to the last run shown in this tab">Close comparison</button>
      </div>
      <div className="panel-body" data-testid="comparison-plots">
        <p className="hint">{QUANTITIES[kind]}; one colour per run, the run’s name before each curve.</p>
        {comparison.error !== null && <p className="message error" data-testid="comparison-error">Cannot load the runs: {comparison.error}</p>}
        {loaded === null && comparison.error === null && <p className="muted">Loading {comparison.experiments.length} runs…</p>}
        {loaded !== null && kind === 'schedules' && (Ks.length > 0
          ? <label className="inline">K <select data-testid="comparison-k" value={K ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>{Ks.map((k) => <option key={k} value={k}>{k}</option>)}</select></label>
          : <p className="muted">These comparisons share no step count K: σ and log-SNR are not overlaid (D against K is).</p>)}
        {figures.map(({ key, spec }) => <FigurePanels key={key} spec={spec} ink={ink} onExport={onExport} testId={`figure-compare-${key}`} />)}
        {loaded !== null && figures.length === 0 && <p className="muted empty-state">None of these runs stored the curves compared here (cancelled before their first section finished, or sections switched off).</p>}
      </div>
    </section>
  );
}
