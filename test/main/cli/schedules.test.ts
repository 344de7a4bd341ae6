import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schedulesCommand } from '../../../src-main/cli/commands/schedules';
import { openStore } from '../../../src-main/store';
import { discreteVp } from '../../../src-shared/diffusion/schedules/discreteVp';
import { linearBetas } from '../../../src-shared/diffusion/schedules/linearBeta';
import { nearestTimestep, timestepLogSnrs } from '../../../src-shared/schedules/ddpmTimesteps';
import { snrFromOuTime } from '../../../src-shared/schedules/snrGrid';
import { captureIo } from '../../support/cliIo';

const tmp = () => mkdtempSync(join(tmpdir(), 'infodiff-schedules-'));

describe('infodiff schedules', () => {
  it('compare --target binary --measure writes the CSVs and figures, prints D and the measured KL, and stores one run per schedule', async () => {
    const out = tmp();
    const dataDir = tmp();
    const io = captureIo();
    const code = await schedulesCommand(['compare', '--target', 'binary', '--K', '5,10', '--schedules', 'las,edm,cosine,logsnr', '--measure', '--out', out, '--data-dir', dataDir], io);
    expect(code, io.err()).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'diff.csv', 'kl.csv', 'quality-marginal-kl-nats.svg', 'quality.csv', 'schedule-K10.svg', 'schedule-K5.svg', 'schedules.csv', 'sweep.csv', 'sweep.svg']);
    const sweep = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(sweep[0]).toBe('schedule,K,kl_nats,k_times_kl,loss_sum,rate_reference_nats');
    expect(sweep).toHaveLength(1 + 4 * 2);
    expect(Number(sweep.find((l) => l.startsWith('las,5,'))!.split(',')[2])).toBeCloseTo(0.5678, 3);
    expect(readFileSync(join(out, 'quality.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1 + 4 * 2);
    expect(io.out()).toMatch(/las\s+0\.5678\s+0\.2063/);
    expect(io.out()).toMatch(/measured marginal-kl-nats/);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.schedules).toEqual(['las', 'edm', 'cosine', 'log-snr']);
    expect(config._meta.configHash).toMatch(/^[0-9a-f]{64}$/);
    const store = openStore({ dataDir });
    const rows = store.listRuns({ preset: 'schedules' }).rows;
    expect(rows.map((r) => r.variant).sort()).toEqual(['cosine', 'edm', 'las', 'log-snr']);
    expect(rows.every((r) => r.status === 'completed')).toBe(true);
    store.close();
  });

  it('las --loss-csv FILE --K 6 prints the grid, writes loss.csv and saves it to the schedule library with --save-as', async () => {
    const dir = tmp();
    const csv = join(dir, 'train.csv');
    const sigmas = Array.from({ length: 60 }, (_, i) => Math.exp(Math.log(0.002) + (Math.log(80 / 0.002) * i) / 59));
    writeFileSync(csv, `sigma,loss\n${sigmas.map((s) => `${s},${(0.25 * s * s) / (0.25 + s * s)}`).join('\n')}\n`);
    const io = captureIo();
    const code = await schedulesCommand(['las', '--loss-csv', csv, '--K', '6', '--save-as', 'las-edm-range', '--out', join(dir, 'out'), '--data-dir', dir], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).toMatch(/LAS grid, K = 6/);
    const lines = io.out().split('\n').filter((l) => /^\s*\d+\s/.test(l));
    expect(lines).toHaveLength(7);
    expect(readdirSync(join(dir, 'out'))).toContain('loss.csv');
    const store = openStore({ dataDir: dir });
    const [saved] = store.listSchedules();
    expect(saved).toMatchObject({ name: 'las-edm-range', kind: 'las', steps: 7 });
    const sigmasSaved = store.getSchedule(saved!.id)!.sigmas;
    // The log's range is the default: σ from 80 down to 0.002, then the final 0.
    expect(sigmasSaved[0]).toBeCloseTo(80, 10);
    expect(sigmasSaved[6]).toBeCloseTo(0.002, 12);
    expect(sigmasSaved[7]).toBe(0);
    store.close();
  });

  it('exits 2 with the reason for usage mistakes: no target, unknown schedule, two endpoint pairs, las with two K, bad level kind', async () => {
    const cases = [
      ['compare'],
      ['compare', '--target', 'binary', '--schedules', 'las,nope'],
      ['compare', '--target', 'binary', '--delta', '0.001', '--T', '5', '--gamma-max', '10', '--gamma-min', '1'],
      ['las', '--target', 'binary', '--K', '5,10'],
      ['compare', '--target', 'binary', '--loss-csv', 'x.csv', '--loss-level', 'db'],
      ['compare', '--target', 'mars'],
      ['frobnicate'],
    ];
    for (const argv of cases) {
      const io = captureIo();
      expect(await schedulesCommand([...argv, '--no-store'], io), argv.join(' ')).toBe(2);
      expect(io.err()).toMatch(/^infodiff: /);
    }
    const help = captureIo();
    expect(await schedulesCommand(['compare', '--help'], help)).toBe(0);
    expect(help.out()).toContain('--loss-csv FILE');
  });

  it('las --ddpm linear-beta maps the grid to trained timesteps: printed beside the grid and in ddpm.csv, increasing, ends the nearest timesteps; --ddpm bogus exits 2', async () => {
    const dir = tmp();
    const io = captureIo();
    expect(await schedulesCommand(['las', '--target', 'binary', '--K', '5', '--ddpm', 'linear-beta:1000', '--no-store', '--out', dir], io), io.err()).toBe(0);
    expect(io.out()).toMatch(/DDPM timestep/);
    const [header, ...rows] = readFileSync(join(dir, 'ddpm.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe('schedule,K,k,gamma,timestep,gamma_timestep,log_snr_gap');
    const timesteps = rows.map((r) => Number(r.split(',')[4]));
    expect(timesteps).toHaveLength(6);
    for (let k = 1; k < 6; k++) expect(timesteps[k]!).toBeGreaterThan(timesteps[k - 1]!);
    // The ends are the timesteps nearest in log-SNR to γ_max = γ(δ = 1e-3) and γ_min = γ(T = 5).
    const lambdas = timestepLogSnrs(discreteVp(linearBetas(1000, 1e-4, 0.02)));
    expect([timesteps[0], timesteps[5]]).toEqual([nearestTimestep(lambdas, Math.log(snrFromOuTime(1e-3))), nearestTimestep(lambdas, Math.log(snrFromOuTime(5)))]);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).ddpm).toEqual({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02 });
    const bad = captureIo();
    expect(await schedulesCommand(['las', '--target', 'binary', '--K', '5', '--ddpm', 'sigmoid', '--no-store'], bad)).toBe(2);
    expect(bad.err()).toContain('--ddpm: expected linear-beta or cosine');
  });
});
