import { resolve } from 'node:path';
import { defaultOutDir, withInterrupt } from '../info/cliSupport';
import type { InfoRunOptions, InfoRunOutcome } from '../info/runOptions';
import { openStore } from '../store';
import { createProgressBar, formatDuration } from './progress';
import type { CliIo } from './types';

/** One instrument command's run: its config's name, the parsed flags, and what to run and write. */
export interface InstrumentCommand<R extends InfoRunOutcome> {
  readonly instrument: string;
  readonly name: string;
  readonly threads: number | undefined;
  readonly values: { readonly out?: string | undefined; readonly 'no-store'?: boolean | undefined; readonly 'data-dir'?: string | undefined };
  readonly run: (hooks: InfoRunOptions) => Promise<R>;
  readonly write: (outDir: string, result: R) => void;
  /** The summary table printed on stdout, or '' for none. */
  readonly summary: (result: R) => string;
}

/**
 * Runs an instrument from the CLI: opens the store (unless --no-store), runs with a progress bar per
 * stage and Ctrl-C as cancel, writes the outputs into --out (default infodiff-runs/NAME-stamp), prints
 * the summary, the status and the stored run ids. Exit code: 0 completed, 130 cancelled, 1 failed.
 */
export async function runInstrumentCommand<R extends InfoRunOutcome>(io: CliIo, command: InstrumentCommand<R>): Promise<number> {
  const { values, name } = command;
  const store = values['no-store'] ? undefined : openStore(values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  const outDir = resolve(values.out ?? defaultOutDir(name));
  let bar: ReturnType<typeof createProgressBar> | null = null;
  let stage = '';
  try {
    const result = await withInterrupt((register) => command.run({
      ...(store ? { store } : {}),
      ...(command.threads !== undefined ? { threads: command.threads } : {}),
      onStarted: ({ cancel, backend, data }) => {
        register(cancel);
        io.stderr(`${name}: ${data} on ${backend}${store ? `, storing in ${store.path}` : ''}\n`);
      },
      onProgress: (s, done, total) => {
        if (s !== stage) {
          bar?.finish();
          bar = createProgressBar(io, s);
          stage = s;
        }
        bar!.update(done, total);
      },
    }));
    (bar as ReturnType<typeof createProgressBar> | null)?.finish();
    command.write(outDir, result);
    io.stdout(command.summary(result));
    io.stdout(`\n${result.status} in ${formatDuration(result.elapsedMs / 1000)}; files in ${outDir}\n`);
    if (result.runIds.length) io.stdout(`stored runs: ${result.runIds.join(' ')}\n`);
    if (result.status === 'failed') {
      io.stderr(`infodiff: ${command.instrument} failed: ${result.error ?? 'unknown error'}\n`);
      return 1;
    }
    return result.status === 'cancelled' ? 130 : 0;
  } finally {
    store?.close();
  }
}
