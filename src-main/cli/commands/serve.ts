import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../../appInfo';
import { startLabServer, type LabServer } from '../../server/server';
import { LabService } from '../../service/labService';
import { openStore, resolveDataDir, type Store } from '../../store';
import { intFlag, parseCliArgs, UsageError, usageFailure } from '../args';
import type { CliCommand, CliIo } from '../types';

const USAGE = 'infodiff serve [--port P] [--data-dir DIR] [--threads N] [--open]';

/** The built renderer: out/renderer beside the CLI bundle (out/main), or under the project root when run from source. */
export function findRendererDir(dir: string = __dirname): string | undefined {
  const candidates = [path.join(dir, '..', 'renderer'), path.join(dir, '..', '..', '..', 'out', 'renderer')];
  return candidates.find((candidate) => existsSync(path.join(candidate, 'index.html')));
}

/** Opens `url` in the system browser (xdg-open, open, start); resolves false when that is not possible here. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [command, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

export interface ServeOptions {
  readonly port: number;
  readonly dataDir?: string;
  readonly threads?: number;
  readonly rendererDir?: string;
}

export interface RunningServe {
  readonly server: LabServer;
  readonly service: LabService;
  readonly store: Store;
  readonly dataDir: string;
  /** Cancels running experiments (their runs are marked), then closes the server and the store. */
  stop(): Promise<void>;
}

/** Opens the store, builds the service and serves it on 127.0.0.1 (the renderer from `rendererDir`). */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const dataDir = resolveDataDir(options.dataDir);
  const store = openStore({ dataDir });
  const service = new LabService({ store, dataDir, pathPolicy: 'data-folder', ...(options.threads === undefined ? {} : { threads: options.threads }) });
  let server: LabServer;
  try {
    server = await startLabServer({ service, port: options.port, ...(options.rendererDir === undefined ? {} : { rendererDir: options.rendererDir }) });
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    server,
    service,
    store,
    dataDir,
    async stop() {
      await service.close();
      await server.close();
      store.close();
    },
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `infodiff serve`: the lab in a browser, on 127.0.0.1 only, with a token per start; runs until Ctrl+C. */
export const serveCommand: CliCommand = async (argv, io: CliIo) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`usage: ${USAGE}\n\nServes the lab to a browser on 127.0.0.1 only, with a new token per start; prints the URL to open.\n` +
      '  --port P        the port (default 0: a free one)\n  --data-dir DIR  the data folder (default: $INFODIFF_DATA_DIR, else the desktop app\'s)\n' +
      '  --threads N     engine worker threads per run (default: all cores)\n  --open          open the URL in the system browser (BROWSER=none: never)\n');
    return 0;
  }
  let options: ServeOptions;
  let open: boolean;
  try {
    const { values } = parseCliArgs(argv, { port: { type: 'string' }, 'data-dir': { type: 'string' }, threads: { type: 'string' }, open: { type: 'boolean' } });
    const threads = intFlag('threads', values.threads, 1, 256);
    const rendererDir = findRendererDir();
    options = {
      port: intFlag('port', values.port, 0, 65_535) ?? 0,
      ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
      ...(threads === undefined ? {} : { threads }),
      ...(rendererDir === undefined ? {} : { rendererDir }),
    };
    open = values.open === true;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, USAGE, error.message);
    throw error;
  }
  const running = await startServe(options);
  const stopSignal = untilSignal();
  const { port, url } = running.server;
  io.stdout(
    `InfoDiff Lab ${APP_VERSION}: serving on 127.0.0.1 only (data folder: ${running.dataDir})\n\n` +
      `  ${url}\n\n` +
      `Open that URL in a browser; it holds this start's token. From another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then open it there.\n` +
      'Ctrl+C stops the server (running experiments are cancelled and marked).\n',
  );
  if (options.rendererDir === undefined) io.stderr('infodiff: the renderer is not built (no out/renderer): the API is served, the page is not. Run `npm run build`.\n');
  // BROWSER=none (the create-react-app convention) keeps scripts and tests from opening one.
  if (open && process.env['BROWSER'] !== 'none' && !(await openInBrowser(url))) io.stderr('infodiff: could not open a browser here; open the URL above yourself.\n');
  const signal = await stopSignal;
  io.stderr(`\ninfodiff: ${signal}: stopping…\n`);
  await running.stop();
  return 0;
};
