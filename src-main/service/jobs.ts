import { LabError, type LabErrorPayload } from '../../src-shared/errors';
import type { ExperimentConfig } from '../../src-shared/experiment/config';
import { remainingMs } from '../../src-shared/experiment/eta';
import type { FinalMetrics } from '../../src-shared/experiment/records';
import { encodeArtifact } from '../../src-shared/ipc/artifactJson';
import { variantsOf } from '../../src-shared/experiment/variants';
import type { ActiveExperimentData, EventPayload, ProgressData, Response } from '../../src-shared/ipc/contract';
import { FINAL_FIELDS } from '../../src-shared/ipc/schemas';
import type { EngineOutcome, EngineProgress } from '../engine/host';
import type { Store } from '../store';
import { jsonNumber } from './convert';
import { samplerSteps } from './experimentRequests';
import type { LabEvents } from './events';
import { prepareExperiment, runPreparedExperiment, type LivePreview } from './experimentRun';
import { observeStore } from './observedStore';
import { createThrottle, type Throttle } from './throttle';

export type StartedExperiment = Response<'runs:start'>;

export interface ExperimentJobsOptions {
  readonly store: Store;
  readonly events: LabEvents;
  /** Engine worker threads per experiment; default: the engine's (available parallelism). */
  readonly threads?: number;
  readonly log: (message: string, error?: unknown) => void;
  /** Minimum ms between two progress, recorded or frame events of one experiment (default 100: ≤ 10/s). */
  readonly eventIntervalMs?: number;
}

interface Job {
  readonly started: StartedExperiment;
  readonly startedAt: number;
  progress: ProgressData;
  readonly means: Map<string, RunningMeans>;
  readonly events: {
    readonly progress: Throttle<ProgressData>; readonly recorded: Throttle<EventPayload<'runs:recorded'>>; readonly frame: Throttle<EventPayload<'runs:frame'>>; readonly preview: Throttle<LivePreview>;
  };
  cancel(): void;
  done: Promise<void>;
}

/** Running sums of one run's final metrics over the seeds finished so far. */
class RunningMeans {
  seedsFinished = 0;
  private readonly sums = new Map<string, { sum: number; n: number }>();

  add(finals: readonly FinalMetrics[]): void {
    for (const f of finals) {
      this.seedsFinished += 1;
      for (const key of FINAL_FIELDS) {
        if (!Number.isFinite(f[key])) continue;
        const entry = this.sums.get(key) ?? { sum: 0, n: 0 };
        entry.sum += f[key];
        entry.n += 1;
        this.sums.set(key, entry);
      }
    }
  }

  means(): EventPayload<'runs:recorded'>['variants'][number]['means'] {
    const out: Record<string, number | null> = {};
    for (const key of FINAL_FIELDS) {
      const entry = this.sums.get(key);
      out[key] = entry === undefined ? null : jsonNumber(entry.sum / entry.n);
    }
    return out as EventPayload<'runs:recorded'>['variants'][number]['means'];
  }
}

/**
 * The experiments running now: starts each on the engine through runExperiment (which writes it to
 * the store as it goes), turns its callbacks into rate-limited events, and cancels on request.
 * Frames and finals are observed on their way into the store, so their events carry stored ids.
 */
export class ExperimentJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly interval: number;

  constructor(private readonly options: ExperimentJobsOptions) {
    this.interval = options.eventIntervalMs ?? 100;
  }

  /** Starts `config` and resolves once its experiment and runs are stored (the work continues in the background). */
  async start(config: ExperimentConfig, threads = this.options.threads): Promise<StartedExperiment> {
    const { store } = this.options;
    let job: Job | undefined;
    const observed = observeStore(store, {
      onFinals: (runId, finals) => {
        if (job !== undefined) this.recordFinals(job, runId, finals);
      },
      onArtifact: (runId, artifact, artifactId) => {
        if (job === undefined || artifact.name !== 'frame' || artifact.seed === undefined || artifact.step === undefined) return;
        job.events.frame.push({ experimentId: job.started.experimentId, runId, seed: artifact.seed, step: artifact.step, artifactId });
      },
    });
    let engine: { experimentId: string | null; runIds: readonly string[]; cancel: () => void; backend: string } | undefined;
    const startedAt = Date.now();
    const prepared = await prepareExperiment(config);
    const result = runPreparedExperiment(prepared, {
      store: observed,
      ...(threads === undefined ? {} : { threads }),
      onStarted: (info) => {
        engine = info;
      },
      onProgress: (p) => {
        if (job !== undefined) this.recordProgress(job, p);
      },
      onPreview: (preview) => job?.events.preview.push(preview),
    });
    // runPreparedExperiment calls onStarted before its first await; without it, it failed before storing anything.
    if (engine === undefined || engine.experimentId === null) {
      await result;
      throw new LabError('internal', 'the experiment ended before it started');
    }
    const seedsTotal = config.seeds.count;
    const stepsTotal = seedsTotal * samplerSteps(config);
    const started: StartedExperiment = {
      experimentId: engine.experimentId, name: config.name, runIds: [...engine.runIds], variants: variantsOf(config).map((v) => v.id), backend: engine.backend, seedsTotal, stepsTotal,
    };
    const current: Job = {
      started,
      startedAt,
      progress: { experimentId: started.experimentId, runIds: started.runIds, stepsDone: 0, stepsTotal, seedsDone: 0, seedsTotal, etaMs: null },
      means: new Map(),
      events: { progress: this.throttled('runs:progress'), recorded: this.throttled('runs:recorded'), frame: this.throttled('runs:frame'), preview: this.previews(started.experimentId) },
      cancel: engine.cancel,
      done: Promise.resolve(),
    };
    job = current;
    this.jobs.set(started.experimentId, current);
    current.done = result.then(
      (r) => this.finish(current, r.outcome),
      (error: unknown) => this.fail(current, error),
    );
    this.options.events.emit('runs:started', started);
    return started;
  }

  /** Asks a running experiment to stop between sampler steps; false when it is not running. */
  cancel(experimentId: string): boolean {
    const job = this.jobs.get(experimentId);
    if (job === undefined) return false;
    job.cancel();
    return true;
  }

  list(): ActiveExperimentData[] {
    return [...this.jobs.values()].map((job) => ({
      experimentId: job.started.experimentId,
      name: job.started.name,
      runIds: job.started.runIds,
      variants: job.started.variants,
      backend: job.started.backend,
      started: job.startedAt,
      progress: job.progress,
    }));
  }

  /** Resolves when every experiment running now has ended (and its runs are marked). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  /** Cancels everything running and waits until the runs are marked cancelled. */
  async cancelAll(): Promise<void> {
    for (const job of this.jobs.values()) job.cancel();
    await this.whenIdle();
  }

  private throttled<C extends 'runs:progress' | 'runs:recorded' | 'runs:frame'>(channel: C): Throttle<EventPayload<C>> {
    return createThrottle<EventPayload<C>>(this.interval, (payload) => this.options.events.emit(channel, payload));
  }

  /**
   * The runs:preview throttle of an experiment: previews from every worker are merged, the newest
   * frame per (run, seed) kept, and sent at most once per interval with the float32 pixels in base64.
   */
  private previews(experimentId: string): Throttle<LivePreview> {
    const latest = new Map<string, LivePreview['frames'][number]>();
    let shape = { height: 0, width: 0 };
    let pruning: LivePreview['pruning'] = null;
    const send = createThrottle<null>(this.interval, () => {
      if (latest.size === 0) return;
      const frames = [...latest.values()].map((f) => ({ runId: f.runId, seed: f.seed, step: f.step, data: encodeArtifact('', { name: 'preview', dtype: 'float32', shape: [f.pixels.length], data: f.pixels }).data }));
      latest.clear();
      this.options.events.emit('runs:preview', { experimentId, ...shape, frames, pruning });
    });
    return {
      push(preview) {
        shape = { height: preview.height, width: preview.width };
        for (const frame of preview.frames) latest.set(`${frame.runId}:${frame.seed}`, frame);
        if (preview.pruning !== null && Number.isFinite(preview.pruning.skippedFraction) && Number.isFinite(preview.pruning.epsilon)) pruning = preview.pruning;
        send.push(null);
      },
      flush: () => send.flush(),
      cancel: () => {
        send.cancel();
        latest.clear();
      },
    };
  }

  /** Progress with an ETA from the mean rate so far (remainingMs). */
  private recordProgress(job: Job, p: EngineProgress): void {
    const etaMs = remainingMs(Date.now() - job.startedAt, p.stepsDone, p.stepsTotal);
    job.progress = { ...job.progress, ...p, etaMs };
    job.events.progress.push(job.progress);
  }

  /** Folds a run's new finals into its running means and announces the means of every variant. */
  private recordFinals(job: Job, runId: string, finals: readonly FinalMetrics[]): void {
    const runMeans = job.means.get(runId) ?? new RunningMeans();
    job.means.set(runId, runMeans);
    runMeans.add(finals);
    const { experimentId, runIds, variants } = job.started;
    job.events.recorded.push({
      experimentId,
      variants: runIds.flatMap((id, v) => {
        const m = job.means.get(id);
        return m === undefined ? [] : [{ runId: id, variant: variants[v]!, seedsFinished: m.seedsFinished, means: m.means() }];
      }),
    });
  }

  private finish(job: Job, outcome: EngineOutcome): void {
    for (const throttle of Object.values(job.events)) throttle.flush();
    this.jobs.delete(job.started.experimentId);
    const { experimentId, runIds } = job.started;
    this.options.events.emit('runs:finished', { experimentId, runIds, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) });
  }

  private fail(job: Job, error: unknown): void {
    for (const throttle of Object.values(job.events)) throttle.cancel();
    this.jobs.delete(job.started.experimentId);
    this.options.log(`experiment ${job.started.experimentId} failed`, error);
    const payload: LabErrorPayload = error instanceof LabError ? error.toPayload() : { code: 'internal', message: 'the experiment failed: see the log' };
    for (const runId of job.started.runIds) {
      try {
        const status = this.options.store.getRun(runId)?.status;
        if (status === 'running' || status === 'queued') this.options.store.finishRun(runId, { status: 'failed', error: payload.message });
      } catch (markError) {
        this.options.log(`cannot mark run ${runId} failed`, markError);
      }
    }
    const { experimentId, runIds } = job.started;
    this.options.events.emit('runs:finished', { experimentId, runIds, status: 'failed', error: payload });
  }
}
