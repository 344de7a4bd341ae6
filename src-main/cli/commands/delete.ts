import { parseArgs } from 'node:util';
import { DATA_DIR_OPTION, formatBytes, withStore } from '../../store/cliSupport';
import { usageFailure } from '../args';
import type { CliCommand, CliIo } from '../types';

const DELETE_USAGE = 'infodiff delete ID... [--purge] [--data-dir DIR]   (ID: a run id or its first 4+ characters)';
const RESTORE_USAGE = 'infodiff restore ID... [--data-dir DIR]';

const OPTIONS = { purge: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...DATA_DIR_OPTION } as const;

function parseIds(argv: readonly string[], io: CliIo, usage: string, allowPurge: boolean) {
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    if (parsed.values.purge && !allowPurge) throw new Error("Unknown option '--purge'");
    if (!parsed.values.help && parsed.positionals.length === 0) throw new Error('expected one or more run ids');
    return parsed;
  } catch (error) {
    return usageFailure(io, usage, (error as Error).message);
  }
}

/**
 * `infodiff delete ID...`: moves runs to the trash (undo with `infodiff restore`); with --purge,
 * deletes them for good with their steps and artifacts. All or nothing.
 */
export const deleteCommand: CliCommand = async (argv, io) => {
  const parsed = parseIds(argv, io, DELETE_USAGE, true);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`usage: ${DELETE_USAGE}\n`);
    return 0;
  }
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
  const parsed = parseIds(argv, io, RESTORE_USAGE, false);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`usage: ${RESTORE_USAGE}\n`);
    return 0;
  }
  return withStore(io, values['data-dir'], (store) => {
    const ids = positionals.map((id) => store.resolveRunId(id));
    store.restoreRuns(ids);
    io.stdout(`restored ${ids.length} run${ids.length === 1 ? '' : 's'}\n`);
    return 0;
  });
};
