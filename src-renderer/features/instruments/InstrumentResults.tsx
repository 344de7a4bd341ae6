import { useMemo, useState } from 'react';
import type { InstrumentKind } from '../../../src-shared/ipc/contract';
import type { FigureInk } from '../../figures/style';
import type { FigureSpec } from '../../state/figureSpec';
import type { InstrumentsState, LoadedInstrument } from '../../state/instruments';
import { dynamicsFigure } from '../../state/instrumentPlots/dynamics';
import { likelihoodFigure, warmStartRows } from '../../state/instrumentPlots/likelihood';
import { comparisonKs, schedulesAtK, sweepFigure } from '../../state/instrumentPlots/schedules';
import { ComparisonResults } from './ComparisonResults';
import { FigurePanels } from './FigurePanels';

const EMPTY: Record<InstrumentKind, string> = {
  schedules: 'No comparison yet: pick a preset (or import a loss CSV) on the left and Start; σ, log-SNR, Δλ and the predicted KL per step appear here.',
  dynamics: 'No curves yet: pick a dataset preset on the left and Start; the MMSE curve, the entropies, the bandwidth and its peaks appear here.',
  likelihood: 'No likelihoods yet: pick a preset on the left and Start; NLLs, the warm start and Theorem 2’s bound with its gap appear here.',
};

function SchedulesPlots({ loaded, ink, onExport }: { loaded: LoadedInstrument; ink: FigureInk; onExport: (spec: FigureSpec) => void }) {
  const Ks = useMemo(() => comparisonKs(loaded), [loaded]);
  const [chosen, setChosen] = useState<number | null>(null);
  const K = chosen !== null && Ks.includes(chosen) ? chosen : (Ks.find((k) => k >= 10) ?? Ks.at(-1) ?? 0);
  const atK = useMemo(() => schedulesAtK(loaded, K), [loaded, K]);
  const sweep = useMemo(() => sweepFigure(loaded), [loaded]);
  return (
    <>
      <label className="inline">K <select data-testid="schedules-k" value={K} onChange={(e) => setChosen(Number(e.target.value))}>{Ks.map((k) => <option key={k} value={k}>{k}</option>)}</select></label>
      <FigurePanels spec={atK} ink={ink} onExport={onExport} testId="figure-schedules" />
      <FigurePanels spec={sweep} ink={ink} onExport={onExport} testId="figure-sweep" />
    </>
  );
}

function WarmStartTable({ loaded }: { loaded: LoadedInstrument }) {
  const rows = warmStartRows(loaded);
  if (rows.length === 0) return null;
  return (
    <table className="finals" data-testid="warm-start-table">
      <caption>Exact NLL of warm-started data, mean over samples of p̃ (≈ H(p̃))</caption>
      <thead><tr><th>law</th><th>σ0</th><th>nats</th><th>± s.e.</th><th>bits/dim</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.law}><td>{r.law}</td><td className="mono">{r.sigma0}</td><td className="mono">{r.nats.toFixed(5)}</td><td className="mono">{r.natsSe.toFixed(5)}</td><td className="mono">{r.bitsPerDim.toFixed(4)}</td></tr>)}</tbody>
    </table>
  );
}

/**
 * What the tab's last loaded experiment shows: its figures (each exportable) and, for likelihoods,
 * the warm-start table; or, while a comparison of this kind is open, the comparison.
 */
export function InstrumentResults({ kind, state, ink, onExport, onCloseComparison }: { kind: InstrumentKind; state: InstrumentsState; ink: FigureInk; onExport: (spec: FigureSpec) => void; onCloseComparison: () => void }) {
  const loaded = state.shown[kind];
  const figure = useMemo(() => (loaded === null ? null : kind === 'dynamics' ? dynamicsFigure(loaded) : kind === 'likelihood' ? likelihoodFigure(loaded) : null), [loaded, kind]);
  if (state.comparison?.kind === kind) return <ComparisonResults comparison={state.comparison} ink={ink} onExport={onExport} onClose={onCloseComparison} />;
  return (
    <section className="panel instrument-results" aria-label="Instrument results">
      <div className="panel-head">
        <h2>{loaded ? loaded.name : 'Results'}</h2>
        <span className="spacer" />
        {loaded && <span className="muted" data-testid="instrument-shown">{loaded.runs.map((r) => `${r.variant} (${r.status})`).join(' · ')}</span>}
        {state.loading && <span className="muted">Loading…</span>}
      </div>
      <div className="panel-body" data-testid="instrument-plots">
        {loaded === null && <p className="muted empty-state" data-testid="instrument-empty">{EMPTY[kind]}</p>}
        {loaded !== null && kind === 'schedules' && <SchedulesPlots loaded={loaded} ink={ink} onExport={onExport} />}
        {figure !== null && <FigurePanels spec={figure} ink={ink} onExport={onExport} testId={`figure-${kind}`} />}
        {loaded !== null && kind === 'likelihood' && <WarmStartTable loaded={loaded} />}
        {loaded !== null && kind !== 'schedules' && figure === null && <p className="muted empty-state">This run stored no curves (cancelled before its first section finished).</p>}
      </div>
    </section>
  );
}
