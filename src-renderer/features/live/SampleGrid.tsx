import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { frameAt, liveFrameSteps, type LiveState } from '../../state/live';
import { variantLabel } from '../../state/series';
import { FrameCanvas } from './FrameCanvas';

/** Ms each frame step is shown while the grid plays. */
const FRAME_MS = 300;

/**
 * The sample grid: a column per variant, a row per seed with frames; every cell is the state after
 * the same step (common noise, so columns differ only by the projection). While the run goes on the
 * grid plays through the stored steps (requestAnimationFrame-paced); the slider scrubs.
 */
export const SampleGrid = memo(function SampleGrid({ live: current, playing }: { live: LiveState; playing: boolean }) {
  const live = useDeferredValue(current);
  const steps = useMemo(() => liveFrameSteps(live), [live]);
  const seeds = useMemo(() => [...new Set(Object.values(live.frames).flatMap((fs) => fs.map((f) => f.seed)))].sort((a, b) => a - b).slice(0, Math.max(1, live.frameSeeds)), [live]);
  const [index, setIndex] = useState<number | null>(null);
  useEffect(() => {
    if (!playing) setIndex(null);
  }, [playing]);
  useEffect(() => {
    if (!playing || steps.length === 0) return undefined;
    let handle = 0, last = performance.now();
    const tick = (now: number) => {
      if (now - last >= FRAME_MS) {
        last = now;
        setIndex((i) => ((i ?? -1) + 1) % steps.length);
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, steps.length]);
  const shown = index === null || !playing ? Math.min(index ?? steps.length - 1, steps.length - 1) : index % Math.max(1, steps.length);
  const step = steps[shown];
  const scale = live.height === 0 ? 1 : Math.max(1, Math.floor(112 / Math.max(live.height, live.width)));
  if (steps.length === 0) return <p className="muted" data-testid="sample-grid-empty">Sample frames appear here as soon as the first seed finishes.</p>;
  return (
    <div className="sample-grid-wrap" data-testid="sample-grid">
      <div className="sample-grid" style={{ gridTemplateColumns: `auto repeat(${live.runIds.length}, auto)` }}>
        <span />
        {live.variants.map((v) => <span key={v} className="grid-head">{variantLabel(v)}</span>)}
        {seeds.map((seed) => [
          <span key={`s${seed}`} className="grid-head">seed {seed}</span>,
          ...live.runIds.map((runId, v) => {
            const frame = step === undefined ? null : frameAt(live.frames[runId], seed, step);
            return <FrameCanvas key={`${runId}-${seed}`} testId="sample-cell" pixels={frame?.pixels ?? null} labels={live.labels} height={live.height} width={live.width} scale={scale}
              label={`${variantLabel(live.variants[v] ?? '')}, seed ${seed}, after step ${frame === null ? '—' : frame.step + 1}`} />;
          }),
        ])}
      </div>
      <label className="inline scrub">
        Step <input type="range" min={0} max={steps.length - 1} value={shown} data-testid="sample-grid-scrub" onChange={(e) => setIndex(Number(e.target.value))} disabled={playing} />
        <span className="mono" data-testid="sample-grid-step">{step === undefined ? '—' : `${step + 1}`}</span>
      </label>
    </div>
  );
});
