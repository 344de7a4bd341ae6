import type { Summary } from '../../../src-shared/math/stats';
import { seriesColor } from '../../figures/style';
import { formatMetric } from '../../format';
import { FINAL_KEYS, type ComparedRun, type FinalsCell, type FinalKey } from '../../state/compare';
import { variantLabel } from '../../state/series';

const LABEL: Record<FinalKey, string> = { eInf: 'e∞', e1: 'e₁', vDeltaNats: 'V_δ (nats)', vDeltaCoarseNats: 'V_δ blocks (nats)', vNats: 'V (nats)', mse: 'MSE', psnr: 'PSNR (dB)' };

function ci(s: Summary): string {
  if (s.n === 0) return '—';
  return Number.isFinite(s.ciHalfWidth) ? `${formatMetric(s.mean)} ± ${formatMetric(s.ciHalfWidth)}` : formatMetric(s.mean);
}

/** Final metrics over seeds: mean ± 95% CI per run, and the paired difference against the same experiment's unprojected run. */
export function FinalsTable({ runs, table, colors }: { runs: readonly ComparedRun[]; table: Map<string, Record<FinalKey, FinalsCell>>; colors: Map<string, number> }) {
  const shown = runs.filter((r) => table.has(r.record.id));
  if (shown.length === 0) return <p className="muted">Loading the finals…</p>;
  return (
    <div className="finals-wrap">
      <table className="finals-table" data-testid="finals-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {shown.map((r) => <th key={r.record.id} scope="col" className="num"><span className="chip" style={{ background: seriesColor(colors.get(r.record.id) ?? 0) }} />{variantLabel(r.record.variant)}<div className="muted small">n = {table.get(r.record.id)!.eInf.summary.n}</div></th>)}
          </tr>
        </thead>
        <tbody>
          {FINAL_KEYS.map((key) => (
            <tr key={key} data-testid={`finals-${key}`}>
              <th scope="row">{LABEL[key]}</th>
              {shown.map((r) => {
                const cell = table.get(r.record.id)![key];
                return (
                  <td key={r.record.id} className="num mono">
                    <div>{ci(cell.summary)}</div>
                    {cell.paired && <div className="paired" title="Paired by seed: this run − the unprojected run of its experiment (shared noise)">Δ {ci(cell.paired)}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Mean ± half-width of the 95% t-interval over seeds. Δ: paired difference against the experiment’s unprojected run over the seeds both have (common noise, so the pairing removes the shared variance).</p>
    </div>
  );
}
