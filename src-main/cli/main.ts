import { LabError } from '../../src-shared/errors';
import { APP_VERSION } from '../appInfo';
import { runCommand } from './commands/run';
import type { CliCommand, CliIo } from './types';

const COMMANDS: Record<string, { readonly command: () => Promise<CliCommand>; readonly summary: string }> = {
  run: { command: async () => runCommand, summary: 'run an experiment (preset or config file), store it, write CSV and PNG files' },
  dynamics: { command: async () => (await import('./commands/dynamics')).dynamicsCommand, summary: 'information dynamics: MMSE curve, conditional entropy, generative bandwidth, bifurcations' },
  likelihood: { command: async () => (await import('./commands/likelihood')).likelihoodCommand, summary: 'I-MMSE likelihoods in bits/dim, warm start with structured noise, the NLL bound and its gap' },
  schedules: { command: async () => (await import('./commands/schedules')).schedulesCommand, summary: 'compare schedules and LAS (predicted discretisation KL, measured quality) or build a LAS grid: schedules compare|las' },
  serve: { command: async () => (await import('./commands/serve')).serveCommand, summary: 'serve the lab to a browser on 127.0.0.1 (token per start): serve [--port P] [--data-dir D]' },
};

function help(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return `InfoDiff Lab ${APP_VERSION}: the lab's command line\n\nusage: infodiff <command> [options]\n\ncommands:\n${names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`).join('\n')}\n\nRun \`infodiff <command> --help\` for a command's options.\n`;
}

/** Dispatches argv (without node and the script) to a command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`infodiff: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    return await (await entry.command())(rest, io);
  } catch (error) {
    if (error instanceof LabError) {
      io.stderr(`infodiff: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
