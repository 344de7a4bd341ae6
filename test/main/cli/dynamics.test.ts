import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamicsCommand } from '../../../src-main/cli/commands/dynamics';
import { captureIo } from '../../support/cliIo';

const tmp = () => mkdtempSync(join(tmpdir(), 'infodiff-dynamics-'));

describe('infodiff dynamics', () => {
  it('runs a config, writes config.json, tidy CSVs and SVG figures, stores the runs, and prints the refined peaks', async () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'pm1', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 80 }, lambdas: { min: -4, max: 4, count: 81 }, bifurcation: { enabled: true, nuMax: 4, nuMin: 0.25, count: 21 } }));
    const out = join(dir, 'out');
    const io = captureIo();
    const code = await dynamicsCommand(['--config', file, '--out', out, '--data-dir', join(dir, 'data')], io);
    expect(code, io.err()).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['bandwidth.svg', 'bifurcation.csv', 'bifurcation.svg', 'config.json', 'entropy.svg', 'folds.csv', 'forward.csv', 'mmse.svg', 'peaks.csv', 'rates.csv', 'rates.svg', 'variance.svg']);
    const forward = readFileSync(join(out, 'forward.csv'), 'utf8').trimEnd().split('\n');
    expect(forward[0]!.startsWith('lambda,nu,mmse,mmse_se,bandwidth_nats')).toBe(true);
    expect(forward).toHaveLength(82);
    expect(io.out()).toMatch(/bandwidth\s+0\.411\d\s+0\.663\d\s+0\.2397/);
    expect(io.out()).toMatch(/stored runs: \S+ \S+/);
    expect(readFileSync(join(out, 'bandwidth.svg'), 'utf8').startsWith('<svg')).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))._meta.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('overrides queries and λ count, and exits 2 for a bad flag, an unknown preset or an invalid config', async () => {
    const dir = tmp();
    const io = captureIo();
    expect(await dynamicsCommand(['--preset', 'block-images', '--queries', '64', '--lambdas', '9', '--no-store', '--out', join(dir, 'o')], io), io.err()).toBe(0);
    expect(readFileSync(join(dir, 'o', 'forward.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(10);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ data: { kind: 'points', points: [[0]] }, lambdas: { min: 1, max: 0, count: 5 } }));
    for (const argv of [['--preset', 'nope'], ['--preset', 'two-points', '--queries', '10'], ['--bogus'], ['--config', join(dir, 'bad.json')], []]) {
      const e = captureIo();
      expect(await dynamicsCommand([...argv, '--no-store'], e), argv.join(' ')).toBe(2);
      expect(e.err()).toMatch(/infodiff: /);
    }
    const help = captureIo();
    expect(await dynamicsCommand(['--help'], help)).toBe(0);
    expect(help.out()).toContain('--preset NAME');
  });
});
