import { useMemo, useState } from 'react';
import type { InstrumentKind } from '../../../src-shared/ipc/contract';
import { LOSS_PARAMETERISATIONS, type LossParameterisation } from '../../../src-shared/schedules/lossCurve';
import { checkDraft } from '../../state/instrumentDraft';
import { draftModified, instrumentBusy, stageFraction, type InstrumentsState } from '../../state/instruments';
import type { LabActions } from '../../state/store';
import { ConfigFields } from './ConfigFields';

const STATUS_TEXT: Record<InstrumentsState['status'], string> = { idle: 'Ready', starting: 'Starting…', running: 'Running', cancelling: 'Cancelling…', completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' };

/** Reads a training-log CSV (noise level, loss) into the schedules config. */
function LossCsvImport({ actions }: { actions: LabActions }) {
  const [kind, setKind] = useState<LossParameterisation>('x0');
  return (
    <div className="toolbar loss-import">
      <label className="file-button">Import a loss CSV…<input type="file" accept=".csv,.txt,text/csv" data-testid="loss-csv-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) actions.importLossCsv(f, kind); e.target.value = ''; }} /></label>
      <label className="inline">loss is
        <select data-testid="loss-csv-kind" value={kind} onChange={(e) => setKind(e.target.value as LossParameterisation)}>{LOSS_PARAMETERISATIONS.map((k) => <option key={k} value={k}>{k}</option>)}</select>
      </label>
    </div>
  );
}

/** The editor of one instrument: preset, the main fields, the whole config as JSON (checked as typed), start and cancel with progress. */
export function InstrumentEditor({ kind, state, actions }: { kind: InstrumentKind; state: InstrumentsState; actions: LabActions }) {
  const draft = state.drafts[kind];
  const check = useMemo(() => checkDraft(kind, draft.text), [kind, draft.text]);
  const issues = check.ok ? [] : check.issues;
  const presets = state.presets.filter((p) => p.kind === kind);
  const busy = instrumentBusy(state.status);
  const mine = state.active?.kind === kind;
  const progress = mine ? state.active?.progress : null;
  const percent = Math.floor(100 * stageFraction(progress));
  return (
    <section className="panel instrument-editor" aria-label="Instrument config">
      <div className="panel-body">
        <label className="field">Preset
          <select data-testid="instrument-preset" value={draft.preset} onChange={(e) => actions.pickInstrumentPreset(kind, e.target.value)}>
            {presets.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
          </select>
        </label>
        <p className="hint">{presets.find((p) => p.name === draft.preset)?.description}{draftModified(state, kind) ? ' · edited' : ''}</p>
        <ConfigFields kind={kind} text={draft.text} issues={issues} onText={(text) => actions.editInstrument(kind, text)} />
        {kind === 'schedules' && <LossCsvImport actions={actions} />}
        <label className="field wide">Config (JSON: every field; checked as you type)
          <textarea data-testid="instrument-config" rows={16} spellCheck={false} value={draft.text} aria-invalid={!check.ok || undefined} onChange={(e) => actions.editInstrument(kind, e.target.value)} />
        </label>
        {check.ok
          ? <p className="message" data-testid="instrument-ok">Valid {kind} config.</p>
          : <div className="issues" data-testid="instrument-issues">Fix before starting:<ul>{issues.map((i) => <li key={`${i.path}:${i.message}`}><span className="code">{i.path || '(config)'}</span>: {i.message}</li>)}</ul></div>}
        <div className="run-bar">
          <div className="status-line">
            <span data-testid="instrument-status" data-status={mine ? state.status : 'idle'} className={`status status-${mine ? state.status : 'idle'}`}>{STATUS_TEXT[mine ? state.status : 'idle']}</span>
            {mine && state.active && <span className="experiment-name">{state.active.name} · {state.active.backend}</span>}
            <span className="spacer" />
            <button type="button" data-testid="instrument-cancel" disabled={!(mine && state.status === 'running')} onClick={() => actions.cancelInstrument()}>Cancel</button>
            <button type="button" className="primary" data-testid="instrument-start" disabled={!check.ok || busy} onClick={() => actions.startInstrument()}
              title={busy ? 'An instrument is running' : undefined}>Start</button>
          </div>
          <div className="progress" role="progressbar" aria-label="Instrument progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}><div className="progress-fill" style={{ width: `${percent}%` }} /></div>
          <span className="progress-text" data-testid="instrument-progress-text">{progress ? `${progress.stage}: ${progress.done} of ${progress.total}` : busy && !mine ? `A ${state.active?.kind ?? ''} instrument is running.` : ''}</span>
          {mine && state.message && <p data-testid="instrument-message" className={state.status === 'failed' ? 'message error' : 'message'}>{state.message}</p>}
        </div>
      </div>
    </section>
  );
}
