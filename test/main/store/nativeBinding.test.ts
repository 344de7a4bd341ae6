import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseNativeBinding } from '../../../src-main/store/nativeBinding';

const electronFile = (root: string) => path.join(root, 'native', 'electron', 'better_sqlite3.node');

describe('chooseNativeBinding(runtime)', () => {
  it('uses the package’s own Node-ABI build under plain Node, whatever files exist', () => {
    expect(chooseNativeBinding({ electronVersion: undefined, roots: ['/app'], exists: () => true })).toEqual({ kind: 'node' });
  });

  it('under Electron takes the first root that holds native/electron/better_sqlite3.node', () => {
    const exists = (file: string) => file === electronFile('/repo');
    expect(chooseNativeBinding({ electronVersion: '45.4.1', roots: ['/opt/app/resources', undefined, '/repo'], exists })).toEqual({ kind: 'electron', file: electronFile('/repo') });
    expect(chooseNativeBinding({ electronVersion: '45.4.1', roots: ['/a', '/b'], exists: () => true })).toEqual({ kind: 'electron', file: electronFile('/a') });
  });

  it('under Electron without that file reports every place it looked', () => {
    expect(chooseNativeBinding({ electronVersion: '45.4.1', roots: ['/a', '', '/b'], exists: () => false })).toEqual({ kind: 'electron-missing', searched: [electronFile('/a'), electronFile('/b')] });
  });
});
