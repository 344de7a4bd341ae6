import type { RunStatus } from '../../src-shared/experiment/records';
import { realOrNaN } from './sql';
import type { RunRow } from './types';

/**
 * Columns of a run list line, read in raw mode (arrays: about 2.5× faster than better-sqlite3's
 * row objects) or from the run's `list_line` (the same values as a JSON array, kept by the triggers
 * of migration 0080). All on `runs r` (the experiment's name and preset and the summary are copied
 * there by the triggers of migration 0070).
 */
export const RUN_ROW_COLUMNS = `r.id, r.experiment_id, r.experiment_name, r.experiment_preset, r.name, r.variant, r.delta_tol, r.seed_count,
  r.status, r.backend, r.starred, r.created_at, r.finished_at, r.deleted_at, r.seeds_finished,
  r.mean_e_inf, r.mean_e1, r.mean_mse, r.mean_psnr, r.mean_v_nats, r.mean_v_delta_nats, r.mean_v_delta_coarse_nats`;

/** How many values RUN_ROW_COLUMNS selects; further columns of a raw row start here. */
export const RUN_ROW_WIDTH = 22;

/** Maps a raw row selected with RUN_ROW_COLUMNS (first), or a parsed `list_line`, to a RunRow. */
export function toRunRow(v: readonly unknown[]): RunRow {
  return {
    id: v[0] as string,
    experimentId: v[1] as string,
    experiment: v[2] as string,
    preset: v[3] as string | null,
    name: v[4] as string,
    variant: v[5] as string,
    deltaTol: v[6] as number | null,
    seedCount: v[7] as number,
    status: v[8] as RunStatus,
    backend: v[9] as string,
    starred: v[10] === 1,
    created: v[11] as number,
    finished: v[12] as number | null,
    trashed: v[13] as number | null,
    summary:
      v[14] === null
        ? null
        : {
            seedsFinished: v[14] as number,
            eInf: realOrNaN(v[15] as number | null),
            e1: realOrNaN(v[16] as number | null),
            mse: realOrNaN(v[17] as number | null),
            psnr: realOrNaN(v[18] as number | null),
            vNats: realOrNaN(v[19] as number | null),
            vDeltaNats: realOrNaN(v[20] as number | null),
            vDeltaCoarseNats: realOrNaN(v[21] as number | null),
          },
  };
}
