import { useEffect, useState } from 'react';
import type { RunRecordData } from '../../../src-shared/ipc/contract';
import { formatDate, formatDuration, formatMetric } from '../../format';
import { instrumentOfPreset } from '../../state/instrumentActions';
import type { LabActions } from '../../state/store';
import { variantLabel } from '../../state/series';

/** A text field saved when it loses focus (or Enter, for one line), if changed. */
function SavedField({ label, value, multiline, testId, onSave }: { label: string; value: string; multiline?: boolean; testId: string; onSave: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const save = () => { if (text !== value) onSave(text); };
  return (
    <label className="field wide">
      {label}
      {multiline
        ? <textarea rows={4} data-testid={testId} value={text} onChange={(e) => setText(e.target.value)} onBlur={save} />
        : <input data-testid={testId} value={text} onChange={(e) => setText(e.target.value)} onBlur={save} onKeyDown={(e) => { if (e.key === 'Enter') save(); }} />}
    </label>
  );
}

/** The focused run: name, notes and tags to edit, its provenance, and what can be done with it. */
export function RunDetails({ record, actions }: { record: RunRecordData | null; actions: LabActions }) {
  if (record === null) return <div className="panel-body muted empty-state" data-testid="run-details-empty">Click a run to see its details, notes and tags here.</div>;
  const s = record.summary;
  const instrument = instrumentOfPreset(record.preset);
  return (
    <div className="panel-body run-details" data-testid="run-details">
      <h3>{record.name || record.experiment} <span className="muted">· {variantLabel(record.variant)}</span></h3>
      <SavedField label="Name" value={record.name} testId="detail-name" onSave={(name) => actions.updateRun(record.id, { name })} />
      <SavedField label="Notes" value={record.notes} multiline testId="detail-notes" onSave={(notes) => actions.updateRun(record.id, { notes })} />
      <SavedField label="Tags of the experiment (comma separated)" value={record.tags.join(', ')} testId="detail-tags"
        onSave={(text) => actions.setTags(record.experimentId, text.split(',').map((t) => t.trim()).filter((t) => t !== ''))} />
      <div className="toolbar">
        {instrument !== null && <button type="button" className="primary" data-testid="detail-open-instrument" onClick={() => actions.openInstrument(record.experimentId, instrument)} title="Open this run's curves in the Instruments view">Show plots</button>}
        {instrument !== null && <button type="button" data-testid="detail-edit-instrument" onClick={() => actions.editInstrumentConfig(record.id, instrument)} title="Load this run's config into the instrument's editor">Edit config</button>}
        {instrument === null && <button type="button" data-testid="detail-duplicate" onClick={() => actions.duplicateConfig(record.id)} title="Load this run's config into the builder">Duplicate config</button>}
        {instrument === null && <button type="button" data-testid="detail-rerun" onClick={() => actions.rerun(record.id)} title="Run the same config again: same seeds, same numbers">Re-run exactly</button>}
        <button type="button" className="danger" data-testid="detail-delete" onClick={() => actions.deleteRuns([record.id])}>Delete</button>
      </div>
      <dl className="facts">
        <dt>Status</dt><dd><span className={`status status-${record.status}`}>{record.status}</span>{record.error ? ` — ${record.error}` : ''}</dd>
        <dt>Experiment</dt><dd>{record.experiment}{record.preset ? ` (preset ${record.preset})` : ''}</dd>
        <dt>Seeds</dt><dd className="mono">{record.seeds.length} ({record.seeds[0]}…{record.seeds.at(-1)}), {s?.seedsFinished ?? 0} finished</dd>
        <dt>Final e∞, V_δ</dt><dd className="mono">{formatMetric(s?.eInf)}, {formatMetric(s?.vDeltaNats)} nats (means)</dd>
        <dt>Backend</dt><dd className="mono">{record.backend}</dd>
        <dt>Created</dt><dd className="mono">{formatDate(record.created)}{record.timings?.['sampleMs'] !== undefined ? `, ran ${formatDuration(record.timings['sampleMs'])}` : ''}</dd>
        <dt>Config hash</dt><dd className="mono code" title={record.configHash}>{record.configHash.slice(0, 16)}…</dd>
        <dt>App version</dt><dd className="mono">{record.appVersion}</dd>
        <dt>Run id</dt><dd className="mono code">{record.id}</dd>
      </dl>
    </div>
  );
}
