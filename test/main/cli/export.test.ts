import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../../src-main/cli/commands/export';
import { dataDirWithRuns, runCli } from '../store/support/cli';
import { tempDir } from '../store/support/fixtures';

describe('infodiff export ID... --out FILE', () => {
  it('writes one bundle with the named runs and reports its size', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const out = path.join(tempDir(), 'two.infodiff');
    const { code, stdout, stderr } = await runCli(exportCommand, [runIds[0]!, runIds[2]!.slice(0, 6), '--out', out, '--data-dir', dataDir]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^exported 2 runs to ${out.replaceAll('.', '\\.')} \\(\\d+(\\.\\d)? (B|KiB)\\)\\n$`, 'u'));
    expect(statSync(out).size).toBeGreaterThan(0);
  });

  it('exits 1 for an unknown id without writing the file, and 2 without ids or --out', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const out = path.join(tempDir(), 'x.infodiff');
    expect(await runCli(exportCommand, [runIds[0]!, 'ffffffff', '--out', out, '--data-dir', dataDir])).toEqual({ code: 1, stdout: '', stderr: 'infodiff: no run with id ffffffff\n' });
    expect(() => statSync(out)).toThrow(/ENOENT/u);
    expect((await runCli(exportCommand, ['--out', out, '--data-dir', dataDir])).stderr).toMatch(/expected one or more run ids\nusage: infodiff export/u);
    expect((await runCli(exportCommand, [runIds[0]!, '--data-dir', dataDir])).stderr).toMatch(/--out FILE is required/u);
  });
});
