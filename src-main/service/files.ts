import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '../../src-shared/errors';

export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/**
 * Native file dialogs, supplied by the desktop shell (src-main/app/dialogs.ts). Serve mode and the
 * CLI have none: there, exports go to the data folder's exports/ and imports need a path.
 */
export interface FileDialogs {
  /** The path the user chose to save to, or null when the dialog was cancelled. */
  chooseSavePath(options: { readonly title: string; readonly defaultName: string; readonly filters: readonly FileFilter[] }): Promise<string | null>;
  /** The file the user chose to open, or null when the dialog was cancelled. */
  chooseOpenPath(options: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string | null>;
}

export const BUNDLE_EXTENSION = 'infodiff';
export const BUNDLE_FILTER: FileFilter = { name: 'InfoDiff run bundle', extensions: [BUNDLE_EXTENSION] };

/**
 * A file name stamped with the local time, safe on every platform.
 *
 * @example
 * stampedName('runs', 'infodiff', new Date(2026, 0, 2, 3, 4, 5)) // → 'runs-20260102-030405.infodiff'
 */
export function stampedName(stem: string, extension: string, date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
  const safeStem = stem.replace(/[^A-Za-z0-9._-]+/gu, '-').replace(/^-+|-+$/gu, '') || 'export';
  return `${safeStem}-${stamp}.${extension}`;
}

/**
 * Which file paths a client may name. 'any': absolute or relative paths (the CLI and in-process
 * callers, who run as the user anyway). 'data-folder': a bare file name inside the data folder's
 * exports/ (to write) or imports/ (to read), so that a compromised page cannot write or read files
 * elsewhere; the desktop app's dialogs are the way to pick other places.
 */
export type PathPolicy = 'any' | 'data-folder';

/**
 * A client-named path under `policy`: resolved against `folder`, or refused unless it is a bare
 * file name there.
 *
 * @example
 * clientPath('data-folder', '/lab/exports', 'runs.infodiff') // → '/lab/exports/runs.infodiff'
 * clientPath('data-folder', '/lab/exports', '../.bashrc') // → throws InvalidArgumentError
 */
export function clientPath(policy: PathPolicy, folder: string, filePath: string): string {
  if (policy === 'any') return path.resolve(folder, filePath);
  const bare = path.basename(filePath) === filePath && path.win32.basename(filePath) === filePath && filePath !== '.' && filePath !== '..';
  if (!bare) throw new InvalidArgumentError('filePath', `expected a bare file name inside ${folder}, got "${filePath}" (this door accepts no directories)`);
  return path.join(folder, filePath);
}

export interface FileAccess {
  readonly dataDir: string;
  readonly dialogs: FileDialogs | undefined;
  readonly policy: PathPolicy;
}

/**
 * Where an export goes: the client's path (see {@link clientPath}, relative to `<dataDir>/exports`),
 * else the native save dialog's choice (null: cancelled), else a new stamped file in exports/.
 */
export async function exportTarget(
  access: FileAccess,
  filePath: string | undefined,
  dialog: { readonly title: string; readonly defaultName: string; readonly filters: readonly FileFilter[] },
): Promise<string | null> {
  const exportsDir = path.join(access.dataDir, 'exports');
  let target: string | null;
  if (filePath !== undefined) target = clientPath(access.policy, exportsDir, filePath);
  else if (access.dialogs !== undefined) target = await access.dialogs.chooseSavePath(dialog);
  else target = path.join(exportsDir, dialog.defaultName);
  if (target !== null) mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

/** What to import: the client's path (relative to `<dataDir>/imports`), else the native open dialog's choice (null: cancelled). */
export async function importSource(access: FileAccess, filePath: string | undefined, dialog: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string | null> {
  if (filePath !== undefined) return clientPath(access.policy, path.join(access.dataDir, 'imports'), filePath);
  if (access.dialogs === undefined) throw new InvalidArgumentError('filePath', `expected the name of a bundle in ${path.join(access.dataDir, 'imports')} (there is no file dialog here)`);
  return access.dialogs.chooseOpenPath(dialog);
}
