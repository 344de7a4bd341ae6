import { DATA_DIR_OPTION, withStore } from '../../store/cliSupport';
import { parseCommand } from '../args';
import type { CliCommand } from '../types';

const USAGE = 'infodiff import FILE [--json] [--data-dir DIR]';

const OPTIONS = { json: { type: 'boolean' }, ...DATA_DIR_OPTION } as const;

/**
 * `infodiff import FILE`: adds the runs of a bundle with new ids; runs already here (same origin) are
 * skipped; a damaged bundle is refused whole. Prints each bundle id → local id.
 */
export const importCommand: CliCommand = async (argv, io) => {
  const parsed = parseCommand(argv, io, { usage: USAGE, options: OPTIONS, positionals: { min: 1, max: 1, noun: 'bundle file' } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withStore(io, values['data-dir'], (store) => {
    const result = store.importBundle(positionals[0]!);
    if (values.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    io.stdout(`imported ${result.imported} run${result.imported === 1 ? '' : 's'}, skipped ${result.skipped} already here\n`);
    for (const [from, to] of Object.entries(result.idMap)) io.stdout(`  ${from} → ${to}\n`);
    return 0;
  });
};
