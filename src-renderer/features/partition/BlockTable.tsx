import { blockColor } from '../../figures/style';
import { formatMetric } from '../../format';

/** One row per block: its colour, id, pixel count n_k, and the reference's mass w_k when known. */
export function BlockTable({ counts, masses, selected, onSelect }: { counts: Int32Array; masses: Float64Array | null; selected: number; onSelect: (block: number) => void }) {
  if (counts.length === 0) return <p className="muted" data-testid="blocks-empty">No blocks yet.</p>;
  return (
    <div className="block-table-wrap">
      <table className="block-table" data-testid="block-table">
        <thead>
          <tr><th scope="col">Block</th><th scope="col" className="num">Pixels n_k</th><th scope="col" className="num" title="Mass of the reference image in the block">Mass w_k</th></tr>
        </thead>
        <tbody>
          {Array.from(counts, (n, k) => (
            <tr key={k} data-testid="block-row" data-block={k} aria-selected={k === selected} className={n === 0 ? 'empty-block' : undefined} onClick={() => onSelect(k)} title="Click to paint with this block">
              <td><span className="swatch" style={{ background: blockColor(k) }} /> {k}</td>
              <td className="num" data-testid="block-pixels">{n}</td>
              <td className="num">{masses === null ? '—' : formatMetric(masses[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
