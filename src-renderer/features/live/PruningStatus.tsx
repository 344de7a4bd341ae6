import { memo, useMemo } from 'react';
import { meanSkipped, type PruningLive, type PruningTable } from '../../state/live';

const SPARK = { width: 240, height: 36 };

const percent = (f: number) => `${(100 * f).toFixed(1)} %`;

/**
 * What the pruned empirical denoiser skips (shown only when the run's backend is `pruned`): ε, the
 * fraction of (query, training point) pairs skipped at the latest step, and the stored fraction per
 * recorded step (mean over the seeds finished so far) as a bar sparkline.
 */
export const PruningStatus = memo(function PruningStatus({ pruning, tables }: { pruning: PruningLive | null; tables: readonly PruningTable[] }) {
  const series = useMemo(() => meanSkipped(tables), [tables]);
  if (pruning === null && series.length === 0) return null;
  const epsilon = pruning?.epsilon ?? tables[0]?.epsilon[0] ?? Number.NaN;
  const lastStep = series.at(-1)?.step ?? 0;
  const barWidth = SPARK.width / Math.max(1, series.length);
  return (
    <div className="pruning-status" data-testid="pruning-status">
      <p className="hint">
        Pruned empirical denoiser, ε = {epsilon.toExponential(0)}:{' '}
        {pruning !== null && <span data-testid="pruning-live">skipped {percent(pruning.skippedFraction)} of (query, training point) pairs at step {pruning.step + 1}</span>}
        {pruning !== null && series.length > 0 && '; '}
        {series.length > 0 && (
          <span data-testid="pruning-stored">
            {percent(series.reduce((a, p) => a + p.skippedFraction, 0) / series.length)} on average over the {series.length} recorded steps, {percent(series.at(-1)!.skippedFraction)} at step {lastStep + 1} (stored for {tables.length} seed{tables.length === 1 ? '' : 's'})
          </span>
        )}
      </p>
      {series.length > 1 && series.some((p) => p.skippedFraction > 0) && (
        <svg width={SPARK.width} height={SPARK.height} role="img" aria-label={`skipped fraction per recorded step, from step ${series[0]!.step + 1} to ${lastStep + 1}`}>
          <rect x={0} y={0} width={SPARK.width} height={SPARK.height} fill="none" stroke="currentColor" strokeOpacity={0.25} />
          {series.map((p, k) => (
            <rect key={p.step} x={k * barWidth} y={SPARK.height * (1 - p.skippedFraction)} width={Math.max(1, barWidth - 0.5)} height={SPARK.height * p.skippedFraction} fill="currentColor" fillOpacity={0.6}>
              <title>{`step ${p.step + 1}: ${percent(p.skippedFraction)}`}</title>
            </rect>
          ))}
        </svg>
      )}
    </div>
  );
});
