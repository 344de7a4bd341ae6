import path from 'node:path';

/** Where the Electron-ABI build of better-sqlite3 lives, relative to an app root (see buildElectronBinding.ts). */
export const ELECTRON_BINDING_PATH = path.join('native', 'electron', 'better_sqlite3.node');

/** What the choice of native module depends on. */
export interface NativeRuntime {
  /** `process.versions.electron`: set under Electron only. */
  readonly electronVersion: string | undefined;
  /** Folders that may hold `native/electron/…`: the packaged app's resources folder, the app root. */
  readonly roots: readonly (string | undefined)[];
  readonly exists: (file: string) => boolean;
}

/** Which better-sqlite3 binary to load: the default Node-ABI build, or an Electron-ABI file, or none found. */
export type NativeBindingChoice =
  | { readonly kind: 'node' }
  | { readonly kind: 'electron'; readonly file: string }
  | { readonly kind: 'electron-missing'; readonly searched: readonly string[] };

/**
 * Picks the better-sqlite3 native module for this process. better-sqlite3 12 is built against
 * V8's ABI, not N-API, so Node (ABI 115) and Electron 45 (ABI 150) need separate binaries; both are
 * kept side by side and neither build overwrites the other. Under plain Node the package's own
 * `build/Release` binary is used; under Electron the first existing `native/electron/better_sqlite3.node`
 * among `roots`.
 *
 * @example
 * chooseNativeBinding({ electronVersion: undefined, roots: [], exists: () => false }) // → { kind: 'node' }
 * chooseNativeBinding({ electronVersion: '45.4.1', roots: ['/app'], exists: () => true }) // → { kind: 'electron', file: '/app/native/electron/better_sqlite3.node' }
 */
export function chooseNativeBinding({ electronVersion, roots, exists }: NativeRuntime): NativeBindingChoice {
  if (electronVersion === undefined || electronVersion === '') return { kind: 'node' };
  const searched = roots.filter((root): root is string => root !== undefined && root !== '').map((root) => path.join(root, ELECTRON_BINDING_PATH));
  const file = searched.find(exists);
  return file === undefined ? { kind: 'electron-missing', searched } : { kind: 'electron', file };
}
