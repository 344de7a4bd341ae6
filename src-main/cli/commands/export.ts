import { parseArgs } from 'node:util';
import { DATA_DIR_OPTION, formatBytes, withStore } from '../../store/cliSupport';
import { usageFailure } from '../args';
import type { CliCommand } from '../types';

const USAGE = 'infodiff export ID... --out FILE [--data-dir DIR]   (ID: a run id or its first 4+ characters)';

const OPTIONS = { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }, ...DATA_DIR_OPTION } as const;

/** `infodiff export ID... --out FILE`: writes the runs, their experiments, series and artifacts as one bundle file. */
export const exportCommand: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    if (!parsed.values.help && parsed.positionals.length === 0) throw new Error('expected one or more run ids');
    if (!parsed.values.help && parsed.values.out === undefined) throw new Error('--out FILE is required');
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`usage: ${USAGE}\n`);
    return 0;
  }
  return withStore(io, values['data-dir'], (store) => {
    const ids = positionals.map((id) => store.resolveRunId(id));
    const { runs, bytes } = store.exportBundle(ids, values.out!);
    io.stdout(`exported ${runs} run${runs === 1 ? '' : 's'} to ${values.out} (${formatBytes(bytes)})\n`);
    return 0;
  });
};
