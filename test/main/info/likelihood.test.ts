import { describe, expect, it } from 'vitest';
import { likelihoodUnits, mergeLikelihoodResults, runLikelihood } from '../../../src-main/info/likelihood';
import { parseLikelihoodConfig } from '../../../src-shared/info/config';
import { resolveInfoData } from '../../../src-shared/info/infoData';
import { computeLikelihood } from '../../../src-shared/info/likelihoodRun';

/** Every section on, small enough for a unit test: 60 points on a segment. */
const config = parseLikelihoodConfig({
  name: 'small', data: { kind: 'segment', count: 60, from: [0], to: [3] },
  discrete: { points: [0, 30, 59], rule: { kind: 'monte-carlo', draws: 16, seed: 3 }, lambdas: { min: -10, max: 16, count: 261 } },
  warmStart: { samples: 100 }, entropy: { estimator: { kind: 'gauss-hermite', nodes: 30 }, count: 101, sigma1s: [10] },
  bound: { points: 2, models: [{ kind: 'exact' }, { kind: 'wiener' }], count: 161, rule: { kind: 'gauss-hermite', nodes: 24 } },
  heldOut: { enabled: true, trainCount: 40, testCount: 20, sigma0: { min: 0.01, max: 1, count: 5 } }, slopes: { laws: ['laplace', 'gaussian'] },
});

const sectionsOn = (c: typeof config) => (['discrete', 'warmStart', 'entropy', 'bound', 'heldOut', 'slopes'] as const).filter((s) => c[s].enabled);

describe('likelihoodUnits(config, count)', () => {
  it('splits per discrete point, held-out law, bound model, warm-start law and slopes law, the entropy whole; each unit has one section on', () => {
    const units = likelihoodUnits(config, 60);
    expect(units.map((u) => u.section)).toEqual([
      'discrete', 'discrete', 'discrete', 'held-out', 'held-out', 'held-out', 'held-out', 'bound', 'bound', 'entropy',
      'warm start', 'warm start', 'warm start', 'warm start', 'slopes', 'slopes',
    ]);
    for (const unit of units) expect(sectionsOn(unit.config)).toHaveLength(1);
    expect(units.slice(0, 3).map((u) => u.config.discrete.points)).toEqual([[0], [30], [59]]);
  });

  it('keeps the discrete section whole when an index is out of range, so its error names the original index', () => {
    const units = likelihoodUnits({ ...config, discrete: { ...config.discrete, points: [0, 99] } }, 60);
    expect(units.filter((u) => u.section === 'discrete').map((u) => u.config.discrete.points)).toEqual([[0, 99]]);
  });

  it('mergeLikelihoodResults(units computed one by one) deep-equals computeLikelihood(config) in one piece', () => {
    const set = resolveInfoData(config.data);
    const parts = likelihoodUnits(config, 60).map((u) => computeLikelihood(u.config, set));
    expect(mergeLikelihoodResults(parts)).toEqual(computeLikelihood(config, set));
  });
});

describe('runLikelihood(config, { threads })', () => {
  it('on 3 workers gives exactly the one-worker result (every section), with the thread count in the backend label', async () => {
    const one = await runLikelihood(config);
    const three = await runLikelihood(config, { threads: 3 });
    expect(one.status).toBe('completed');
    expect(three.status).toBe('completed');
    expect(one.backend).toBe('cpu-f64 (1 thread)');
    expect(three.backend).toBe('cpu-f64 (3 threads)');
    expect(three.result).toEqual(one.result);
  });

  it('reports progress in units finished, and fails with the same message as one worker for a bad point index', async () => {
    const progress: [string, number, number][] = [];
    const small = { ...config, entropy: { ...config.entropy, enabled: false }, bound: { ...config.bound, enabled: false }, heldOut: { ...config.heldOut, enabled: false } };
    await runLikelihood(small, { threads: 2, onProgress: (stage, done, total) => progress.push([stage, done, total]) });
    expect(progress.map(([, done]) => done)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(progress.every(([stage, , total]) => stage === 'likelihood units' && total === 9)).toBe(true);
    const bad = { ...small, discrete: { ...small.discrete, points: [0, 99] } };
    const [a, b] = [await runLikelihood(bad), await runLikelihood(bad, { threads: 2 })];
    expect(a.status).toBe('failed');
    expect(b).toMatchObject({ status: 'failed', error: a.error });
    expect(a.error).toMatch(/discrete\.points\[1\]: expected an index < 60, got 99/);
  });
});
