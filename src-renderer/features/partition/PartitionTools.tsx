import { useState } from 'react';
import type { PartitionAction, PartitionState, PartitionTool } from '../../state/partition';

const TOOLS: Record<PartitionTool, string> = { grid: 'Grid', voronoi: 'Voronoi', brush: 'Brush' };

function intIn(text: string, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** The tool bar (tool, undo/redo, compact, clear) and the options of the tool in hand. */
export function PartitionTools({ partition, blockCount, onAction, onImport }: { partition: PartitionState; blockCount: number; onAction: (a: PartitionAction) => void; onImport: (file: File) => void }) {
  const source = partition.source;
  const [rows, setRows] = useState(source.kind === 'grid' ? String(source.rows) : '4');
  const [cols, setCols] = useState(source.kind === 'grid' ? String(source.cols) : '4');
  const r = intIn(rows, partition.height), c = intIn(cols, partition.width);
  return (
    <div className="partition-tools">
      <div className="toolbar" role="toolbar" aria-label="Partition tools">
        {(Object.keys(TOOLS) as PartitionTool[]).map((tool) => (
          <button key={tool} type="button" data-testid={`tool-${tool}`} aria-pressed={partition.tool === tool} onClick={() => onAction({ type: 'partition/tool', tool })}>{TOOLS[tool]}</button>
        ))}
        <span className="toolbar-sep" />
        <button type="button" data-testid="partition-undo" disabled={partition.past.length === 0} title="Ctrl+Z" onClick={() => onAction({ type: 'partition/undo' })}>Undo</button>
        <button type="button" data-testid="partition-redo" disabled={partition.future.length === 0} title="Ctrl+Y" onClick={() => onAction({ type: 'partition/redo' })}>Redo</button>
        <button type="button" data-testid="partition-compact" title="Renumber blocks 0 … K−1, dropping empty ids" onClick={() => onAction({ type: 'partition/compacted' })}>Compact ids</button>
        <button type="button" data-testid="partition-clear" className="danger" onClick={() => onAction({ type: 'partition/cleared' })}>Clear</button>
        <label className="file-button" title="A PNG whose distinct colours are the blocks">
          Import label map…
          <input type="file" accept="image/png,image/*" data-testid="labelmap-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) onImport(f); e.target.value = ''; }} />
        </label>
      </div>
      {partition.tool === 'grid' && (
        <form className="tool-options" onSubmit={(e) => { e.preventDefault(); if (r !== null && c !== null) onAction({ type: 'partition/grid', rows: r, cols: c }); }}>
          <label className="inline">Rows <input data-testid="grid-rows" className="short" value={rows} aria-invalid={r === null || undefined} onChange={(e) => setRows(e.target.value)} /></label>
          <label className="inline">× cols <input data-testid="grid-cols" className="short" value={cols} aria-invalid={c === null || undefined} onChange={(e) => setCols(e.target.value)} /></label>
          <button type="submit" data-testid="grid-apply" disabled={r === null || c === null}>Apply grid</button>
          {(r === null || c === null) && <span className="field-error" data-testid="grid-error">rows in [1, {partition.height}] and cols in [1, {partition.width}], integers</span>}
        </form>
      )}
      {partition.tool === 'voronoi' && (
        <div className="tool-options">
          <span className="hint">Click the image to add a seed; each seed’s cell is a block ({source.kind === 'voronoi' ? source.seeds.length : 0} seeds).</span>
        </div>
      )}
      {partition.tool === 'brush' && (
        <div className="tool-options">
          <label className="inline">Block <input data-testid="brush-block" className="short" type="number" min={0} value={partition.brush.block} onChange={(e) => onAction({ type: 'partition/brush', block: Number(e.target.value) })} /></label>
          <button type="button" data-testid="brush-new-block" onClick={() => onAction({ type: 'partition/brush', block: blockCount })}>New block ({blockCount})</button>
          <label className="inline">Size <input data-testid="brush-size" type="range" min={1} max={16} value={partition.brush.size} onChange={(e) => onAction({ type: 'partition/brush', size: Number(e.target.value) })} /> {partition.brush.size}px</label>
          <button type="button" data-testid="partition-fill" title="Give every unassigned pixel the brush's block" onClick={() => onAction({ type: 'partition/filled' })}>Fill empty</button>
        </div>
      )}
    </div>
  );
}
