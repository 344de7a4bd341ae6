import { DATA_DIR_OPTION, formatBytes, withStore } from '../../store/cliSupport';
import { parseCommand } from '../args';
import type { CliCommand } from '../types';

const DELETE_USAGE = 'infodiff delete ID... [--purge] [--data-dir DIR]   (ID: a run id or its first 4+ characters)';
const RESTORE_USAGE = 'infodiff restore ID... [--data-dir DIR]';

const IDS = { min: 1, noun: 'run id' } as const;

/**
 * `infodiff delete ID...`: moves runs to the trash (undo with `infodiff restore`); with --purge,
 * deletes them for good with their steps and artifacts. All or nothing.
 */
export const deleteCommand: CliCommand = async (argv, io) => {
  const parsed = parseCommand(argv, io, { usage: DELETE_USAGE, options: { purge: { type: 'boolean' }, ...DATA_DIR_OPTION }, positionals: IDS });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withStore(io, values['data-dir'], (store) => {
    const ids = positionals.map((id) => store.resolveRunId(id));
    const plural = ids.length === 1 ? '' : 's';
    if (values.purge) {
      const { runs, artifactBytes } = store.purgeRuns(ids);
      io.stdout(`deleted ${runs} run${plural} for good (${formatBytes(artifactBytes)} of artifacts freed)\n`);
    } else {
      store.trashRuns(ids);
      io.stdout(`moved ${ids.length} run${plural} to the trash; undo with: infodiff restore ${ids.join(' ')}\n`);
    }
    return 0;
  });
};

/** `infodiff restore ID...`: takes runs back out of the trash. */
export const restoreCommand: CliCommand = async (argv, io) => {
  const parsed = parseCommand(argv, io, { usage: RESTORE_USAGE, options: DATA_DIR_OPTION, positionals: IDS });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withStore(io, values['data-dir'], (store) => {
    const ids = positionals.map((id) => store.resolveRunId(id));
    store.restoreRuns(ids);
    io.stdout(`restored ${ids.length} run${ids.length === 1 ? '' : 's'}\n`);
    return 0;
  });
};
