import type { RunStatus } from '../../src-shared/experiment/records';
import { LIST_VALUES_STATUSES } from './migrations/0090-run-list-values';
import { realOrNaN } from './sql';
import type { RunRow } from './types';

/**
 * Columns of a run list line, read in raw mode (arrays: about 2.5× faster than better-sqlite3's
 * row objects). All on `runs r` (the experiment's name and preset and the summary are copied there by
 * the triggers of migration 0070). A list reads the same values from `list_values` (toRunRows).
 */
export const RUN_ROW_COLUMNS = `r.id, r.experiment_id, r.experiment_name, r.experiment_preset, r.name, r.variant, r.delta_tol, r.seed_count,
  r.status, r.backend, r.starred, r.created_at, r.finished_at, r.deleted_at, r.seeds_finished,
  r.mean_e_inf, r.mean_e1, r.mean_mse, r.mean_psnr, r.mean_v_nats, r.mean_v_delta_nats, r.mean_v_delta_coarse_nats`;

/** How many values RUN_ROW_COLUMNS selects; further columns of a raw row start here. */
export const RUN_ROW_WIDTH = 22;

/** Maps a raw row selected with RUN_ROW_COLUMNS (first) to a RunRow. */
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

/** How many values one run's `list_values` holds (LIST_VALUES_SQL of migration 0090). */
export const LIST_VALUES_WIDTH = 21;

/** An experiment as a run row shows it. */
export interface ListedExperiment {
  readonly id: string;
  readonly name: string;
  readonly preset: string | null;
}

/**
 * Maps the `list_values` of consecutive runs, parsed as one flat JSON array (LIST_VALUES_WIDTH values
 * per run), to RunRows. `experiments` resolves each run's experiment `seq`; a run whose seq it lacks
 * (its experiment is missing) takes `missing(k)` for the k-th run. Appends to `rows` and returns it.
 * created = high·2³⁰ + low; finished and trashed = created + their offsets; NULL means are NaN.
 */
export function toRunRows(
  values: readonly unknown[],
  experiments: ReadonlyMap<unknown, ListedExperiment>,
  missing: (k: number) => ListedExperiment,
  rows: RunRow[] = [],
): RunRow[] {
  const count = values.length / LIST_VALUES_WIDTH;
  for (let k = 0, o = 0; k < count; k++, o += LIST_VALUES_WIDTH) {
    const experiment = experiments.get(values[o + 1]) ?? missing(k);
    const status = values[o + 6];
    // Exact: the times are integers below 2^53.
    const created = (values[o + 9] as number) * 1073741824 + (values[o + 10] as number);
    const finished = values[o + 11] as number | null;
    const trashed = values[o + 12] as number | null;
    rows.push({
      id: values[o] as string,
      experimentId: experiment.id,
      experiment: experiment.name,
      preset: experiment.preset,
      name: values[o + 2] as string,
      variant: values[o + 3] as string,
      deltaTol: values[o + 4] as number | null,
      seedCount: values[o + 5] as number,
      status: (typeof status === 'number' ? LIST_VALUES_STATUSES[status] : status) as RunStatus,
      backend: values[o + 7] as string,
      starred: values[o + 8] === 1,
      created,
      finished: finished === null ? null : created + finished,
      trashed: trashed === null ? null : created + trashed,
      summary:
        values[o + 13] === null
          ? null
          : {
              seedsFinished: values[o + 13] as number,
              eInf: realOrNaN(values[o + 14] as number | null),
              e1: realOrNaN(values[o + 15] as number | null),
              mse: realOrNaN(values[o + 16] as number | null),
              psnr: realOrNaN(values[o + 17] as number | null),
              vNats: realOrNaN(values[o + 18] as number | null),
              vDeltaNats: realOrNaN(values[o + 19] as number | null),
              vDeltaCoarseNats: realOrNaN(values[o + 20] as number | null),
            },
    });
  }
  return rows;
}
