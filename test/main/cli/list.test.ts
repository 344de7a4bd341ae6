import { describe, expect, it } from 'vitest';
import { listCommand } from '../../../src-main/cli/commands/list';
import { dataDirWithRuns, runCli } from '../store/support/cli';
import { tempDir } from '../store/support/fixtures';

describe('infodiff list', () => {
  it('--json prints every run with at least id, experiment, variant, status and created (ISO 8601)', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const { code, stdout, stderr } = await runCli(listCommand, ['--json', '--data-dir', dataDir]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const runs = JSON.parse(stdout) as Record<string, unknown>[];
    expect(runs.map((r) => r['id']).sort()).toEqual([...runIds].sort());
    for (const run of runs) {
      expect(run).toMatchObject({ id: expect.any(String), experiment: expect.any(String), variant: expect.any(String), status: expect.any(String) });
      expect(new Date(run['created'] as string).toISOString()).toBe(run['created']);
    }
    expect(runs.find((r) => r['id'] === runIds[2])).toMatchObject({ experiment: 'gmm', status: 'failed', summary: null });
    expect(runs.find((r) => r['id'] === runIds[0])).toMatchObject({ summary: { seedsFinished: 2, mse: 1.5 } });
  });

  it('filters by status, tag, preset and search, and prints aligned columns with short ids', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const failed = await runCli(listCommand, ['--status', 'failed,cancelled', '--data-dir', dataDir]);
    expect(failed.code).toBe(0);
    const lines = failed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    // trim: renderTable right-aligns a column whose cells look numeric, as a short hex id can.
    expect(lines[0]!.trim()).toMatch(/^id\s+created\s+experiment\s+name\s+variant\s+δ\s+seeds\s+status\s+mean e_inf\s+mean MSE$/u);
    expect(lines[2]!.trim().startsWith(runIds[2]!.slice(0, 8))).toBe(true);
    expect(lines[2]).toContain('failed');
    const tagged = JSON.parse((await runCli(listCommand, ['--json', '--tag', 'paper', '--data-dir', dataDir])).stdout) as { id: string }[];
    expect(tagged.map((r) => r.id)).toEqual([runIds[0]]);
    const preset = JSON.parse((await runCli(listCommand, ['--json', '--preset', 'digits', '--data-dir', dataDir])).stdout) as { id: string }[];
    expect(preset.map((r) => r.id)).toEqual([runIds[1]]);
    const found = JSON.parse((await runCli(listCommand, ['--json', '--search', 'tig', '--data-dir', dataDir])).stdout) as { id: string }[];
    expect(found.map((r) => r.id)).toEqual([runIds[0]]);
  });

  it('pages with --limit/--offset and says how many rows there are', async () => {
    const { dataDir } = dataDirWithRuns();
    const { stdout } = await runCli(listCommand, ['--limit', '2', '--data-dir', dataDir]);
    expect(stdout).toContain('rows 1–2 of 3; --limit and --offset show others');
    const paged = JSON.parse((await runCli(listCommand, ['--json', '--limit', '1', '--offset', '2', '--sort', 'created', '--order', 'asc', '--data-dir', dataDir])).stdout) as unknown[];
    expect(paged).toHaveLength(1);
  });

  it('says "no runs" for an empty data folder and creates the database there', async () => {
    expect(await runCli(listCommand, ['--data-dir', tempDir()])).toEqual({ code: 0, stdout: 'no runs\n', stderr: '' });
  });

  it('exits 2 with a usage line for an unknown flag or a bad value', async () => {
    for (const argv of [['--colour'], ['--status', 'done'], ['--limit', '-3'], ['--since', 'yesterday'], ['--sort', 'size'], ['extra']]) {
      const { code, stdout, stderr } = await runCli(listCommand, argv);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(/^infodiff: [^]+\nusage: infodiff list /u);
    }
  });
});
