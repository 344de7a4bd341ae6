import { DATA_DIR_OPTION, formatBytes, withStore } from '../../store/cliSupport';
import { parseCommand } from '../args';
import type { CliCommand } from '../types';

const USAGE = 'infodiff export ID... --out FILE [--data-dir DIR]   (ID: a run id or its first 4+ characters)';

const OPTIONS = { out: { type: 'string', short: 'o' }, ...DATA_DIR_OPTION } as const;

/** `infodiff export ID... --out FILE`: writes the runs, their experiments, series and artifacts as one bundle file. */
export const exportCommand: CliCommand = async (argv, io) => {
  const parsed = parseCommand(argv, io, { usage: USAGE, options: OPTIONS, positionals: { min: 1, noun: 'run id' }, required: { out: '--out FILE is required' } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withStore(io, values['data-dir'], (store) => {
    const ids = positionals.map((id) => store.resolveRunId(id));
    const { runs, bytes } = store.exportBundle(ids, values.out!);
    io.stdout(`exported ${runs} run${runs === 1 ? '' : 's'} to ${values.out} (${formatBytes(bytes)})\n`);
    return 0;
  });
};
