/** The run store's public surface (docs/store.md). Everything else in this folder is internal. */
export { openStore, type OpenStoreOptions, type Store } from './store';
export type * from './types';
export { RUN_SORT_KEYS } from './types';
export type { ImportResult } from './bundle/import';
export { BLOCK_MASSES_ARTIFACT, PRUNING_ARTIFACT, PRUNING_COLUMNS, blockMassArtifact, pruningArtifact, type StoredBlockMasses, type StoredPruning } from './stepTables';
export type { PartitionInput, PartitionMeta, PartitionRecord } from './partitions';
export type { ScheduleInput, ScheduleMeta, ScheduleRecord } from './schedules';
export { FIGURE_FORMATS, type FigureFormat, type FigureInput, type FigureRecord } from './figures';
export { canonicalJson, hashConfig, sha256Hex } from './hash';
export { APP_NAME, DATA_DIR_ENV, DB_FILE_NAME, defaultUserDataDir, resolveDataDir } from './dataDir';
export { DbVersionFromFutureError, LATEST_VERSION } from './migrations';
