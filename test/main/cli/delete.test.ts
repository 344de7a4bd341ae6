import { describe, expect, it } from 'vitest';
import { deleteCommand, restoreCommand } from '../../../src-main/cli/commands/delete';
import { listCommand } from '../../../src-main/cli/commands/list';
import { showCommand } from '../../../src-main/cli/commands/show';
import { dataDirWithRuns, runCli } from '../store/support/cli';

const listedIds = async (dataDir: string, extra: string[] = []) =>
  (JSON.parse((await runCli(listCommand, ['--json', ...extra, '--data-dir', dataDir])).stdout) as { id: string }[]).map((r) => r.id).sort();

describe('infodiff delete ID... / restore ID...', () => {
  it('moves runs to the trash, prints the undo command, and restore brings them back', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const deleted = await runCli(deleteCommand, [runIds[0]!, runIds[1]!.slice(0, 8), '--data-dir', dataDir]);
    expect(deleted).toEqual({ code: 0, stdout: `moved 2 runs to the trash; undo with: infodiff restore ${runIds[0]} ${runIds[1]}\n`, stderr: '' });
    expect(await listedIds(dataDir)).toEqual([runIds[2]]);
    expect(await listedIds(dataDir, ['--trash'])).toEqual([runIds[0], runIds[1]].sort());
    expect(await runCli(restoreCommand, [runIds[0]!, runIds[1]!, '--data-dir', dataDir])).toEqual({ code: 0, stdout: 'restored 2 runs\n', stderr: '' });
    expect(await listedIds(dataDir)).toEqual([...runIds].sort());
  });

  it('--purge deletes for good and reports the artifact bytes freed', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    expect(await runCli(deleteCommand, [runIds[0]!, '--purge', '--data-dir', dataDir])).toEqual({ code: 0, stdout: 'deleted 1 run for good (16 B of artifacts freed)\n', stderr: '' });
    expect(await listedIds(dataDir, ['--trash'])).toEqual([]);
    expect((await runCli(showCommand, [runIds[0]!, '--data-dir', dataDir])).code).toBe(1);
  });

  it('changes nothing and exits 1 when one id is unknown; exits 2 without ids or with --purge on restore', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    expect(await runCli(deleteCommand, [runIds[0]!, 'abcdabcd', '--data-dir', dataDir])).toEqual({ code: 1, stdout: '', stderr: 'infodiff: no run with id abcdabcd\n' });
    expect(await listedIds(dataDir)).toHaveLength(3);
    expect((await runCli(deleteCommand, ['--data-dir', dataDir])).stderr).toMatch(/expected one or more run ids\nusage: infodiff delete/u);
    expect((await runCli(restoreCommand, [runIds[0]!, '--purge'])).code).toBe(2);
  });
});
