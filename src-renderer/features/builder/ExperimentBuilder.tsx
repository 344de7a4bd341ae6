import { memo, type Ref } from 'react';
import type { BuilderState } from '../../state/builder';
import type { DraftResult, IssueKey } from '../../state/draftConfig';
import type { LabActions } from '../../state/store';
import { DataSection } from './DataSection';
import { SamplerSection } from './SamplerSection';
import { SeedsSection } from './SeedsSection';
import { TargetsSection } from './TargetsSection';
import { TextField, type FormView } from './fields';

const ISSUE_LABEL: Partial<Record<IssueKey, string>> = { partition: 'Partition', 'data.images': 'Images' };

function issueLabel(key: IssueKey): string {
  return ISSUE_LABEL[key] ?? key;
}

interface BuilderProps {
  readonly builder: BuilderState;
  readonly draft: DraftResult;
  readonly blockCount: number;
  readonly canRun: boolean;
  readonly canCancel: boolean;
  readonly actions: LabActions;
  readonly presetRef: Ref<HTMLSelectElement>;
  readonly onTargetsFromReference: (() => void) | null;
}

/** The experiment builder: a preset to start from, every field of the config, and Run with every problem explained first. */
export const ExperimentBuilder = memo(function ExperimentBuilder({ builder, draft, blockCount, canRun, canCancel, actions, presetRef, onTargetsFromReference }: BuilderProps) {
  const form: FormView = { values: builder.values, issues: draft.issues, change: actions.changeField };
  const issues = Object.entries(draft.issues) as [IssueKey, string][];
  return (
    <section className="panel builder" aria-labelledby="builder-heading">
      <div className="panel-head">
        <h2 id="builder-heading">Experiment</h2>
        <span className="spacer" />
        <label className="inline preset-picker">
          Preset
          <select ref={presetRef} data-testid="preset-select" value={builder.preset} onChange={(e) => actions.loadPreset(e.target.value)}>
            {builder.preset === '' && <option value="">(from a stored run)</option>}
            {builder.presets.map((p) => <option key={p.name} value={p.name} title={p.description}>{p.name}</option>)}
          </select>
        </label>
        {builder.modified && <span className="badge" title="Fields were edited since the preset was loaded">modified</span>}
      </div>
      <form className="panel-body builder-body" noValidate onSubmit={(e) => { e.preventDefault(); if (canRun) actions.start(); }}>
        <TextField form={form} k="name" label="Name (shown in the history)" wide />
        <DataSection form={form} images={builder.images} errors={builder.imageErrors} onAdd={actions.addImages} onRemove={actions.removeImage} />
        <TargetsSection form={form} blockCount={blockCount} onFromReference={onTargetsFromReference} />
        <SamplerSection form={form} />
        <SeedsSection form={form} />
        <div className="run-bar">
          {issues.length > 0 ? (
            <div className="issues" data-testid="draft-issues" role="status">
              <strong>{issues.length} field{issues.length === 1 ? ' needs' : 's need'} attention before a run:</strong>
              <ul>
                {issues.slice(0, 6).map(([key, message]) => <li key={key}><span className="code">{issueLabel(key)}</span>: {message}</li>)}
              </ul>
            </div>
          ) : (
            <p className="hint" data-testid="draft-ok">Ready: runs {draft.config?.includeUnprojected ? 'the unprojected baseline and ' : ''}{draft.config?.tolerance.mode === 'bounds' ? 'the bounds' : `${draft.config?.tolerance.deltas.length ?? 0} projected variant(s)`} on {draft.config?.seeds.count} seed(s), same noise.</p>
          )}
          <div className="row buttons">
            <button data-testid="start-button" type="submit" className="primary" disabled={!canRun || draft.config === null} title="Ctrl+Enter">Run both</button>
            <button data-testid="cancel-button" type="button" disabled={!canCancel} onClick={() => actions.cancel()} title="Esc">Cancel</button>
          </div>
        </div>
      </form>
    </section>
  );
});
