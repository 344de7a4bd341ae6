import { parseArgs } from 'node:util';
import { DATA_DIR_OPTION, withStore } from '../../store/cliSupport';
import { usageFailure } from '../args';
import type { CliCommand } from '../types';

const USAGE = 'infodiff import FILE [--json] [--data-dir DIR]';

const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...DATA_DIR_OPTION } as const;

/**
 * `infodiff import FILE`: adds the runs of a bundle with new ids; runs already here (same origin) are
 * skipped; a damaged bundle is refused whole. Prints each bundle id → local id.
 */
export const importCommand: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    if (!parsed.values.help && parsed.positionals.length !== 1) throw new Error(`expected one bundle file, got ${parsed.positionals.length}`);
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`usage: ${USAGE}\n`);
    return 0;
  }
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
