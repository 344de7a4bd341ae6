import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '../../../src-shared/errors';
import { BACKEND_NAMES, parseConfig, type ExperimentConfig } from '../../../src-shared/experiment/config';
import { FINAL_KEYS, type VariantSummary } from '../../../src-shared/experiment/aggregate';
import { PRESET_NAMES, PRESETS } from '../../../src-shared/experiment/presets';
import { effectiveRequest, parseBackendRequest, probeBackends } from '../../engine/backend';
import { engineBackend } from '../../engine/host';
import { openStore } from '../../store';
import { inputsFor, runExperiment } from '../../service/experimentRun';
import { resolveSchedule } from '../../../src-shared/experiment/plan';
import { intFlag, parseCliArgs, UsageError, usageFailure } from '../args';
import { createProgressBar, formatDuration } from '../progress';
import { writeRunOutputs } from '../runOutputs';
import { renderTable } from '../table';
import type { CliCommand, CliIo } from '../types';

const USAGE = 'infodiff run --preset NAME | --config FILE [--seeds N] [--steps T] [--out DIR] [--no-store] [--data-dir DIR] [--threads N] [--backend NAME]';

/** Reads the config input (preset or JSON file) and applies --seeds / --steps / --backend before validation. */
function configInput(values: { preset?: string; config?: string; seeds?: string; steps?: string; backend?: string }): unknown {
  if (!!values.preset === !!values.config) throw new UsageError('give exactly one of --preset NAME or --config FILE');
  let input: Record<string, unknown>;
  if (values.preset) {
    if (!Object.hasOwn(PRESETS, values.preset)) throw new UsageError(`--preset: expected one of ${PRESET_NAMES.join(', ')}, got "${values.preset}"`);
    input = structuredClone(PRESETS[values.preset as keyof typeof PRESETS]) as Record<string, unknown>;
  } else {
    const file = values.config!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--config: cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      input = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new LabError('invalid-config', `${file}: not valid JSON: ${(error as Error).message}`);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new LabError('invalid-config', `${file}: expected a JSON object at the top level`);
  }
  const seeds = intFlag('seeds', values.seeds, 1, 100_000);
  if (seeds !== undefined) input.seeds = { start: (input.seeds as { start?: number } | undefined)?.start ?? 0, count: seeds };
  const steps = intFlag('steps', values.steps, 1, 100_000);
  if (steps !== undefined) {
    const schedule = input.schedule as Record<string, unknown> | undefined;
    if (!schedule || schedule.kind === 'custom') throw new UsageError('--steps: the schedule is a custom σ list; edit the list instead');
    const { sigmas: _resolved, ...rest } = schedule;
    // A las schedule's resolved levels belong to its old step count: it is resolved again.
    input.schedule = schedule.kind === 'las' ? { ...rest, steps } : { ...schedule, steps };
  }
  if (values.backend !== undefined) {
    if (!(BACKEND_NAMES as readonly string[]).includes(values.backend)) throw new UsageError(`--backend: expected one of ${BACKEND_NAMES.join(', ')}, got "${values.backend}"`);
    input.backend = values.backend;
  }
  return input;
}

function cell(summary: VariantSummary, key: (typeof FINAL_KEYS)[number], digits: number): string {
  const s = summary.metrics[key];
  return Number.isNaN(s.mean) ? '' : `${s.mean.toFixed(digits)} ± ${s.ciHalfWidth.toFixed(digits)}`;
}

/** The summary table: mean ± 95% CI over seeds per variant, and the paired MSE difference vs the baseline. */
function summaryTable(summaries: readonly VariantSummary[]): string {
  const rows = summaries.map((s) => [
    s.variant.id, String(s.metrics.eInf.n), cell(s, 'eInf', 5), cell(s, 'e1', 4), cell(s, 'mse', 5), cell(s, 'psnr', 2), cell(s, 'vDeltaNats', 4),
    s.pairedVsBaseline ? `${s.pairedVsBaseline.mse.mean.toExponential(2)} ± ${s.pairedVsBaseline.mse.ciHalfWidth.toExponential(1)}` : '',
  ]);
  return renderTable(['variant', 'seeds', 'e_inf', 'e_1', 'MSE', 'PSNR dB', 'V_delta nats', 'ΔMSE paired'], rows);
}

function defaultOutDir(config: ExperimentConfig): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('infodiff-runs', `${config.name}-${stamp}`);
}

const HELP = `${USAGE}

Runs an experiment: every variant (unprojected and each δ) from the same noise, on the engine's worker
threads, storing it in the run history (unless --no-store) and writing into --out DIR:
  config.json   the validated config (defaults filled), its hash and the app version
  steps.csv     one row per variant, seed and recorded step
  finals.csv    one row per variant and seed
  summary.json  mean ± 95% CI per variant, paired differences against the unprojected variant
  *.png         sample grids per variant and panels (reference, then each variant)

  --preset NAME     ${PRESET_NAMES.join(', ')}
  --config FILE     an experiment config (JSON); see docs/config.md
  --seeds N         number of seeds (replicates), overriding the config
  --steps T         sampler steps, overriding the schedule's
  --out DIR         output folder (default: infodiff-runs/NAME-TIMESTAMP)
  --no-store        do not keep the run in the history
  --data-dir DIR    the history's folder (default: the app's; or INFODIFF_DATA_DIR)
  --threads N       engine worker threads (default: all cores)
  --backend NAME    engine backend: ${BACKEND_NAMES.join(', ')}; overrides the config's
                    and INFODIFF_BACKEND; one this machine lacks is refused (exit 2)
`;

export const runCommand: CliCommand = async (argv, io: CliIo) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  let values;
  try {
    ({ values } = parseCliArgs(argv, {
      preset: { type: 'string' }, config: { type: 'string' }, seeds: { type: 'string' }, steps: { type: 'string' },
      out: { type: 'string' }, 'no-store': { type: 'boolean' }, 'data-dir': { type: 'string' }, threads: { type: 'string' },
      backend: { type: 'string' },
    }));
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  let config: ExperimentConfig;
  let threads: number | undefined;
  try {
    config = parseConfig(configInput(values));
    threads = intFlag('threads', values.threads, 1, 256);
    await checkBackend(config, threads);
    if (config.schedule.kind === 'las' && config.schedule.sigmas === undefined) {
      io.stderr(`${config.name}: resolving the LAS schedule (${config.schedule.source.kind === 'mmse' ? 'Monte Carlo MMSE curve of the data' : 'loss table'})\n`);
      config = resolveSchedule(config, inputsFor(config));
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, USAGE, error.message);
    io.stderr(`infodiff: ${(error as Error).message}\n`);
    return 2;
  }
  const store = values['no-store'] ? undefined : openStore(values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  const outDir = resolve(values.out ?? defaultOutDir(config));
  const bar = createProgressBar(io, config.name);
  try {
    const result = await runExperiment(config, {
      ...(store ? { store } : {}),
      ...(threads !== undefined ? { threads } : {}),
      onStarted: ({ backend }) => io.stderr(`${config.name}: ${config.seeds.count} seeds × ${result0(config)} variants on ${backend}${store ? `, storing in ${store.path}` : ''}\n`),
      onProgress: (p) => bar.update(p.stepsDone, p.stepsTotal, `seeds ${p.seedsDone}/${p.seedsTotal}`),
    });
    bar.finish();
    const { summary } = writeRunOutputs(outDir, result);
    if (result.seedResults.length > 0) io.stdout(summaryTable(summary));
    io.stdout(`\n${result.outcome.status} in ${formatDuration(result.elapsedMs / 1000)}; files in ${outDir}\n`);
    if (result.runIds.length) io.stdout(`stored runs: ${result.runIds.join(' ')}\n`);
    if (result.outcome.status === 'failed') {
      io.stderr(`infodiff: run failed: ${result.outcome.error?.message ?? 'unknown error'}\n`);
      return 1;
    }
    return 0;
  } finally {
    store?.close();
  }
};

/**
 * Refuses, before anything is stored, a backend this machine lacks (the message names it, why, and
 * what is available). WebGPU's adapter is probed (async) only when webgpu is what the run asks for.
 */
async function checkBackend(config: ExperimentConfig, threads: number | undefined): Promise<void> {
  const fromEnv = process.env.INFODIFF_BACKEND;
  if (effectiveRequest(config, fromEnv ? parseBackendRequest(fromEnv) : undefined) === 'webgpu') await probeBackends();
  engineBackend(config, threads !== undefined ? { threads } : {});
}

function result0(config: ExperimentConfig): number {
  const deltas = config.tolerance.mode === 'bounds' ? 1 : config.tolerance.deltas.length;
  return deltas + (config.includeUnprojected ? 1 : 0);
}
