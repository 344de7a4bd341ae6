import { parseDynamicsConfig, type DynamicsConfig } from '../../../src-shared/info/config';
import { DYNAMICS_PRESET_NAMES, DYNAMICS_PRESETS } from '../../../src-shared/info/presets';
import type { Mismatch } from '../../../src-shared/info/trajectories';
import { cellNumber, readConfigInput } from '../../info/cliSupport';
import { runDynamics, type DynamicsResult } from '../../info/dynamics';
import { writeDynamicsOutputs } from '../../info/outputs';
import { intFlag, parseCliArgs, UsageError, usageFailure } from '../args';
import { runInstrumentCommand } from '../instrumentCommand';
import { renderTable } from '../table';
import type { CliCommand } from '../types';

const USAGE = 'infodiff dynamics --preset NAME | --config FILE [--queries M] [--lambdas N] [--threads N] [--out DIR] [--no-store] [--data-dir DIR]';

const HELP = `${USAGE}

Information dynamics of a dataset with an exact denoiser (spec info-dynamics-likelihood.md §3): the MMSE
curve over log-SNR with standard errors (common random numbers across λ), the conditional entropy two
ways (mean posterior entropy; I-MMSE integral), the generative bandwidth R(λ) = ½ e^λ mmse per log-SNR
and per unit time of each schedule, its peaks (refined by Brent), the class-resolved bandwidth, the
variances of posterior entropy and surprisal, the bifurcation diagnostics (tracked mode, λ_max(M)
crossing, folds, spectral estimate) and reverse trajectories against the forward curves. Stored in
the run history (unless --no-store) and written into --out DIR:
  config.json        the validated config, hash, app version, status
  forward.csv        one row per λ (mmse ± SE, R ± SE, entropies, variances, class curves)
  rates.csv          R per unit schedule time, one row per schedule and point
  peaks.csv          refined peaks with their FWHM; steps.csv: nats per sampler step
  bifurcation.csv    the tracked mode; folds.csv: folds, spectral estimate, crossing
  trajectories.csv   path statistics, forward curves and their mismatch per step
  *.svg              a figure per curve family

  --preset NAME     ${DYNAMICS_PRESET_NAMES.join(', ')}
  --config FILE     a dynamics config (JSON); see docs/dynamics.md
  --queries M       Monte Carlo queries, overriding the config's
  --lambdas N       λ grid points, overriding the config's
  --threads N       worker threads sharing the queries (default 1)
  --out DIR         output folder (default: infodiff-runs/NAME-TIMESTAMP)
  --no-store        do not keep the runs in the history
  --data-dir DIR    the history's folder (default: the app's; or INFODIFF_DATA_DIR)
`;

function configOf(values: Record<string, string | boolean | undefined>): DynamicsConfig {
  const input = readConfigInput({ preset: values.preset as string | undefined, config: values.config as string | undefined }, DYNAMICS_PRESETS);
  const queries = intFlag('queries', values.queries as string | undefined, 2, 1_000_000);
  if (queries !== undefined) {
    const estimator = (input.estimator ?? { kind: 'monte-carlo' }) as Record<string, unknown>;
    if (estimator.kind !== 'monte-carlo') throw new UsageError('--queries: the estimator is not Monte Carlo');
    input.estimator = { ...estimator, queries };
  }
  const lambdas = intFlag('lambdas', values.lambdas as string | undefined, 3, 100_000);
  if (lambdas !== undefined) input.lambdas = { ...(input.lambdas as Record<string, unknown>), count: lambdas };
  return parseDynamicsConfig(input);
}

function summary(result: DynamicsResult): string {
  const parts: string[] = [];
  if (result.curves) {
    const rows = result.peaks.flatMap((c) => c.peaks.map((p) => [c.curve, cellNumber(p.x), cellNumber(Math.exp(-p.x)), cellNumber(p.value, 6), cellNumber(p.widthLambda, 3)]));
    rows.push(...result.ratePeaks.flatMap((r) => r.peaks.map((p) => [`rate per t (${r.schedule})`, cellNumber(p.lambda), cellNumber(Math.exp(-p.lambda)), cellNumber(p.rate, 6), `t = ${cellNumber(p.t)}`])));
    parts.push(renderTable(['peak of', 'λ', 'ν', 'value', 'FWHM (λ)'], rows));
    const gaps = result.curves.points.map((p, i) => Math.abs(p.entropy.mean - result.curves!.entropyImmseNats[i]!)).filter(Number.isFinite);
    if (gaps.length) parts.push(`conditional entropy two ways: max |E[h] − I-MMSE| = ${cellNumber(Math.max(...gaps), 6)} nats over the grid\n`);
  }
  const b = result.bifurcation;
  if (b) {
    parts.push(`bifurcation: spectral ν_S = ${cellNumber(b.spectral.nu)} (λ = ${cellNumber(b.spectral.lambda)}); λ_max(M) crosses 1 at ${b.track.crossing ? `ν = ${cellNumber(b.track.crossing.nu)} (λ = ${cellNumber(b.track.crossing.lambda)})` : 'no ν on the grid'}\n`);
    if (b.folds.length) parts.push(renderTable(['fold from point', 'label', 'ν_f', 'λ_f'], b.folds.map((f) => [String(f.start), String(f.label), f.fold.found ? cellNumber(f.fold.nu, 6) : 'alive', f.fold.found ? cellNumber(f.fold.lambda) : ''])));
  }
  const t = result.trajectories;
  if (t) {
    const worst = (pick: (m: Mismatch) => number) => Math.max(...t.mismatch.map((m) => Math.abs(pick(m))));
    parts.push(`trajectories: max |path − forward| over steps: E h ${cellNumber(worst((m) => m.entropyMean))}, E ι ${cellNumber(worst((m) => m.surprisalMean))} nats (discretisation error + Monte Carlo)\n`);
  }
  return parts.join('\n');
}

export const dynamicsCommand: CliCommand = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  let values;
  try {
    ({ values } = parseCliArgs(argv, {
      preset: { type: 'string' }, config: { type: 'string' }, queries: { type: 'string' }, lambdas: { type: 'string' }, threads: { type: 'string' },
      out: { type: 'string' }, 'no-store': { type: 'boolean' }, 'data-dir': { type: 'string' },
    }));
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  let config: DynamicsConfig;
  let threads: number | undefined;
  try {
    config = configOf(values);
    threads = intFlag('threads', values.threads, 1, 256);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, USAGE, error.message);
    io.stderr(`infodiff: ${(error as Error).message}\n`);
    return 2;
  }
  return runInstrumentCommand(io, {
    instrument: 'dynamics', name: config.name, threads, values,
    run: (hooks) => runDynamics(config, hooks),
    write: writeDynamicsOutputs,
    summary: summary,
  });
};
