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

  it('--threads 2 writes the same CSVs as one thread, and refuses --threads 0', async () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({
      name: 'small', data: { kind: 'segment', count: 40, from: [0], to: [2] },
      discrete: { points: [0, 20], rule: { kind: 'gauss-hermite', nodes: 30 }, lambdas: { min: -10, max: 16, count: 131 } },
      warmStart: { samples: 50 }, entropy: { enabled: false }, bound: { enabled: false },
      heldOut: { enabled: true, trainCount: 30, testCount: 10, sigma0: { min: 0.01, max: 1, count: 3 } }, slopes: { laws: ['laplace'] },
    }));
    const files = ['discrete.csv', 'discrete-mmse.csv', 'warm-start.csv', 'held-out.csv', 'slopes.csv'];
    const outputs: string[][] = [];
    for (const threads of ['1', '2']) {
      const io = captureIo();
      const out = join(dir, `out-${threads}`);
      expect(await likelihoodCommand(['--config', file, '--threads', threads, '--out', out, '--no-store'], io), io.err()).toBe(0);
      expect(io.err()).toContain(`cpu-f64 (${threads} thread${threads === '1' ? '' : 's'})`);
      outputs.push(files.map((f) => readFileSync(join(out, f), 'utf8')));
    }
    expect(outputs[1]).toEqual(outputs[0]);
    const io = captureIo();
    expect(await likelihoodCommand(['--config', file, '--threads', '0', '--no-store'], io)).toBe(2);
    expect(io.err()).toContain('--threads: expected an integer in [1, 256], got "0"');
  });
});
