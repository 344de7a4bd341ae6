import type { ComparedRun } from '../../state/compare';
import { frameAt } from '../../state/live';
import { variantLabel } from '../../state/series';
import { FrameCanvas } from '../live/FrameCanvas';

/** The compared runs' frames of one seed at the scrubbed step, side by side, with each run's block boundaries. */
export function SideBySide({ runs, steps, step, onStep }: { runs: readonly ComparedRun[]; steps: readonly number[]; step: number | null; onStep: (step: number) => void }) {
  const index = step === null ? steps.length - 1 : Math.max(0, steps.indexOf(step));
  const shown = steps[index];
  if (steps.length === 0) return <p className="muted" data-testid="compare-frames-empty">These runs kept no sample frames (frames.count = 0, or no seed finished).</p>;
  return (
    <div className="side-by-side" data-testid="compare-frames">
      <div className="frames-row">
        {runs.map((run) => {
          const blocks = run.blocks;
          const frame = shown === undefined || blocks?.seed == null ? null : frameAt(run.frames, blocks.seed, shown);
          const size = blocks === null ? 0 : Math.max(blocks.height, blocks.width);
          const labels = blocks === null ? null : Int32Array.from(blocks.labels);
          return (
            <figure key={run.record.id} className="frame-figure">
              <FrameCanvas testId="compare-frame" pixels={frame?.pixels ?? null} labels={labels} height={blocks?.height ?? 0} width={blocks?.width ?? 0} scale={size === 0 ? 1 : Math.max(1, Math.floor(150 / size))}
                label={`${run.record.experiment} ${variantLabel(run.record.variant)} after step ${frame === null ? '—' : frame.step + 1}`} />
              <figcaption>{variantLabel(run.record.variant)} <span className="muted">· {run.record.experiment} · seed {blocks?.seed ?? '—'}</span></figcaption>
            </figure>
          );
        })}
      </div>
      <label className="inline scrub">
        Time <input type="range" min={0} max={steps.length - 1} value={index} data-testid="compare-scrub" aria-label="Time scrubber: the step shown in every panel" onChange={(e) => onStep(steps[Number(e.target.value)]!)} />
        <span className="mono" data-testid="compare-step">after step {shown === undefined ? '—' : shown + 1}</span>
      </label>
    </div>
  );
}
