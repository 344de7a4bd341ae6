import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { captureIo } from '../../support/cliIo';

const tmp = () => mkdtempSync(join(tmpdir(), 'infodiff-cli-'));

describe('infodiff run', () => {
  it('runs a small paper-toy, writes config, tidy CSVs and PNG grids, and prints the summary table', async () => {
    const out = tmp();
    const io = captureIo();
    const code = await main(['run', '--preset', 'paper-toy', '--seeds', '3', '--steps', '100', '--out', out, '--no-store', '--threads', '2'], io);
    expect(code, io.err()).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'finals.csv', 'panels.png', 'samples-delta=0.002.png', 'samples-delta=0.005.png', 'samples-delta=0.01.png', 'samples-unprojected.png', 'steps.csv', 'summary.json']);
    const steps = readFileSync(join(out, 'steps.csv'), 'utf8').trimEnd().split('\n');
    expect(steps[0]!.startsWith('variant,delta,seed,step,sigma,e_inf,e_1,v,v_delta,v_delta_coarse,proj_cost')).toBe(true);
    expect(steps).toHaveLength(1 + 4 * 3 * 10); // 4 variants × 3 seeds × 10 recorded steps
    const finals = readFileSync(join(out, 'finals.csv'), 'utf8').trimEnd().split('\n');
    expect(finals[0]).toBe('variant,delta,seed,e_inf,e_1,mse,psnr,v,v_delta,v_delta_coarse');
    expect(finals.filter((l) => l.startsWith('unprojected,,'))).toHaveLength(3);
    for (const line of finals.filter((l) => l.startsWith('delta=0.002,0.002,'))) expect(Number(line.split(',')[3])).toBeLessThanOrEqual(0.002 + 1e-12);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.schedule.steps).toBe(100);
    expect(config._meta.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'panels.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(io.out()).toMatch(/delta=0\.002\s+3\s+0\.00200 ± 0\.00000/);
  });

  it('exits 2 and names the field and the reason for an invalid config', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ data: { kind: 'toy-blocks' }, partition: { kind: 'grid', rows: 4, cols: 4 }, tolerance: { mode: 'absolute', deltas: [-0.1] }, denoiser: { kind: 'toy-oracle' }, sampler: { name: 'ddpm' }, schedule: { kind: 'linear-beta', steps: 10 } }));
    const io = captureIo();
    expect(await main(['run', '--config', file, '--no-store', '--out', dir], io)).toBe(2);
    expect(io.err()).toContain('tolerance.deltas.0: expected a number in [0, 1]');
  });

  it('exits 2 for a file that is not JSON, a missing file, an unknown preset or a bad flag', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.json'), '{ "data": ');
    for (const argv of [['--config', join(dir, 'x.json')], ['--config', join(dir, 'missing.json')], ['--preset', 'nope'], ['--preset', 'paper-toy', '--seeds', '0'], ['--preset', 'paper-toy', '--bogus']]) {
      const io = captureIo();
      expect(await main(['run', ...argv, '--no-store'], io), argv.join(' ')).toBe(2);
      expect(io.err()).toMatch(/infodiff: /);
    }
  });
});
