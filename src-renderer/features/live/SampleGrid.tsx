import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { cellAt, liveCell, liveFrameSteps, liveSeeds, liveStep, type FrameImage, type LiveState } from '../../state/live';
import { variantLabel } from '../../state/series';
import { FrameCanvas } from './FrameCanvas';
import { PruningStatus } from './PruningStatus';

/**
 * The sample grid: a column per variant, a row per seed the run keeps frames of; every cell is the
 * state of the same batch sample (common noise, so columns differ only by the projection). While
 * the run goes on each cell follows its seed live (runs:preview, ≤ 10 updates a second, or the
 * seed's last stored frame once it ended), block boundaries drawn over it; afterwards each cell keeps
 * its latest state until the slider is moved, which then scrubs through the stored frame steps.
 */
export const SampleGrid = memo(function SampleGrid({ live: current, playing }: { live: LiveState; playing: boolean }) {
  const live = useDeferredValue(current);
  const steps = useMemo(() => liveFrameSteps(live), [live]);
  const seeds = useMemo(() => liveSeeds(live), [live]);
  const [index, setIndex] = useState<number | null>(null);
  useEffect(() => {
    if (playing) setIndex(null);
  }, [playing]);
  const shown = Math.max(0, Math.min(index ?? steps.length - 1, steps.length - 1));
  const step = steps[shown];
  const scale = live.height === 0 ? 1 : Math.max(1, Math.floor(112 / Math.max(live.height, live.width)));
  // Until the user scrubs, each cell follows its seed's latest state (live, then its stored frames as they arrive).
  const following = playing || index === null;
  const cellOf = (runId: string, seed: number): FrameImage | null => (following ? liveCell(live, runId, seed) : step === undefined ? null : cellAt(live, runId, seed, step));
  const cells = seeds.map((seed) => live.runIds.map((runId) => cellOf(runId, seed)));
  const latestStep = following ? liveStep(live, seeds) : -1;
  if (seeds.length === 0) return <p className="muted" data-testid="sample-grid-empty">Sample frames appear here as soon as the first steps are sampled.</p>;
  return (
    <div className="sample-grid-wrap" data-testid="sample-grid" data-live={playing}>
      <div className="sample-grid" style={{ gridTemplateColumns: `auto repeat(${live.runIds.length}, auto)` }}>
        <span />
        {live.variants.map((v) => <span key={v} className="grid-head">{variantLabel(v)}</span>)}
        {seeds.map((seed, row) => [
          <span key={`s${seed}`} className="grid-head">seed {seed}</span>,
          ...live.runIds.map((runId, v) => {
            const frame = cells[row]?.[v] ?? null;
            return <FrameCanvas key={`${runId}-${seed}`} testId="sample-cell" pixels={frame?.pixels ?? null} labels={live.labels} height={live.height} width={live.width} scale={scale}
              label={`${variantLabel(live.variants[v] ?? '')}, seed ${seed}, after step ${frame === null ? '—' : frame.step + 1}`} />;
          }),
        ])}
      </div>
      <label className="inline scrub">
        Step <input type="range" min={0} max={Math.max(0, steps.length - 1)} value={shown} data-testid="sample-grid-scrub" onChange={(e) => setIndex(Number(e.target.value))} disabled={playing || steps.length === 0} />
        <span className="mono" data-testid="sample-grid-step">{following ? (latestStep < 0 ? '—' : `${latestStep + 1}${playing ? ' (live)' : ''}`) : step === undefined ? '—' : `${step + 1}`}</span>
      </label>
      <PruningStatus pruning={playing ? live.pruning : null} tables={live.pruningTables} />
    </div>
  );
});
