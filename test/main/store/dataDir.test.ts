import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, resolveDataDir } from '../../../src-main/store/dataDir';

describe('defaultUserDataDir(context)', () => {
  it('matches Electron userData for "InfoDiff Lab" on Linux, macOS and Windows', () => {
    expect(defaultUserDataDir({ platform: 'linux', env: {}, homedir: '/home/ada' })).toBe('/home/ada/.config/InfoDiff Lab');
    expect(defaultUserDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/ada' })).toBe('/xdg/InfoDiff Lab');
    expect(defaultUserDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/InfoDiff Lab');
    expect(defaultUserDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, homedir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\InfoDiff Lab');
    expect(defaultUserDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\InfoDiff Lab');
  });
});

describe('resolveDataDir(dataDir, context)', () => {
  const context = { platform: 'linux' as const, homedir: '/home/ada' };
  it('prefers the explicit folder, then INFODIFF_DATA_DIR, then the default; empty values count as unset', () => {
    expect(resolveDataDir('/flag', { ...context, env: { INFODIFF_DATA_DIR: '/env' } })).toBe('/flag');
    expect(resolveDataDir(undefined, { ...context, env: { INFODIFF_DATA_DIR: '/env' } })).toBe('/env');
    expect(resolveDataDir('', { ...context, env: { INFODIFF_DATA_DIR: '' } })).toBe('/home/ada/.config/InfoDiff Lab');
  });
});
