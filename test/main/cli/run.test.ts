import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { probeBackends, unavailableReason } from '../../../src-main/engine/backend';
import { wasmFusedMultiplyAdd } from '../../../src-main/engine/wasm/sparseKernels';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { captureIo } from '../../support/cliIo';

/** The pruned label on one thread: FMA where the sparse kernels fuse (relaxed SIMD, enabled for the vitest runner). */
const PRUNED_1 = `cpu-f64 pruned ε=1e-12${wasmFusedMultiplyAdd() ? ' FMA' : ''} (1 thread)`;

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

  const imagesConfig = (dir: string, backend?: string): string => {
    const images = [[1, 0.5, 1, 0.5], [0.2, 0.9, 0.4, 0.7], [0.5, 1, 0.5, 1]];
    const file = join(dir, 'images.json');
    writeFileSync(file, JSON.stringify({
      name: 'tiny-images', data: { kind: 'images', height: 2, width: 2, images, heldOutIndex: 2 }, partition: { kind: 'grid', rows: 1, cols: 2 },
      tolerance: { mode: 'absolute', deltas: [0.05] }, denoiser: { kind: 'empirical' }, sampler: { name: 'pf-euler' },
      schedule: { kind: 'edm', sigmaMin: 0.01, sigmaMax: 2, steps: 4 }, seeds: { start: 0, count: 2 }, frames: { count: 0, seeds: 0 },
      ...(backend ? { backend } : {}),
    }));
    return file;
  };

  it('--backend NAME runs that backend, overriding the config\'s and INFODIFF_BACKEND, and stores it in the config', async () => {
    const dir = tmp();
    const saved = process.env.INFODIFF_BACKEND;
    process.env.INFODIFF_BACKEND = 'reference';
    try {
      const io = captureIo();
      const code = await main(['run', '--config', imagesConfig(dir, 'reference'), '--backend', 'pruned', '--no-store', '--out', join(dir, 'out'), '--threads', '1'], io);
      expect(code, io.err()).toBe(0);
      const written = JSON.parse(readFileSync(join(dir, 'out', 'config.json'), 'utf8'));
      expect(written.backend).toBe('pruned');
      expect(written._meta.backend).toBe(PRUNED_1);
      expect(io.err()).toContain(`on ${PRUNED_1}`);
    } finally {
      if (saved === undefined) delete process.env.INFODIFF_BACKEND;
      else process.env.INFODIFF_BACKEND = saved;
    }
  });

  it('the config\'s backend field overrides INFODIFF_BACKEND; without it, INFODIFF_BACKEND applies', async () => {
    const dir = tmp();
    const saved = process.env.INFODIFF_BACKEND;
    process.env.INFODIFF_BACKEND = 'pruned';
    try {
      for (const [backend, label] of [['reference', 'cpu-f64 reference (1 thread)'], [undefined, PRUNED_1]] as const) {
        const io = captureIo();
        const out = join(dir, backend ?? 'env');
        expect(await main(['run', '--config', imagesConfig(dir, backend), '--no-store', '--out', out, '--threads', '1'], io), io.err()).toBe(0);
        expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))._meta.backend).toBe(label);
      }
    } finally {
      if (saved === undefined) delete process.env.INFODIFF_BACKEND;
      else process.env.INFODIFF_BACKEND = saved;
    }
  });

  it('--backend with a kind this machine lacks exits 2 before storing, naming it and what is available; an unknown name exits 2 listing the names', async () => {
    const probe = await probeBackends();
    const missing = (['headlessgl', 'webgpu'] as const).find((kind) => unavailableReason(kind, probe) !== null);
    if (missing) {
      const dir = tmp();
      const io = captureIo();
      expect(await main(['run', '--config', imagesConfig(dir), '--backend', missing, '--data-dir', join(dir, 'data'), '--out', join(dir, 'out')], io)).toBe(2);
      expect(io.err()).toMatch(new RegExp(`backend: ${missing} is not available on this machine: .+; available here: auto, reference, pruned`));
      expect(readdirSync(dir).sort()).toEqual(['images.json']);
    }
    const io = captureIo();
    expect(await main(['run', '--preset', 'paper-toy', '--backend', 'cuda', '--no-store'], io)).toBe(2);
    expect(io.err()).toContain('--backend: expected one of auto, reference, pruned, webgpu, headlessgl, webasm-threaded, webasm-simd, gpujs-cpu, got "cuda"');
  });

  /** σ levels of `infodiff schedules las` (schedules.csv: k = 0 is the clean end), in sampler order, then 0. */
  const lasCliSigmas = async (dir: string, args: string[]): Promise<number[]> => {
    const io = captureIo();
    const out = join(dir, 'las-cli');
    expect(await main(['schedules', 'las', ...args, '--no-store', '--out', out], io), io.err()).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'schedules.csv'), 'utf8').trimEnd().split('\n');
    const column = header!.split(',').indexOf('sigma');
    return [...rows.map((row) => Number(row.split(',')[column])).reverse(), 0];
  };

  /** The run's schedule as stored in config.json, and σ_{i+1} of every step of seed 0's unprojected variant. */
  const runSigmas = (out: string): { stored: number[]; recorded: number[] } => {
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    const [header, ...rows] = readFileSync(join(out, 'steps.csv'), 'utf8').trimEnd().split('\n');
    const cols = header!.split(',');
    const recorded = rows.map((r) => r.split(',')).filter((c) => c[cols.indexOf('variant')] === 'unprojected' && c[cols.indexOf('seed')] === '0').map((c) => Number(c[cols.indexOf('sigma')]));
    return { stored: config.schedule.sigmas, recorded };
  };

  it('a las schedule on an inline loss table runs end to end and its sigmas equal `infodiff schedules las --loss-csv` on the same rows, bit for bit', async () => {
    const dir = tmp();
    const rows = Array.from({ length: 40 }, (_, i) => {
      const sigma = Math.exp(Math.log(0.005) + (Math.log(50 / 0.005) * i) / 39);
      return [sigma, (0.04 * sigma * sigma) / (0.04 + sigma * sigma)] as const;
    });
    writeFileSync(join(dir, 'loss.csv'), `sigma,loss\n${rows.map(([s, l]) => `${s},${l}`).join('\n')}\n`);
    writeFileSync(join(dir, 'las.json'), JSON.stringify({
      name: 'las-toy', data: { kind: 'toy-blocks', height: 8, width: 8 }, partition: { kind: 'grid', rows: 2, cols: 2 },
      tolerance: { mode: 'absolute', deltas: [0.01] }, denoiser: { kind: 'toy-oracle' }, sampler: { name: 'ddpm' },
      schedule: { kind: 'las', steps: 7, sigmaMin: 0.01, sigmaMax: 20, candidates: 600, source: { kind: 'loss', table: rows } },
      seeds: { start: 0, count: 2 }, recordEvery: 1, frames: { count: 0, seeds: 0 },
    }));
    const io = captureIo();
    const out = join(dir, 'out');
    expect(await main(['run', '--config', join(dir, 'las.json'), '--no-store', '--out', out, '--threads', '1'], io), io.err()).toBe(0);
    const steps = 7;
    const expected = await lasCliSigmas(dir, ['--loss-csv', join(dir, 'loss.csv'), '--K', '6', '--sigma-min', '0.01', '--sigma-max', '20', '--candidates', '600']);
    const { stored, recorded } = runSigmas(out);
    expect(expected).toHaveLength(steps + 1);
    expect(stored).toEqual(expected);
    expect(recorded).toEqual(expected.slice(1));
  });

  it('a las schedule on the MMSE curve of the gmm-2d data equals `infodiff schedules las --target gmm-2d` with the same Monte Carlo draws, levels and seed', async () => {
    const dir = tmp();
    const base = structuredClone(PRESETS['gmm-2d']);
    writeFileSync(join(dir, 'las.json'), JSON.stringify({
      ...base, seeds: { start: 0, count: 2 }, recordEvery: 1, frames: { count: 0, seeds: 0 },
      schedule: { kind: 'las', steps: 6, sigmaMin: 0.02, sigmaMax: 40, candidates: 400, source: { kind: 'mmse', draws: 48, levels: 30, seed: 0 } },
    }));
    const io = captureIo();
    const out = join(dir, 'out');
    expect(await main(['run', '--config', join(dir, 'las.json'), '--no-store', '--out', out, '--threads', '1'], io), io.err()).toBe(0);
    const steps = 6;
    const expected = await lasCliSigmas(dir, ['--target', 'gmm-2d', '--K', '5', '--sigma-min', '0.02', '--sigma-max', '40', '--candidates', '400', '--mc-draws', '48', '--mc-levels', '30']);
    const { stored, recorded } = runSigmas(out);
    expect(expected).toHaveLength(steps + 1);
    expect(stored).toEqual(expected);
    expect(recorded).toEqual(expected.slice(1));
  });
});
