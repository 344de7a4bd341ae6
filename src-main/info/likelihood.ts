import { LabError } from '../../src-shared/errors';
import type { LikelihoodConfig } from '../../src-shared/info/config';
import { describeSet, resolveInfoData } from '../../src-shared/info/infoData';
import type { LikelihoodResult } from '../../src-shared/info/likelihoodRun';
import { InfoPool } from './host';
import type { InfoRunOptions, InfoRunOutcome } from './runOptions';
import { infoInputsFor } from './inputs';
import { hashInfoConfig, InfoRunWriter } from './storage';

/** What `infodiff likelihood` produced. */
export interface LikelihoodRunResult extends InfoRunOutcome {
  readonly config: LikelihoodConfig;
  readonly configHash: string;
  readonly data: string;
  readonly result: LikelihoodResult | null;
}

/**
 * Options of runLikelihood. With more than one thread, the independent work (each discrete point, each
 * noise law of the warm start, the held-out curve and the slopes, each bound model, the entropy) runs
 * as separate tasks on a pool; the merged result equals the one-worker result exactly.
 */
export type LikelihoodRunOptions = InfoRunOptions;

/** The sections of a config that are enabled, as run variants. */
export function likelihoodVariants(config: LikelihoodConfig): string[] {
  return [
    ...(config.discrete.enabled ? ['discrete'] : []), ...(config.warmStart.enabled ? ['warm-start'] : []), ...(config.entropy.enabled ? ['entropy'] : []),
    ...(config.bound.enabled ? ['bound'] : []), ...(config.heldOut.enabled ? ['held-out'] : []), ...(config.slopes.enabled ? ['slopes'] : []),
  ];
}

/** One independent piece of a likelihood run: a config with one section (or part of one) enabled. */
export interface LikelihoodUnit {
  /** Its section: discrete, warm start, entropy, bound, held-out, slopes. */
  readonly section: string;
  readonly config: LikelihoodConfig;
}

/**
 * Splits a likelihood config into independent units whose results merge (mergeLikelihoodResults)
 * into exactly the one-task result: one per discrete point, per warm-start law, per bound model, per
 * held-out law and per slopes law, and the entropy section whole (its prior forms reuse its curve).
 * Every unit recomputes what its section draws (points from the section's seed, noise per law and
 * point), so nothing depends on which other units run. Discrete points with an index ≥ `count` keep
 * the section whole, so its error names the original index.
 *
 * @example
 * likelihoodUnits(likelihoodPreset('three-points'), 3).map((u) => u.section) // → ['discrete', 'discrete', 'discrete', …]
 */
export function likelihoodUnits(config: LikelihoodConfig, count: number): LikelihoodUnit[] {
  const none: LikelihoodConfig = {
    ...config,
    discrete: { ...config.discrete, enabled: false }, warmStart: { ...config.warmStart, enabled: false }, entropy: { ...config.entropy, enabled: false },
    bound: { ...config.bound, enabled: false }, heldOut: { ...config.heldOut, enabled: false }, slopes: { ...config.slopes, enabled: false },
  };
  const units: LikelihoodUnit[] = [];
  if (config.discrete.enabled) {
    const points = config.discrete.points ?? Array.from({ length: Math.min(count, 16) }, (_, i) => i);
    if (points.every((i) => i < count)) for (const i of points) units.push({ section: 'discrete', config: { ...none, discrete: { ...config.discrete, points: [i] } } });
    else units.push({ section: 'discrete', config: { ...none, discrete: config.discrete } });
  }
  for (const law of config.heldOut.enabled ? config.heldOut.laws : []) units.push({ section: 'held-out', config: { ...none, heldOut: { ...config.heldOut, laws: [law] } } });
  for (const model of config.bound.enabled ? config.bound.models : []) units.push({ section: 'bound', config: { ...none, bound: { ...config.bound, models: [model] } } });
  if (config.entropy.enabled) units.push({ section: 'entropy', config: { ...none, entropy: config.entropy } });
  for (const law of config.warmStart.enabled ? config.warmStart.laws : []) units.push({ section: 'warm start', config: { ...none, warmStart: { ...config.warmStart, laws: [law] } } });
  for (const law of config.slopes.enabled ? config.slopes.laws : []) units.push({ section: 'slopes', config: { ...none, slopes: { ...config.slopes, laws: [law] } } });
  return units;
}

/**
 * Merges the results of likelihoodUnits (in their order) into one LikelihoodResult: the per-point,
 * per-law and per-model lists concatenated in the config's order, the rest taken from its one unit.
 *
 * @example
 * mergeLikelihoodResults(parts).discrete?.points.length // → the number of discrete points
 */
export function mergeLikelihoodResults(parts: readonly LikelihoodResult[]): LikelihoodResult {
  const concat = <T>(pick: (r: LikelihoodResult) => readonly T[] | null): T[] | null => {
    const lists = parts.map(pick).filter((l): l is readonly T[] => l !== null);
    return lists.length ? lists.flat() : null;
  };
  const discreteParts = parts.map((r) => r.discrete).filter((r) => r !== null);
  return {
    dimension: parts[0]?.dimension ?? 0,
    discrete: discreteParts.length ? { lambdas: discreteParts[0]!.lambdas, points: discreteParts.flatMap((r) => r.points), exactNats: discreteParts.flatMap((r) => r.exactNats) } : null,
    warmStart: concat((r) => r.warmStart),
    entropy: parts.find((r) => r.entropy !== null)?.entropy ?? null,
    bound: concat((r) => r.bound),
    heldOut: concat((r) => r.heldOut),
    slopes: concat((r) => r.slopes),
  };
}

/**
 * Runs the likelihood instrument (spec §2.6) on information worker threads: every enabled section,
 * with cancellation between units of work. One thread (the default) runs the whole computation as one
 * task, with progress per section; more split it into likelihoodUnits that the workers take in turn,
 * merged into the same result, with progress in units finished ('likelihood units'). With a store, one experiment (preset 'likelihood') and one run
 * per section, its curves as artifacts (docs/likelihood.md).
 */
export async function runLikelihood(config: LikelihoodConfig, options: LikelihoodRunOptions = {}): Promise<LikelihoodRunResult> {
  const started = performance.now();
  const set = resolveInfoData(config.data, infoInputsFor(config.data));
  // Non-empirical data fail in the worker with the instrument's own message: run them whole.
  const units = (options.threads ?? 1) > 1 && set.kind === 'empirical' ? likelihoodUnits(config, set.count) : [];
  const threads = Math.max(1, Math.min(options.threads ?? 1, units.length));
  const backend = `cpu-f64 (${threads} thread${threads === 1 ? '' : 's'})`;
  const configHash = hashInfoConfig(config);
  const variants = likelihoodVariants(config);
  const seeds = [...new Set([config.warmStart.seed, config.bound.seed, config.heldOut.seed])];
  const writer = options.store ? new InfoRunWriter(options.store, { name: config.name, instrument: 'likelihood', config, configHash, variants, seeds, backend }) : null;
  const pool = InfoPool.start({ set, threads, parallelTasks: true });
  options.onStarted?.({ cancel: () => pool.cancel(), backend, data: describeSet(set) });
  let result: LikelihoodResult | null = null;
  let status: LikelihoodRunResult['status'] = 'completed';
  let error: string | undefined;
  let finished = 0;
  try {
    result = threads === 1
      ? await pool.task<LikelihoodResult>({ kind: 'likelihood', config }, (done, total, section) => options.onProgress?.(section ?? 'likelihood', done, total))
      : mergeLikelihoodResults(await pool.tasks<LikelihoodResult>(units.map((u) => ({ kind: 'likelihood', config: u.config })), { onDone: () => options.onProgress?.('likelihood units', ++finished, units.length) }));
    writer?.likelihood(result);
  } catch (e) {
    if (e instanceof LabError && e.code === 'cancelled') status = 'cancelled';
    else {
      status = 'failed';
      error = e instanceof Error ? e.message : String(e);
    }
  } finally {
    await pool.close();
  }
  const elapsedMs = performance.now() - started;
  writer?.finish(status, error, elapsedMs);
  return { config, configHash, data: describeSet(set), result, status, ...(error ? { error } : {}), experimentId: writer?.experimentId ?? null, runIds: writer?.runIds ?? [], backend, elapsedMs };
}

