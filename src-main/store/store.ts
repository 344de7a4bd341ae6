import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { LabError } from '../../src-shared/errors';
import type { ArtifactData, FinalMetrics, StepMetrics } from '../../src-shared/experiment/records';
import * as artifacts from './artifacts';
import { exportBundle } from './bundle/export';
import { type ImportResult, importBundle } from './bundle/import';
import { DB_FILE_NAME, type DataDirContext, resolveDataDir } from './dataDir';
import * as experiments from './experiments';
import * as figures from './figures';
import * as metrics from './metrics';
import { chooseNativeBinding } from './nativeBinding';
import { openDatabase } from './open';
import * as partitions from './partitions';
import { listRuns } from './runList';
import * as runs from './runs';
import * as schedules from './schedules';
import * as stepTables from './stepTables';
import * as trash from './trash';
import type {
  ArtifactInput, ArtifactMeta, ExperimentInput, ExperimentPatch, ExperimentRecord, RunInput, RunOutcome, RunPatch, RunQuery, RunRecord, RunRow,
} from './types';
import { type WriterIdentity, acquireWriter, interruptWriterRuns, markInterrupted, releaseWriter } from './writers';

export interface OpenStoreOptions extends DataDirContext {
  /** The data folder (`--data-dir`, the desktop app's userData); else $INFODIFF_DATA_DIR, else the default (dataDir.ts). */
  readonly dataDir?: string;
  /** The database file itself, or ':memory:'; wins over dataDir. */
  readonly file?: string;
  /** better-sqlite3 binary to load; default: chosen by nativeBinding.ts for this runtime. */
  readonly nativeBinding?: string;
  /** Where `native/electron/` is looked for under Electron (besides the resources folder); default: the working directory. */
  readonly appRoot?: string;
  /** Clock, Unix ms. */
  readonly now?: () => number;
}

/** The run store: one SQLite file; every write is a transaction; ids are UUIDs; times Unix ms. */
export interface Store {
  readonly path: string;
  /** Schema versions before and after opening. */
  readonly migrated: { readonly from: number; readonly to: number };
  /** The copy taken before migrating at this open, if any. */
  readonly backupFile: string | undefined;
  /** Runs found queued or running with a dead writer at open, now `interrupted`. */
  readonly interrupted: readonly string[];

  createExperiment(input: ExperimentInput): string;
  getExperiment(id: string): ExperimentRecord | undefined;
  listExperiments(): ExperimentRecord[];
  updateExperiment(id: string, patch: ExperimentPatch): void;
  deleteExperiment(id: string): void;

  createRun(input: RunInput): string;
  startRun(runId: string): void;
  appendSteps(runId: string, steps: readonly StepMetrics[]): void;
  appendFinals(runId: string, finals: readonly FinalMetrics[]): void;
  putArtifact(runId: string, artifact: ArtifactInput): string;
  finishRun(runId: string, outcome: RunOutcome): void;
  updateRun(runId: string, patch: RunPatch): void;
  getRun(id: string): RunRecord | undefined;
  /** The full id of a run from its id or a unique prefix (≥ 4 characters). */
  resolveRunId(idOrPrefix: string): string;
  listRuns(query?: RunQuery): { rows: RunRow[]; total: number };
  getSteps(runId: string, seed?: number): StepMetrics[];
  getFinals(runId: string): FinalMetrics[];
  getArtifact(id: string): ArtifactData | undefined;
  listArtifacts(runId: string): ArtifactMeta[];
  /** A seed's block masses at every recorded step (default: the lowest seed with them); undefined when not stored (stepTables.ts). */
  getBlockMasses(runId: string, seed?: number): stepTables.StoredBlockMasses | undefined;
  /** A seed's pruned-denoiser statistics per recorded step (default: the lowest seed with them); undefined when none. */
  getPruning(runId: string, seed?: number): stepTables.StoredPruning | undefined;

  trashRuns(ids: readonly string[]): void;
  restoreRuns(ids: readonly string[]): void;
  purgeRuns(ids: readonly string[]): { runs: number; artifactBytes: number };
  exportBundle(runIds: readonly string[], file: string): { runs: number; bytes: number };
  importBundle(file: string): ImportResult;

  savePartition(input: partitions.PartitionInput): string;
  listPartitions(): partitions.PartitionMeta[];
  getPartition(id: string): partitions.PartitionRecord | undefined;
  updatePartition(id: string, patch: { name?: string; notes?: string }): void;
  deletePartition(id: string): void;
  saveSchedule(input: schedules.ScheduleInput): string;
  listSchedules(): schedules.ScheduleMeta[];
  getSchedule(id: string): schedules.ScheduleRecord | undefined;
  updateSchedule(id: string, patch: { name?: string; notes?: string }): void;
  deleteSchedule(id: string): void;
  saveFigure(input: figures.FigureInput): string;
  listFigures(runId?: string): figures.FigureRecord[];
  getFigure(id: string): figures.FigureRecord | undefined;
  deleteFigure(id: string): void;

  /** Ends this session: its runs still queued or running become `interrupted`. Idempotent. */
  close(): void;
}

/**
 * Opens the run store: resolves the file (options.file, else `<data dir>/infodiff.db`), opens and
 * migrates it (open.ts), then marks runs left by dead writers `interrupted` (writers.ts).
 */
export function openStore(options: OpenStoreOptions = {}): Store {
  const file = options.file ?? path.join(resolveDataDir(options.dataDir, options), DB_FILE_NAME);
  const now = options.now ?? Date.now;
  const opened = openDatabase(file, { nativeBinding: options.nativeBinding ?? defaultNativeBinding(options.appRoot) });
  const writer = acquireWriter();
  try {
    const interrupted = markInterrupted(opened.db, now());
    return createStore({ db: opened.db, file, now, writer, migrated: opened.migrated, backupFile: opened.backupFile, interrupted });
  } catch (error) {
    releaseWriter(writer);
    opened.db.close();
    throw error;
  }
}

function defaultNativeBinding(appRoot: string | undefined): string | undefined {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const choice = chooseNativeBinding({ electronVersion: process.versions['electron'], roots: [resourcesPath, appRoot ?? process.cwd()], exists: existsSync });
  if (choice.kind === 'node') return undefined;
  if (choice.kind === 'electron') return choice.file;
  throw new LabError(
    'storage',
    `this Electron app has no Electron build of better-sqlite3 (looked for ${choice.searched.join(', ')}). On a machine with internet access run ` +
      '"npx tsx src-main/store/native/buildElectronBinding.ts" in the project folder (see docs/store.md).',
  );
}

interface StoreParts {
  readonly db: Database;
  readonly file: string;
  readonly now: () => number;
  readonly writer: WriterIdentity;
  readonly migrated: { readonly from: number; readonly to: number };
  readonly backupFile: string | undefined;
  readonly interrupted: readonly string[];
}

function createStore({ db, file, now, writer, migrated, backupFile, interrupted }: StoreParts): Store {
  let open = true;
  let createdRuns = false;
  return {
    path: file,
    migrated,
    backupFile,
    interrupted,
    createExperiment: (input) => experiments.insertExperiment(db, input, now()),
    getExperiment: (id) => experiments.getExperiment(db, id),
    listExperiments: () => experiments.listExperiments(db),
    updateExperiment: (id, patch) => experiments.updateExperiment(db, id, patch, now()),
    deleteExperiment: (id) => experiments.deleteExperiment(db, id),
    createRun: (input) => {
      const id = runs.insertRun(db, input, writer, now());
      createdRuns = true;
      return id;
    },
    startRun: (runId) => runs.startRun(db, runId, now()),
    appendSteps: (runId, steps) => metrics.appendSteps(db, runId, steps),
    appendFinals: (runId, finals) => metrics.appendFinals(db, runId, finals),
    putArtifact: (runId, artifact) => artifacts.putArtifact(db, runId, artifact, now()),
    finishRun: (runId, outcome) => runs.finishRun(db, runId, outcome, now()),
    updateRun: (runId, patch) => runs.updateRun(db, runId, patch),
    getRun: (id) => runs.getRun(db, id),
    resolveRunId: (idOrPrefix) => runs.resolveRunId(db, idOrPrefix),
    listRuns: (query) => listRuns(db, query),
    getSteps: (runId, seed) => metrics.getSteps(db, runId, seed),
    getFinals: (runId) => metrics.getFinals(db, runId),
    getArtifact: (id) => artifacts.getArtifact(db, id),
    listArtifacts: (runId) => artifacts.listArtifacts(db, runId),
    getBlockMasses: (runId, seed) => stepTables.getBlockMasses(db, runId, seed),
    getPruning: (runId, seed) => stepTables.getPruning(db, runId, seed),
    trashRuns: (ids) => trash.trashRuns(db, ids, now()),
    restoreRuns: (ids) => trash.restoreRuns(db, ids),
    purgeRuns: (ids) => trash.purgeRuns(db, ids),
    exportBundle: (runIds, bundleFile) => exportBundle(db, runIds, bundleFile, now()),
    importBundle: (bundleFile) => importBundle(db, bundleFile, now()),
    savePartition: (input) => partitions.savePartition(db, input, now()),
    listPartitions: () => partitions.listPartitions(db),
    getPartition: (id) => partitions.getPartition(db, id),
    updatePartition: (id, patch) => partitions.updatePartition(db, id, patch, now()),
    deletePartition: (id) => partitions.deletePartition(db, id),
    saveSchedule: (input) => schedules.saveSchedule(db, input, now()),
    listSchedules: () => schedules.listSchedules(db),
    getSchedule: (id) => schedules.getSchedule(db, id),
    updateSchedule: (id, patch) => schedules.updateSchedule(db, id, patch, now()),
    deleteSchedule: (id) => schedules.deleteSchedule(db, id),
    saveFigure: (input) => figures.saveFigure(db, input, now()),
    listFigures: (runId) => figures.listFigures(db, runId),
    getFigure: (id) => figures.getFigure(db, id),
    deleteFigure: (id) => figures.deleteFigure(db, id),
    close() {
      if (!open) return;
      open = false;
      try {
        if (createdRuns) interruptWriterRuns(db, writer, now());
      } finally {
        releaseWriter(writer);
        db.close();
      }
    },
  };
}
