import { LabError } from '../../src-shared/errors';
import type { LikelihoodConfig } from '../../src-shared/info/config';
import { describeSet, resolveInfoData } from '../../src-shared/info/infoData';
import type { LikelihoodResult } from '../../src-shared/info/likelihoodRun';
import type { Store } from '../store';
import { InfoPool } from './host';
import { infoInputsFor } from './inputs';
import { hashInfoConfig, InfoRunWriter } from './storage';

/** What `infodiff likelihood` produced. */
export interface LikelihoodRunResult {
  readonly config: LikelihoodConfig;
  readonly configHash: string;
  readonly data: string;
  readonly result: LikelihoodResult | null;
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly error?: string;
  readonly experimentId: string | null;
  readonly runIds: readonly string[];
  readonly backend: string;
  readonly elapsedMs: number;
}

/** Options of runLikelihood. */
export interface LikelihoodRunOptions {
  readonly store?: Store;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  readonly onStarted?: (info: { cancel: () => void; backend: string; data: string }) => void;
}

/** The sections of a config that are enabled, as run variants. */
export function likelihoodVariants(config: LikelihoodConfig): string[] {
  return [
    ...(config.discrete.enabled ? ['discrete'] : []), ...(config.warmStart.enabled ? ['warm-start'] : []), ...(config.entropy.enabled ? ['entropy'] : []),
    ...(config.bound.enabled ? ['bound'] : []), ...(config.heldOut.enabled ? ['held-out'] : []), ...(config.slopes.enabled ? ['slopes'] : []),
  ];
}

/**
 * Runs the likelihood instrument (spec §2.6) on an information worker thread: every enabled section,
 * with progress per section and cancellation between units of work. With a store, one experiment
 * (preset 'likelihood') and one run per section, its curves as artifacts (docs/likelihood.md).
 */
export async function runLikelihood(config: LikelihoodConfig, options: LikelihoodRunOptions = {}): Promise<LikelihoodRunResult> {
  const started = performance.now();
  const set = resolveInfoData(config.data, infoInputsFor(config.data));
  const backend = 'cpu-f64 (1 thread)';
  const configHash = hashInfoConfig(config);
  const variants = likelihoodVariants(config);
  const seeds = [...new Set([config.warmStart.seed, config.bound.seed, config.heldOut.seed])];
  const writer = options.store ? new InfoRunWriter(options.store, { name: config.name, instrument: 'likelihood', config, configHash, variants, seeds, backend }) : null;
  const pool = InfoPool.start({ set, threads: 1 });
  options.onStarted?.({ cancel: () => pool.cancel(), backend, data: describeSet(set) });
  let result: LikelihoodResult | null = null;
  let status: LikelihoodRunResult['status'] = 'completed';
  let error: string | undefined;
  try {
    result = await pool.task<LikelihoodResult>({ kind: 'likelihood', config }, (done, total, section) => options.onProgress?.(section ?? 'likelihood', done, total));
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
