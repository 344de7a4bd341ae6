import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../../src-main/cli/commands/export';
import { importCommand } from '../../../src-main/cli/commands/import';
import { listCommand } from '../../../src-main/cli/commands/list';
import { dataDirWithRuns, runCli } from '../store/support/cli';
import { tempDir } from '../store/support/fixtures';

describe('infodiff import FILE', () => {
  it('imports a bundle into another data folder with new ids, then skips it on a second import', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const bundle = path.join(tempDir(), 'all.infodiff');
    expect((await runCli(exportCommand, [...runIds, '--out', bundle, '--data-dir', dataDir])).code).toBe(0);
    const other = tempDir();
    const first = await runCli(importCommand, [bundle, '--data-dir', other]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^imported 3 runs, skipped 0 already here\n/u);
    for (const id of runIds) expect(first.stdout).toMatch(new RegExp(`^  ${id} → [0-9a-f-]{36}$`, 'mu'));
    const second = await runCli(importCommand, [bundle, '--json', '--data-dir', other]);
    expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, skipped: 3 });
    const listed = JSON.parse((await runCli(listCommand, ['--json', '--data-dir', other])).stdout) as { id: string }[];
    expect(listed).toHaveLength(3);
    expect(listed.map((r) => r.id).some((id) => runIds.includes(id))).toBe(false);
  });

  it('exits 1 with bundle-invalid’s message for a damaged file and 1 for a missing one; 2 without a file', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.infodiff');
    writeFileSync(bad, 'not a bundle');
    const damaged = await runCli(importCommand, [bad, '--data-dir', dir]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^infodiff: not a valid run bundle: .*nothing was imported\n$/u);
    expect((await runCli(importCommand, [path.join(dir, 'missing.infodiff'), '--data-dir', dir])).stderr).toMatch(/cannot read the bundle .*ENOENT/u);
    expect((await runCli(importCommand, ['--data-dir', dir])).code).toBe(2);
  });
});
