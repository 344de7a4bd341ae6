import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { likelihoodCommand } from '../../../src-main/cli/commands/likelihood';
import { captureIo } from '../../support/cliIo';

const tmp = () => mkdtempSync(join(tmpdir(), 'infodiff-likelihood-'));

describe('infodiff likelihood', () => {
  it('runs a config with every section and writes one CSV per section, stored in the history', async () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({
      name: 'small', data: { kind: 'segment', count: 60, from: [0], to: [3] },
      discrete: { points: [0, 30], rule: { kind: 'gauss-hermite', nodes: 40 }, lambdas: { min: -10, max: 16, count: 261 } },
      warmStart: { samples: 100 }, entropy: { estimator: { kind: 'gauss-hermite', nodes: 30 }, count: 101, sigma1s: [10] },
      bound: { points: 2, models: [{ kind: 'exact' }, { kind: 'wiener' }], count: 161, rule: { kind: 'gauss-hermite', nodes: 24 } },
      heldOut: { enabled: true, trainCount: 40, testCount: 20, sigma0: { min: 0.01, max: 1, count: 5 } }, slopes: { laws: ['laplace'] },
    }));
    const out = join(dir, 'out');
    const io = captureIo();
    expect(await likelihoodCommand(['--config', file, '--out', out, '--data-dir', join(dir, 'data')], io), io.err()).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['bound.csv', 'config.json', 'discrete-mmse.csv', 'discrete.csv', 'discrete.svg', 'entropy-mmse.csv', 'entropy.csv', 'held-out.csv', 'held-out.svg', 'slopes.csv', 'warm-start.csv']);
    const discrete = readFileSync(join(out, 'discrete.csv'), 'utf8').trimEnd().split('\n');
    expect(discrete[0]).toBe('index,nll_nats,nll_se,bits_per_dim,exact_nats');
    expect(Number(discrete[1]!.split(',')[1])).toBeCloseTo(Math.log(60), 5);
    expect(readFileSync(join(out, 'held-out.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1 + 4 * 5);
    expect(io.out()).toMatch(/stored runs: (\S+ ){5}\S+/);
  });

  it('exits 2 for a missing --preset/--config, an unknown preset and an invalid config', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ data: { kind: 'points', points: [[0]] }, warmStart: { laws: ['cauchy'] } }));
    for (const argv of [[], ['--preset', 'nope'], ['--config', join(dir, 'bad.json')], ['--config', join(dir, 'missing.json')]]) {
      const io = captureIo();
      expect(await likelihoodCommand([...argv, '--no-store'], io), argv.join(' ')).toBe(2);
      expect(io.err()).toMatch(/infodiff: /);
    }
  });
});
