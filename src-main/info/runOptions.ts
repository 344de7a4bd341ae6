import type { Store } from '../store';

/** Options every information instrument runner takes (runDynamics, runLikelihood). */
export interface InfoRunOptions {
  /** Where the runs are stored as they go (none: nothing is stored). */
  readonly store?: Store;
  /** Worker threads (default 1); each runner says what it splits over them. */
  readonly threads?: number;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  /** Called once the workers are started, with a cancel function (Ctrl-C in the CLI). */
  readonly onStarted?: (info: { cancel: () => void; backend: string; data: string }) => void;
}

/** How an information instrument's run ended, and where it is stored. */
export interface InfoRunOutcome {
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly error?: string;
  readonly experimentId: string | null;
  readonly runIds: readonly string[];
  readonly backend: string;
  readonly elapsedMs: number;
}
