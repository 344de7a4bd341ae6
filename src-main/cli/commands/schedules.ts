import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LabError } from '../../../src-shared/errors';
import type { ComparisonResult } from '../../../src-shared/schedules/compare';
import { DEFAULT_SCHEDULES, parseCompareConfig, SCHEDULE_NAMES, type ScheduleCompareConfig } from '../../../src-shared/schedules/compareConfig';
import { LOSS_PARAMETERISATIONS, type LossParameterisation } from '../../../src-shared/schedules/lossCurve';
import { NOISE_LEVEL_KINDS, parseLossCsv, type NoiseLevelKind } from '../../../src-shared/schedules/lossCsv';
import { endpointsFromSigmas, endpointsFromTimes, ouTimeFromSnr, scheduleFromSnrGrid, type SnrEndpoints } from '../../../src-shared/schedules/snrGrid';
import { TARGET_NAMES } from '../../../src-shared/schedules/targets';
import { startScheduleComparison } from '../../schedules/host';
import { writeComparisonOutputs } from '../../schedules/outputs';
import { beginStoredComparison, finishStoredComparison } from '../../schedules/store';
import { openStore, type Store } from '../../store';
import { intFlag, parseCliArgs, UsageError, usageFailure } from '../args';
import { createProgressBar, formatDuration } from '../progress';
import { renderTable } from '../table';
import type { CliCommand, CliIo } from '../types';

const USAGE = 'infodiff schedules compare --target T [options] | infodiff schedules las (--loss-csv FILE | --target T) --K N [options]';

const ALIASES: Readonly<Record<string, string>> = { logsnr: 'log-snr', uniform: 'uniform-t', quadratic: 'quadratic-t', linear: 'linear-beta', 'ddim-quadratic': 'ddim-quad' };

const HELP = `${USAGE}

Schedules as first-class objects (spec schedules-las.md): the Appendix A schedules at matched SNR
endpoints, the loss-adaptive schedule (LAS, exact dynamic programme), the predicted discretisation KL
of each step (exact through the MMSE curve), and with --measure the measured quality against K.

compare: every schedule at every K; writes into --out DIR
  schedules.csv   σ, log-SNR λ, t, ᾱ and Δλ per grid point, per schedule and K
  kl.csv          predicted D_k per step and the total D, per schedule and K (nats)
  sweep.csv       D, K·D, the loss sum S and the T3 reference L²/(4K), per schedule and K
  diff.csv        λ − λ_LAS per grid point (each schedule against LAS at the same K)
  loss.csv        the loss curve LAS used, when tabulated (imported, or Monte Carlo MMSE)
  quality.csv     with --measure: the measured metric per schedule and K, mean ± 95% CI
  *.svg           schedule-K{K} (σ, λ, Δλ, D_k per step), sweep (log–log with L²/(4K)), quality-*
las: the LAS grid for one K, printed and written as las.csv (same columns as schedules.csv)

  --target T            ${TARGET_NAMES.join(', ')}
  --K LIST              step counts, e.g. 5,10,20,50 (las: one K)
  --schedules LIST      ${SCHEDULE_NAMES.join(', ')} (aliases logsnr, uniform, quadratic); default ${DEFAULT_SCHEDULES.join(',')}
  --custom NAME=FILE    a σ list (one per line or comma-separated), resampled to each K; repeatable
  --loss-csv FILE       a training log of (noise level, loss) rows that LAS adapts to
  --loss-level KIND     the level column: ${NOISE_LEVEL_KINDS.join(', ')} (default from the header, else sigma)
  --loss-kind KIND      the loss column: ${LOSS_PARAMETERISATIONS.join(', ')} (x0: x₀-MSE; default x0)
  --gamma-max G --gamma-min G | --delta D --T T | --sigma-min S --sigma-max S
                        SNR endpoints (default δ = 1e-3, T = 5; with --loss-csv alone: the log's range)
  --candidates N        LAS candidates (default 1500)      --refine   golden-section refinement
  --measure             measure quality against K (1-D: exact marginal KL; n-D: MMD², SW₂, block-mass e∞)
  --seeds N  --batch B  seeds and samples per seed of the measurement (default 8 and 256)
  --mc-draws M --mc-levels G   Monte Carlo MMSE of n-D targets (default 256 draws, 120 levels)
  --digits N            digits of the digits target (default 1000)
  --ddpm KIND[:T]       map every grid to the trained timesteps of a DDPM, KIND linear-beta (β 1e-4 … 0.02)
                        or cosine (s = 0.008), T steps (default 1000): the timestep nearest in log-SNR,
                        duplicates resolved by the LAS DP on the timesteps (las) or spread (others);
                        writes ddpm.csv, and las prints the timesteps (spec §8 Q8)
  --save-as NAME        las: also save the grid (as σ levels, then 0) to the schedule library
  --name NAME           experiment name     --out DIR   output folder (default infodiff-runs/NAME-TIMESTAMP)
  --no-store            do not keep the runs in the history     --data-dir DIR   the history's folder
`;

const OPTIONS = {
  target: { type: 'string' }, K: { type: 'string' }, schedules: { type: 'string' }, custom: { type: 'string', multiple: true },
  'loss-csv': { type: 'string' }, 'loss-level': { type: 'string' }, 'loss-kind': { type: 'string' },
  'gamma-max': { type: 'string' }, 'gamma-min': { type: 'string' }, delta: { type: 'string' }, T: { type: 'string' }, 'sigma-min': { type: 'string' }, 'sigma-max': { type: 'string' },
  candidates: { type: 'string' }, refine: { type: 'boolean' }, measure: { type: 'boolean' }, seeds: { type: 'string' }, batch: { type: 'string' },
  'mc-draws': { type: 'string' }, 'mc-levels': { type: 'string' }, digits: { type: 'string' }, 'save-as': { type: 'string' }, ddpm: { type: 'string' },
  name: { type: 'string' }, out: { type: 'string' }, 'no-store': { type: 'boolean' }, 'data-dir': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCliArgs<typeof OPTIONS>>['values'];

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--${name}: expected a number > 0, got "${value}"`);
  return n;
}

function endpointsOf(values: Values, loss: { gammas: Float64Array } | null): SnrEndpoints | undefined {
  const pairs = [['gamma-max', 'gamma-min'], ['delta', 'T'], ['sigma-min', 'sigma-max']] as const;
  const given = pairs.filter(([a, b]) => values[a] !== undefined || values[b] !== undefined);
  if (given.length > 1) throw new UsageError('give one pair of endpoints: --gamma-max/--gamma-min, --delta/--T or --sigma-min/--sigma-max');
  const [pair] = given;
  if (!pair) return loss ? { gammaMax: Math.max(...loss.gammas), gammaMin: Math.min(...loss.gammas) } : undefined;
  const [a, b] = [numberFlag(pair[0], values[pair[0]]), numberFlag(pair[1], values[pair[1]])];
  if (a === undefined || b === undefined) throw new UsageError(`--${pair[0]} and --${pair[1]} go together`);
  if (pair[0] === 'gamma-max') return { gammaMax: a, gammaMin: b };
  return pair[0] === 'delta' ? endpointsFromTimes(a, b) : endpointsFromSigmas(a, b);
}

function readText(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** --ddpm KIND[:T]: the trained DDPM grids are mapped to (its β schedule with the lab's defaults). */
function ddpmOf(value: string | undefined): { kind: 'linear-beta' | 'cosine'; T: number } | undefined {
  if (value === undefined) return undefined;
  const [kind, steps] = value.split(':');
  if (kind !== 'linear-beta' && kind !== 'cosine') throw new UsageError(`--ddpm: expected linear-beta or cosine, optionally :T (e.g. cosine:1000), got "${value}"`);
  return { kind, T: steps === undefined ? 1000 : intFlag('ddpm', steps, 2, 100_000)! };
}

function listOf(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Builds the validated comparison config from the flags (files read here, their data kept in the config). */
function configFrom(values: Values, mode: 'compare' | 'las'): ScheduleCompareConfig {
  const level = values['loss-level'];
  const kind = values['loss-kind'];
  if (level !== undefined && !(NOISE_LEVEL_KINDS as readonly string[]).includes(level)) throw new UsageError(`--loss-level: expected one of ${NOISE_LEVEL_KINDS.join(', ')}, got "${level}"`);
  if (kind !== undefined && !(LOSS_PARAMETERISATIONS as readonly string[]).includes(kind)) throw new UsageError(`--loss-kind: expected one of ${LOSS_PARAMETERISATIONS.join(', ')}, got "${kind}"`);
  const file = values['loss-csv'];
  const parsed = file ? parseLossCsv(readText('loss-csv', file), { ...(level ? { level: level as NoiseLevelKind } : {}), ...(kind ? { loss: kind as LossParameterisation } : {}) }) : null;
  const target = values.target;
  if (target !== undefined && !(TARGET_NAMES as readonly string[]).includes(target)) throw new UsageError(`--target: expected one of ${TARGET_NAMES.join(', ')}, got "${target}"`);
  if (!target && !parsed) throw new UsageError(mode === 'las' ? 'give --loss-csv FILE or --target T' : 'give --target T (or --loss-csv FILE)');
  const Ks = listOf(values.K)?.map((k) => intFlag('K', k, 1, 5000)!);
  if (mode === 'las' && Ks?.length !== 1) throw new UsageError('--K: las takes exactly one step count, e.g. --K 50');
  const schedules = listOf(values.schedules)?.map((s) => ALIASES[s] ?? s);
  for (const s of schedules ?? []) if (!(SCHEDULE_NAMES as readonly string[]).includes(s)) throw new UsageError(`--schedules: unknown schedule "${s}"; expected ${SCHEDULE_NAMES.join(', ')}`);
  const custom = (values.custom ?? []).map((entry) => {
    const [name, path] = entry.includes('=') ? [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] : [basename(entry).replace(/\.[^.]*$/, ''), entry];
    const sigmas = readText('custom', path!).split(/[\s,;]+/).filter((t) => t !== '').map(Number);
    return { name: name!, sigmas };
  });
  const endpoints = endpointsOf(values, parsed);
  const seeds = intFlag('seeds', values.seeds, 1, 10_000);
  const batch = intFlag('batch', values.batch, 2, 100_000);
  return parseCompareConfig({
    name: values.name ?? (mode === 'las' ? 'las' : `schedules-${target ?? 'loss'}`),
    target: target ?? null,
    ...(Ks ? { Ks } : {}),
    schedules: mode === 'las' ? ['las'] : (schedules ?? [...DEFAULT_SCHEDULES]),
    custom,
    ...(endpoints ? { endpoints } : {}),
    ...(parsed ? { loss: { source: 'samples', label: basename(file!), level: parsed.level, parameterisation: (kind ?? 'x0') as LossParameterisation, gammas: Array.from(parsed.gammas), losses: Array.from(parsed.losses) } } : {}),
    ...(values.candidates ? { candidates: intFlag('candidates', values.candidates, 16, 20_000) } : {}),
    refine: values.refine ?? false,
    mc: { draws: intFlag('mc-draws', values['mc-draws'], 2, 1_000_000) ?? 256, levels: intFlag('mc-levels', values['mc-levels'], 8, 2000) ?? 120, seed: 0 },
    ...(values.digits ? { digitsCount: intFlag('digits', values.digits, 2, 10_000) } : {}),
    ...(values.ddpm !== undefined ? { ddpm: ddpmOf(values.ddpm) } : {}),
    measure: values.measure ? { seeds: { start: 0, count: seeds ?? 8 }, ...(batch ? { batch } : {}) } : null,
  });
}

function defaultOutDir(config: ScheduleCompareConfig): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('infodiff-runs', `${config.name}-${stamp}`);
}

const num = (v: number, digits = 4) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(digits - 1) : v.toPrecision(digits)) : '');

/** compare: D per schedule (rows) and K (columns), plus the measured metric when there is one. */
function compareTable(result: ComparisonResult): string {
  const Ks = result.config.Ks;
  const names = [...new Set(result.runs.map((r) => r.schedule))];
  const rows = names.map((name) => [name, ...Ks.map((K) => num(result.runs.find((r) => r.schedule === name && r.K === K)!.klNats))]);
  let text = `predicted discretisation KL D (nats), ${result.config.target ?? 'loss curve'}:\n${renderTable(['schedule', ...Ks.map((K) => `K=${K}`)], rows)}`;
  const metric = result.quality[0]?.metric;
  if (metric) {
    const qRows = names.map((name) => [name, ...Ks.map((K) => {
      const q = result.quality.find((r) => r.schedule === name && r.K === K && r.metric === metric && r.variant === '');
      return q ? (q.n > 1 ? `${num(q.mean, 3)} ± ${num(q.mean - q.ciLow, 2)}` : num(q.mean, 3)) : '';
    })]);
    text += `\nmeasured ${metric}${result.quality[0]!.n > 1 ? ' (mean ± 95% CI)' : ''}:\n${renderTable(['schedule', ...Ks.map((K) => `K=${K}`)], qRows)}`;
  }
  return text;
}

/** las: the grid, one row per point, with the step's D_k. */
function lasTable(result: ComparisonResult): string {
  const run = result.runs[0]!;
  const ddpm = run.ddpm;
  const rows = Array.from(run.gammas, (g, k) => [
    String(k), num(g, 6), num(1 / Math.sqrt(g), 6), num(ouTimeFromSnr(g), 6), num(Math.log(g), 5), k === 0 ? '' : num(run.klPerStep[k - 1]!, 3),
    ...(ddpm ? [String(ddpm.timesteps[k]), num(Math.log(ddpm.gammas[k]! / g), 3)] : []),
  ]);
  const header = ['k', 'gamma', 'sigma', 't', 'log_snr', 'D_k nats', ...(ddpm ? ['DDPM timestep', 'log_snr gap'] : [])];
  return `LAS grid, K = ${run.K} (k = 0 is the clean end; D_k is the step from γ_k to γ_(k−1)):\n${renderTable(header, rows)}\nD = ${num(run.klNats, 6)} nats, S = ${num(run.lossSum, 6)}\n`;
}

async function execute(mode: 'compare' | 'las', values: Values, io: CliIo): Promise<number> {
  const config = configFrom(values, mode);
  const store: Store | undefined = values['no-store'] ? undefined : openStore(values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  const outDir = resolve(values.out ?? defaultOutDir(config));
  const bar = createProgressBar(io, config.name);
  const started = performance.now();
  try {
    const stored = store ? beginStoredComparison(store, config) : undefined;
    io.stderr(`${config.name}: ${config.schedules.length + config.custom.length} schedule(s) × K ∈ {${config.Ks.join(', ')}}${config.measure ? ', measured' : ''}${store ? `, storing in ${store.path}` : ''}\n`);
    const run = startScheduleComparison(config, (p) => bar.update(p.done, p.total, p.phase));
    const sigint = () => run.cancel();
    process.once('SIGINT', sigint);
    let result: ComparisonResult;
    try {
      result = await run.done;
    } catch (error) {
      bar.finish();
      const status = error instanceof LabError && error.code === 'cancelled' ? 'cancelled' : 'failed';
      if (store && stored) finishStoredComparison(store, stored, { status, error: (error as Error).message, elapsedMs: performance.now() - started });
      throw error;
    } finally {
      process.removeListener('SIGINT', sigint);
    }
    bar.finish();
    const elapsedMs = performance.now() - started;
    if (store && stored) finishStoredComparison(store, stored, { status: 'completed', elapsedMs }, result);
    const runIds = stored ? [...stored.runIds.values()] : [];
    const files = writeComparisonOutputs(outDir, result, { runIds, experimentId: stored?.experimentId ?? null, elapsedMs: Math.round(elapsedMs) });
    if (mode === 'las') {
      const grid = result.runs[0]!.gammas;
      const saveAs = values['save-as'];
      if (saveAs && store) store.saveSchedule({ name: saveAs, kind: 'las', params: { K: grid.length - 1, endpoints: result.config.endpoints, loss: result.config.loss.source === 'samples' ? result.config.loss.label : result.config.target }, sigmas: scheduleFromSnrGrid(grid).sigmas });
      io.stdout(lasTable(result));
    } else {
      io.stdout(compareTable(result));
    }
    io.stdout(`\ncompleted in ${formatDuration(elapsedMs / 1000)}; ${files.length} files in ${outDir}\n`);
    if (runIds.length) io.stdout(`stored runs: ${runIds.join(' ')}\n`);
    return 0;
  } finally {
    store?.close();
  }
}

/** `infodiff schedules compare|las`: see HELP. */
export const schedulesCommand: CliCommand = async (argv, io) => {
  const [mode, ...rest] = argv;
  if (mode === undefined || mode === '--help' || mode === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(HELP);
    return mode === undefined ? 2 : 0;
  }
  if (mode !== 'compare' && mode !== 'las') return usageFailure(io, USAGE, `unknown schedules command "${mode}": expected compare or las`);
  let values: Values;
  try {
    ({ values } = parseCliArgs(rest, OPTIONS));
    if (mode === 'las' && values.measure) throw new UsageError('--measure: las computes one grid; use compare --measure');
    return await execute(mode, values, io);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, USAGE, error.message);
    if (error instanceof LabError && (error.code === 'invalid-argument' || error.code === 'invalid-config')) {
      io.stderr(`infodiff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
};
