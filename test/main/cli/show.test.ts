import { describe, expect, it } from 'vitest';
import { showCommand } from '../../../src-main/cli/commands/show';
import { dataDirWithRuns, runCli } from '../store/support/cli';

describe('infodiff show ID', () => {
  it('prints provenance, final metrics per seed and artifacts for an id prefix', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const { code, stdout, stderr } = await runCli(showCommand, [runIds[0]!.slice(0, 8), '--data-dir', dataDir]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^id\\s+${runIds[0]}$`, 'mu'));
    expect(stdout).toMatch(/^variant\s+projected, δ = 0.05$/mu);
    expect(stdout).toMatch(/^tags\s+paper$/mu);
    expect(stdout).toMatch(/^steps stored\s+4$/mu);
    expect(stdout).toContain('final metrics');
    expect(stdout).toMatch(/final\s+0\s+-\s+float32\s+2×2\s+16 B/u);
  });

  it('--json --steps gives the record, finals, artifacts and steps (NaN as null)', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    const { code, stdout } = await runCli(showCommand, [runIds[1]!, '--json', '--steps', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const run = JSON.parse(stdout) as Record<string, unknown>;
    expect(run).toMatchObject({ id: runIds[1], variant: 'unprojected', deltaTol: null, status: 'completed', seeds: [0, 1], timings: { sampleMs: 5 } });
    expect(run['finals']).toHaveLength(2);
    expect(run['artifacts']).toEqual([expect.objectContaining({ name: 'final', dtype: 'float32', shape: [2, 2], byteLength: 16 })]);
    expect((run['steps'] as { seed: number; mse: number | null }[]).map((s) => [s.seed, s.mse === null])).toEqual([[0, false], [0, false], [1, true], [1, true]]);
  });

  it('prints the error of a failed run', async () => {
    const { dataDir, runIds } = dataDirWithRuns();
    expect((await runCli(showCommand, [runIds[2]!, '--data-dir', dataDir])).stdout).toMatch(/^error\s+denoiser returned NaN$/mu);
  });

  it('exits 1 naming an unknown id, and 2 without exactly one id', async () => {
    const { dataDir } = dataDirWithRuns();
    expect(await runCli(showCommand, ['0000dead', '--data-dir', dataDir])).toEqual({ code: 1, stdout: '', stderr: 'infodiff: no run with id 0000dead\n' });
    expect((await runCli(showCommand, ['--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(showCommand, ['a', 'b'])).stderr).toMatch(/expected one run id, got 2\nusage: infodiff show ID/u);
  });
});
