/**
 * The store's public shapes: what the runner writes, what lists and the UI read. Timestamps are
 * Unix time in ms; metric values follow src-shared/experiment/records.ts (nats, NaN = undefined).
 */
import type { ArtifactData, RunStatus } from '../../src-shared/experiment/records';

export interface ExperimentInput {
  readonly name: string;
  readonly preset?: string | null;
  readonly notes?: string;
  readonly tags?: readonly string[];
}

/** Fields of an experiment that can be edited; absent fields stay as they are. */
export interface ExperimentPatch {
  readonly name?: string;
  readonly preset?: string | null;
  readonly notes?: string;
  readonly tags?: readonly string[];
  readonly starred?: boolean;
}

export interface ExperimentRecord {
  readonly id: string;
  readonly name: string;
  readonly preset: string | null;
  readonly notes: string;
  readonly tags: readonly string[];
  readonly starred: boolean;
  readonly created: number;
  readonly updated: number;
  /** Runs of the experiment, trashed ones included. */
  readonly runCount: number;
}

export interface RunInput {
  readonly experimentId: string;
  readonly name?: string;
  readonly notes?: string;
  readonly variant: string;
  /** δ of the projected variant; null when the variant has none. */
  readonly deltaTol: number | null;
  readonly seeds: readonly number[];
  /** Stored as JSON, as given. */
  readonly config: unknown;
  /** sha256 of the canonical config JSON (hashConfig in ./hash.ts). */
  readonly configHash: string;
  readonly dataHash: string | null;
  readonly appVersion: string;
  readonly backend: string;
  readonly status?: 'queued' | 'running';
}

/** Fields of a run that can be edited; absent fields stay as they are. */
export interface RunPatch {
  readonly name?: string;
  readonly notes?: string;
  readonly starred?: boolean;
}

export interface RunOutcome {
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly error?: string;
  /** Milliseconds per phase, e.g. { sampleMs: 812 }. */
  readonly timings?: Readonly<Record<string, number>>;
}

/** Means over seeds of the final metrics (over the seeds where each is defined; NaN if none is). */
export interface RunSummary {
  readonly seedsFinished: number;
  readonly eInf: number;
  readonly e1: number;
  readonly mse: number;
  readonly psnr: number;
  readonly vNats: number;
  readonly vDeltaNats: number;
  readonly vDeltaCoarseNats: number;
}

/** One line of a run list. */
export interface RunRow {
  readonly id: string;
  readonly experimentId: string;
  /** The experiment's name. */
  readonly experiment: string;
  readonly preset: string | null;
  readonly name: string;
  readonly variant: string;
  readonly deltaTol: number | null;
  readonly seedCount: number;
  readonly status: RunStatus;
  readonly backend: string;
  readonly starred: boolean;
  readonly created: number;
  readonly finished: number | null;
  /** When it was moved to the trash; null when it is not there. */
  readonly trashed: number | null;
  /** Null until a final metric is stored. */
  readonly summary: RunSummary | null;
}

/** Everything stored about one run except its series and artifacts. */
export interface RunRecord extends RunRow {
  readonly notes: string;
  readonly tags: readonly string[];
  readonly seeds: readonly number[];
  readonly error: string | null;
  readonly appVersion: string;
  readonly config: unknown;
  readonly configHash: string;
  readonly dataHash: string | null;
  readonly timings: Readonly<Record<string, number>> | null;
  readonly started: number | null;
  /** The run's id in the database it was imported from (the first one, through re-exports). */
  readonly originId: string | null;
  /** Rows in the per-step table (all seeds). */
  readonly stepCount: number;
}

export const RUN_SORT_KEYS = ['created', 'name', 'experiment', 'status', 'variant', 'deltaTol', 'eInf', 'e1', 'mse', 'psnr', 'vDeltaNats'] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

/** Filters (all optional, combined with AND), sort and page of a run list. */
export interface RunQuery {
  /** Words to find in run and experiment names and notes, variant and preset (prefix match, all words). */
  readonly search?: string;
  readonly tag?: string;
  readonly preset?: string;
  readonly status?: RunStatus | readonly RunStatus[];
  readonly experimentId?: string;
  readonly starred?: boolean;
  /** Created at or after (Unix ms). */
  readonly createdFrom?: number;
  /** Created before (Unix ms). */
  readonly createdTo?: number;
  /** 'hide' (default): trashed runs are left out; 'only': the trash; 'include': both. */
  readonly trash?: 'hide' | 'only' | 'include';
  readonly sort?: RunSortKey;
  /** Default 'desc' for created, 'asc' otherwise. */
  readonly order?: 'asc' | 'desc';
  /** Default: all rows. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface ArtifactInput extends ArtifactData {
  readonly seed?: number;
  readonly step?: number;
}

export interface ArtifactMeta {
  readonly id: string;
  readonly runId: string;
  readonly name: string;
  readonly seed: number | null;
  readonly step: number | null;
  readonly dtype: ArtifactData['dtype'];
  readonly shape: readonly number[];
  readonly byteLength: number;
  readonly created: number;
}
