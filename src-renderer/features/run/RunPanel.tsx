import type { Ref } from 'react';
import { formatDuration } from '../../format';
import { canCancel, canStart, progressFraction, type RunState } from '../../state/run';
import type { LabActions } from '../../state/store';

const STATUS_TEXT: Record<RunState['status'], string> = {
  idle: 'Ready',
  starting: 'Starting…',
  running: 'Running',
  cancelling: 'Cancelling…',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function intOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The Run panel: choose a preset, seeds and steps; start, watch the progress, cancel. */
export function RunPanel({ run, actions, presetRef }: { run: RunState; actions: LabActions; presetRef: Ref<HTMLSelectElement> }) {
  const preset = run.presets.find((p) => p.name === run.form.preset);
  const progress = run.active?.progress;
  const fraction = progressFraction(progress);
  const percent = Math.floor(100 * fraction);
  return (
    <section className="panel run-panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <form
        className="run-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (canStart(run)) actions.start();
        }}
      >
        <label>
          Preset
          <select ref={presetRef} data-testid="preset-select" value={run.form.preset} onChange={(e) => actions.changeForm({ preset: e.target.value })}>
            {run.presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {preset && <p className="hint">{preset.description}. Variants: {preset.variants.join(', ')}.</p>}
        <div className="row">
          <label>
            Seeds
            <input data-testid="seeds-input" type="number" min={1} max={100000} step={1} value={Number.isNaN(run.form.seeds) ? '' : run.form.seeds} onChange={(e) => actions.changeForm({ seeds: intOf(e.target.value) })} />
          </label>
          <label>
            Steps
            <input data-testid="steps-input" type="number" min={1} max={100000} step={1} value={Number.isNaN(run.form.steps) ? '' : run.form.steps} onChange={(e) => actions.changeForm({ steps: intOf(e.target.value) })} />
          </label>
        </div>
        <div className="row buttons">
          <button data-testid="start-button" type="submit" className="primary" disabled={!canStart(run)}>
            Start
          </button>
          <button data-testid="cancel-button" type="button" disabled={!canCancel(run)} onClick={() => actions.cancel()}>
            Cancel
          </button>
        </div>
      </form>
      <div className="progress-block" aria-live="polite">
        <div className="status-line">
          <span data-testid="run-status" data-status={run.status} className={`status status-${run.status}`}>
            {STATUS_TEXT[run.status]}
          </span>
          {run.active && <span className="experiment-name">{run.active.name}</span>}
        </div>
        <div data-testid="progress-bar" className="progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress-fill" style={{ width: `${100 * fraction}%` }} />
        </div>
        <div className="progress-text">
          <span data-testid="progress-text">{progress ? `${percent}% · step ${progress.stepsDone} of ${progress.stepsTotal} · seeds ${progress.seedsDone}/${progress.seedsTotal}` : 'No run yet'}</span>
          <span data-testid="eta">{run.status === 'running' && progress ? `ETA ${formatDuration(progress.etaMs)}` : ''}</span>
        </div>
        {run.message && (
          <p data-testid="run-message" className={run.status === 'failed' ? 'message error' : 'message'}>
            {run.message}
          </p>
        )}
      </div>
    </section>
  );
}
