import path from 'node:path';

/** The app name Electron derives its user-data folder from (productName). */
export const APP_NAME = 'InfoDiff Lab';
/** The run database's file name inside the data folder. */
export const DB_FILE_NAME = 'infodiff.db';
/** Environment variable that overrides the data folder. */
export const DATA_DIR_ENV = 'INFODIFF_DATA_DIR';

/** What the data-folder choice depends on; every field defaults to the current process. */
export interface DataDirContext {
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homedir?: string;
}

/**
 * The folder Electron's `app.getPath('userData')` gives for "InfoDiff Lab", computed without
 * Electron: Linux `$XDG_CONFIG_HOME/InfoDiff Lab` (else `~/.config/InfoDiff Lab`), macOS
 * `~/Library/Application Support/InfoDiff Lab`, Windows `%APPDATA%\InfoDiff Lab` (else
 * `~\AppData\Roaming\InfoDiff Lab`).
 *
 * @example
 * defaultUserDataDir({ platform: 'linux', env: {}, homedir: '/home/ada' }) // → '/home/ada/.config/InfoDiff Lab'
 */
export function defaultUserDataDir({ platform, env, homedir }: Required<DataDirContext>): string {
  if (platform === 'win32') {
    return path.win32.join(nonEmpty(env['APPDATA']) ?? path.win32.join(homedir, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(nonEmpty(env['XDG_CONFIG_HOME']) ?? path.posix.join(homedir, '.config'), APP_NAME);
}

/**
 * The data folder to use: an explicit `dataDir` (the `--data-dir` flag, or the desktop app's
 * userData path) wins, then `$INFODIFF_DATA_DIR`, then {@link defaultUserDataDir}. Relative paths
 * are kept as given (resolved against the working directory when opened).
 *
 * @example
 * resolveDataDir(undefined, { platform: 'linux', env: { INFODIFF_DATA_DIR: '/tmp/lab' }, homedir: '/home/ada' }) // → '/tmp/lab'
 */
export function resolveDataDir(dataDir: string | undefined, context: DataDirContext = {}): string {
  const env = context.env ?? process.env;
  return (
    nonEmpty(dataDir) ??
    nonEmpty(env[DATA_DIR_ENV]) ??
    defaultUserDataDir({ platform: context.platform ?? process.platform, env, homedir: context.homedir ?? homedirOf(env) })
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function homedirOf(env: Readonly<Record<string, string | undefined>>): string {
  return nonEmpty(env['HOME']) ?? nonEmpty(env['USERPROFILE']) ?? '.';
}
