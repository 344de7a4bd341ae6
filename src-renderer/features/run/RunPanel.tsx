import { formatDuration } from '../../format';
import { canCancel, progressFraction, type RunState } from '../../state/run';
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

/** The run followed: status, progress with ETA, the backend in use, cancel. */
export function RunPanel({ run, actions }: { run: RunState; actions: LabActions }) {
  const progress = run.active?.progress;
  const fraction = progressFraction(progress);
  const percent = Math.floor(100 * fraction);
  return (
    <div className="progress-block" aria-live="polite" data-testid="run-panel">
      <div className="status-line">
        <span data-testid="run-status" data-status={run.status} className={`status status-${run.status}`}>{STATUS_TEXT[run.status]}</span>
        {run.active && <span className="experiment-name">{run.active.name}</span>}
        <span className="spacer" />
        {run.active && <span className="badge" data-testid="run-backend" title="The engine backend running this experiment">{run.active.backend}</span>}
        <button type="button" data-testid="live-cancel" disabled={!canCancel(run)} onClick={() => actions.cancel()} title="Esc">Cancel</button>
        <button type="button" className="primary" data-testid="live-compare" disabled={run.active === null || (run.status !== 'completed' && run.status !== 'cancelled')} onClick={() => run.active && actions.compareRuns(run.active.runIds)}>Compare</button>
      </div>
      <div data-testid="progress-bar" className="progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${100 * fraction}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="progress-text">{progress ? `${percent}% · step ${progress.stepsDone} of ${progress.stepsTotal} · seeds ${progress.seedsDone}/${progress.seedsTotal}` : 'No run yet: set up the experiment on the left, then Run both (Ctrl+Enter).'}</span>
        <span data-testid="eta">{run.status === 'running' && progress ? `ETA ${formatDuration(progress.etaMs)}` : ''}</span>
      </div>
      {run.message && <p data-testid="run-message" className={run.status === 'failed' ? 'message error' : 'message'}>{run.message}</p>}
    </div>
  );
}
