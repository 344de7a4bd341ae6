import { useState } from 'react';
import type { PartitionMetaData } from '../../../src-shared/ipc/contract';
import { formatDate } from '../../format';

/** Save the current partition under a name; load or delete saved ones (sizes other than the data's are resampled on load). */
export function PartitionLibrary({ items, canSave, onSave, onLoad, onDelete }: { items: readonly PartitionMetaData[]; canSave: boolean; onSave: (name: string) => void; onLoad: (id: string) => void; onDelete: (id: string) => void }) {
  const [name, setName] = useState('');
  return (
    <details className="library" data-testid="partition-library">
      <summary>Library ({items.length})</summary>
      <form className="tool-options" onSubmit={(e) => { e.preventDefault(); if (name.trim() !== '' && canSave) { onSave(name.trim()); setName(''); } }}>
        <input data-testid="partition-save-name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} aria-label="Partition name" />
        <button type="submit" data-testid="partition-save" disabled={!canSave || name.trim() === ''} title={canSave ? '' : 'Fix the partition first'}>Save</button>
      </form>
      {items.length === 0 ? <p className="hint">No saved partitions yet.</p> : (
        <ul className="library-list">
          {items.map((p) => (
            <li key={p.id} data-testid="library-item">
              <span>{p.name}</span> <span className="muted mono">{p.height}×{p.width}, K = {p.blockCount}, {formatDate(p.updated)}</span>
              <span className="spacer" />
              <button type="button" onClick={() => onLoad(p.id)}>Load</button>
              <button type="button" className="ghost" aria-label={`Delete ${p.name}`} onClick={() => onDelete(p.id)}>×</button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
