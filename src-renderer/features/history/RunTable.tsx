import { memo, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { RunRowData } from '../../../src-shared/ipc/contract';
import { formatDate, formatMetric } from '../../format';
import { visibleRange, type HistorySortKey } from '../../state/history';
import { runColorIndices } from '../../state/runColors';
import { seriesColor } from '../../figures/style';
import { variantLabel } from '../../state/series';

export const ROW_HEIGHT = 28;
const OVERSCAN = 12;

const COLUMNS: readonly { key: HistorySortKey | null; label: string; title?: string }[] = [
  { key: null, label: '' }, { key: null, label: '' }, { key: 'name', label: 'Run' }, { key: 'variant', label: 'Variant' }, { key: 'status', label: 'Status' },
  { key: 'created', label: 'Created' }, { key: null, label: 'Seeds' }, { key: 'eInf', label: 'e∞ mean', title: 'Mean over seeds of the final e∞ = max_k |w_k − m_k|' },
  { key: 'vDeltaNats', label: 'V_δ mean', title: 'Mean over seeds of the final V_δ (nats)' },
];

interface RunTableProps {
  readonly rows: readonly RunRowData[];
  readonly selected: readonly string[];
  readonly focused: string | null;
  readonly sort: { readonly key: HistorySortKey; readonly order: 'asc' | 'desc' };
  onSort(key: HistorySortKey): void;
  onToggle(runId: string): void;
  onFocus(runId: string): void;
  onStar(runId: string, starred: boolean): void;
  readonly listRef?: Ref<HTMLDivElement>;
}

/**
 * The runs as a virtualized list: only the rows in view (plus a margin) are in the DOM, so 10,000
 * runs scroll and render like 50. Rows are fixed-height; the colour chip is the run's stable colour.
 */
export const RunTable = memo(function RunTable({ rows, selected, focused, sort, onSort, onToggle, onFocus, onStar, listRef }: RunTableProps) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return undefined;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const { first, last } = visibleRange({ scrollTop: view.top, viewportHeight: view.height, rowHeight: ROW_HEIGHT, count: rows.length, overscan: OVERSCAN });
  const shown = rows.slice(first, last);
  const colors = runColorIndices([...shown].sort((a, b) => a.created - b.created));
  const chosen = new Set(selected);
  return (
    <div className="run-table" role="grid" aria-rowcount={rows.length + 1} data-testid="run-table">
      <div className="run-row run-head" role="row">
        {COLUMNS.map((c, i) => (
          <span key={i} role="columnheader" title={c.title} aria-sort={c.key !== null && sort.key === c.key ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.key === null ? c.label : <button type="button" className="ghost sort" data-testid={`sort-${c.key}`} onClick={() => onSort(c.key!)}>{c.label}{sort.key === c.key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</button>}
          </span>
        ))}
      </div>
      <div className="run-scroll" data-testid="history-scroll" ref={(el) => { scroller.current = el; if (typeof listRef === 'function') listRef(el); }} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((row, k) => (
            <div key={row.id} role="row" aria-rowindex={first + k + 2} aria-selected={row.id === focused} className={chosen.has(row.id) ? 'run-row checked' : 'run-row'} style={{ top: (first + k) * ROW_HEIGHT }}
              data-testid="history-row" data-run-id={row.id} data-experiment-id={row.experimentId} data-status={row.status} onClick={() => onFocus(row.id)}>
              <span role="gridcell"><input type="checkbox" aria-label={`Select ${row.name || row.experiment} ${row.variant}`} data-testid="history-check" checked={chosen.has(row.id)} onClick={(e) => e.stopPropagation()} onChange={() => onToggle(row.id)} /></span>
              <span role="gridcell"><button type="button" className={row.starred ? 'ghost star on' : 'ghost star'} aria-pressed={row.starred} aria-label={row.starred ? 'Unstar' : 'Star'} data-testid="history-star" onClick={(e) => { e.stopPropagation(); onStar(row.id, !row.starred); }}>{row.starred ? '★' : '☆'}</button></span>
              <span role="gridcell" className="run-name"><span className="chip" style={{ background: seriesColor(colors.get(row.id) ?? 0) }} />{row.name || row.experiment}{row.name && row.name !== row.experiment ? <span className="muted"> · {row.experiment}</span> : null}</span>
              <span role="gridcell" className="mono">{variantLabel(row.variant)}</span>
              <span role="gridcell"><span className={`status status-${row.status}`}>{row.status}</span></span>
              <span role="gridcell" className="mono">{formatDate(row.created)}</span>
              <span role="gridcell" className="num">{row.seedCount}</span>
              <span role="gridcell" className="num" data-testid="history-e-inf">{formatMetric(row.summary?.eInf)}</span>
              <span role="gridcell" className="num">{formatMetric(row.summary?.vDeltaNats)}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
});

