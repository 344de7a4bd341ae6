import { LabError, type LabErrorPayload } from '../../src-shared/errors';
import type { ActiveInstrumentData, EventPayload, InstrumentKind, InstrumentProgressData, InstrumentStartedData } from '../../src-shared/ipc/contract';
import type { ScheduleCompareConfig } from '../../src-shared/schedules/compareConfig';
import { runDynamics } from '../info/dynamics';
import { runLikelihood } from '../info/likelihood';
import { startScheduleComparison } from '../schedules/host';
import { beginStoredComparison, finishStoredComparison, scheduleNames } from '../schedules/store';
import type { Store } from '../store';
import type { LabEvents } from './events';
import type { InstrumentConfig } from './instrumentPresets';
import { createThrottle, type Throttle } from './throttle';

type Status = EventPayload<'instruments:finished'>['status'];

export interface InstrumentJobsOptions {
  readonly store: Store;
  readonly events: LabEvents;
  /** Worker threads of the dynamics instrument (the forward queries are split over them); default 1. */
  readonly threads?: number;
  readonly log: (message: string, error?: unknown) => void;
  /** Minimum ms between two progress events of one instrument (default 100: ≤ 10/s). */
  readonly eventIntervalMs?: number;
}

/** What starting an instrument gives back before its work is done. */
interface Launched {
  readonly experimentId: string;
  readonly runIds: readonly string[];
  readonly variants: readonly string[];
  readonly backend: string;
  readonly cancel: () => void;
  /** Settles once the runs are marked; never rejects with a cancellation (that is a status). */
  readonly outcome: Promise<{ status: Status; error?: string }>;
}

interface Job {
  readonly started: InstrumentStartedData;
  readonly startedAt: number;
  progress: InstrumentProgressData | null;
  readonly throttle: Throttle<InstrumentProgressData>;
  readonly cancel: () => void;
  done: Promise<void>;
}

type ProgressSink = (stage: string, done: number, total: number) => void;

/** The store, reporting the ids of the experiment and the runs a runner creates through it. */
function recordingStore(store: Store): { store: Store; ids: { experimentId: string | null; runIds: string[]; variants: string[] } } {
  const ids = { experimentId: null as string | null, runIds: [] as string[], variants: [] as string[] };
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'createExperiment') {
        return (input: Parameters<Store['createExperiment']>[0]) => (ids.experimentId = target.createExperiment(input));
      }
      if (key === 'createRun') {
        return (input: Parameters<Store['createRun']>[0]) => {
          const runId = target.createRun(input);
          ids.runIds.push(runId);
          ids.variants.push(input.variant);
          return runId;
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, ids };
}

/** A runner of src-main/info (dynamics or likelihood): stores as it goes, reports cancel and backend in onStarted. */
async function launchInfo(store: Store, run: (store: Store, onStarted: (info: { cancel: () => void; backend: string }) => void) => Promise<{ status: Status; error?: string }>): Promise<Launched> {
  const recording = recordingStore(store);
  let started: { cancel: () => void; backend: string } | undefined;
  const result = run(recording.store, (info) => { started = info; });
  // Both runners create the experiment and call onStarted before their first await; without them, they failed first.
  const { experimentId, runIds, variants } = recording.ids;
  if (started === undefined || experimentId === null) {
    await result;
    throw new LabError('internal', 'the instrument ended before it started');
  }
  return { experimentId, runIds, variants, backend: started.backend, cancel: started.cancel, outcome: result.then((r) => ({ status: r.status, ...(r.error ? { error: r.error } : {}) })) };
}

/**
 * The schedules comparison on its worker thread, stored like the CLI stores it (one run per schedule),
 * plus a 'constants' artifact [L, ΔI, KL_init] on the first run so the sweep's L²/(4K) line can be drawn.
 */
function launchSchedules(store: Store, config: ScheduleCompareConfig, onProgress: ProgressSink): Launched {
  const t0 = performance.now();
  const comparison = startScheduleComparison(config, (p) => onProgress(p.phase, p.done, p.total));
  let stored: ReturnType<typeof beginStoredComparison>;
  try {
    stored = beginStoredComparison(store, config);
  } catch (error) {
    comparison.cancel();
    throw error;
  }
  const outcome = comparison.done.then(
    (result) => {
      finishStoredComparison(store, stored, { status: 'completed', elapsedMs: performance.now() - t0 }, result);
      const holder = [...stored.runIds.values()][0]!;
      store.putArtifact(holder, { name: 'constants', dtype: 'float64', shape: [3, 1], data: Float64Array.of(result.rateConstant, result.deltaInformationNats ?? Number.NaN, result.initialisationNats ?? Number.NaN) });
      return { status: 'completed' as const };
    },
    (error: unknown) => {
      const status: Status = error instanceof LabError && error.code === 'cancelled' ? 'cancelled' : 'failed';
      const message = error instanceof Error ? error.message : String(error);
      finishStoredComparison(store, stored, { status, ...(status === 'failed' ? { error: message } : {}), elapsedMs: performance.now() - t0 });
      return { status, ...(status === 'failed' ? { error: message } : {}) };
    },
  );
  return { experimentId: stored.experimentId, runIds: [...stored.runIds.values()], variants: scheduleNames(config), backend: 'cpu-f64 (1 worker thread)', cancel: comparison.cancel, outcome };
}

/**
 * The instruments running now (schedules, information dynamics, likelihood): each on its worker
 * thread(s) through the same runners as the CLI, stored as it goes (one experiment whose preset is
 * the kind, one run per curve set or schedule), its progress turned into rate-limited
 * instruments:progress events, its end into instruments:finished. Cancellation stops the work between
 * units; the runs are then marked cancelled (a dynamics run keeps the curve sets already finished).
 */
export class InstrumentJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly interval: number;

  constructor(private readonly options: InstrumentJobsOptions) {
    this.interval = options.eventIntervalMs ?? 100;
  }

  /** Starts an instrument and resolves once its experiment and runs are stored (the work continues in the background). */
  async start(instrument: InstrumentConfig, threads = this.options.threads): Promise<InstrumentStartedData> {
    const { store } = this.options;
    let job: Job | undefined;
    const kind: InstrumentKind = instrument.kind;
    const onProgress: ProgressSink = (stage, done, total) => {
      if (job === undefined) return;
      job.progress = { experimentId: job.started.experimentId, kind, stage, done, total };
      job.throttle.push(job.progress);
    };
    let launched: Launched;
    switch (instrument.kind) {
      case 'schedules':
        launched = launchSchedules(store, instrument.config, onProgress);
        break;
      case 'dynamics':
        launched = await launchInfo(store, (s, onStarted) => runDynamics(instrument.config, { store: s, threads: threads ?? 1, onProgress, onStarted }));
        break;
      case 'likelihood':
        launched = await launchInfo(store, (s, onStarted) => runLikelihood(instrument.config, { store: s, onProgress, onStarted }));
        break;
    }
    const started: InstrumentStartedData = { experimentId: launched.experimentId, kind, name: instrument.config.name, runIds: [...launched.runIds], variants: [...launched.variants], backend: launched.backend };
    const current: Job = {
      started, startedAt: Date.now(), progress: null, cancel: launched.cancel, done: Promise.resolve(),
      throttle: createThrottle<InstrumentProgressData>(this.interval, (payload) => this.options.events.emit('instruments:progress', payload)),
    };
    job = current;
    this.jobs.set(started.experimentId, current);
    current.done = launched.outcome.then(
      (outcome) => this.finish(current, outcome.status, outcome.error === undefined ? undefined : { code: 'internal', message: outcome.error }),
      (error: unknown) => this.fail(current, error),
    );
    this.options.events.emit('instruments:started', started);
    return started;
  }

  /** Asks a running instrument to stop at its next check; false when it is not running. */
  cancel(experimentId: string): boolean {
    const job = this.jobs.get(experimentId);
    if (job === undefined) return false;
    job.cancel();
    return true;
  }

  list(): ActiveInstrumentData[] {
    return [...this.jobs.values()].map((job) => ({ ...job.started, started: job.startedAt, progress: job.progress }));
  }

  /** Resolves when every instrument running now has ended (and its runs are marked). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  /** Cancels everything running and waits until the runs are marked. */
  async cancelAll(): Promise<void> {
    for (const job of this.jobs.values()) job.cancel();
    await this.whenIdle();
  }

  private finish(job: Job, status: Status, error: LabErrorPayload | undefined): void {
    job.throttle.flush();
    this.jobs.delete(job.started.experimentId);
    const { experimentId, kind, runIds } = job.started;
    this.options.events.emit('instruments:finished', { experimentId, kind, runIds, status, ...(error ? { error } : {}) });
  }

  /** A bug in the bookkeeping (the runners report their own failures as a status): mark what is still running failed. */
  private fail(job: Job, error: unknown): void {
    job.throttle.cancel();
    this.options.log(`instrument ${job.started.experimentId} failed`, error);
    const payload: LabErrorPayload = error instanceof LabError ? error.toPayload() : { code: 'internal', message: 'the instrument failed: see the log' };
    for (const runId of job.started.runIds) {
      try {
        if (this.options.store.getRun(runId)?.status === 'running') this.options.store.finishRun(runId, { status: 'failed', error: payload.message });
      } catch (markError) {
        this.options.log(`cannot mark run ${runId} failed`, markError);
      }
    }
    this.finish(job, 'failed', payload);
  }
}
