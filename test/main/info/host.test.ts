import { describe, expect, it } from 'vitest';
import { createForwardEvaluator, queriesFor } from '../../../src-shared/info/dynamicsRun';
import { resolveInfoData } from '../../../src-shared/info/infoData';
import { InfoPool } from '../../../src-main/info/host';

describe('InfoPool (information worker threads)', () => {
  it('evaluate on 3 workers equals the in-process evaluator bit for bit, queries in order', async () => {
    const set = resolveInfoData({ kind: 'segment', count: 50, from: [0, 0], to: [1, 2] });
    const queries = queriesFor(set, { kind: 'monte-carlo', queries: 23, seed: 5 });
    const pool = InfoPool.start({ set, queries, threads: 3 });
    try {
      const [a, b] = await pool.evaluate([-1, 4]);
      const local = createForwardEvaluator(set, queries);
      expect(Array.from(a!.traceCov)).toEqual(Array.from(local.evaluate(-1).traceCov));
      expect(Array.from(b!.entropyNats)).toEqual(Array.from(local.evaluate(4).entropyNats));
    } finally {
      await pool.close();
    }
  });

  it('runs a task on a worker with progress, and a cancelled task rejects with code "cancelled"', async () => {
    const set = resolveInfoData({ kind: 'points', points: [[-1], [1]] });
    const pool = InfoPool.start({ set, threads: 1 });
    try {
      const progress: number[] = [];
      const result = await pool.task<{ spectral: { nu: number } }>({ kind: 'bifurcation', options: { enabled: true, count: 11, folds: 0, maxIterations: 1000 } }, (done) => progress.push(done));
      expect(result.spectral.nu).toBeCloseTo(1, 12);
      expect(progress.at(-1)).toBe(11);
      pool.cancel();
      await expect(pool.task({ kind: 'trajectories', options: { enabled: true, count: 1000, sampler: { name: 'ddpm' }, schedule: { kind: 'log-snr', sigmaMin: 0.01, sigmaMax: 10, steps: 100, variancePreserving: false }, seed: 0 } })).rejects.toMatchObject({ code: 'cancelled' });
    } finally {
      await pool.close();
    }
  });

  it('tasks([...]) on 2 task workers (parallelTasks) returns each result in task order, equal to running the tasks one by one', async () => {
    const set = resolveInfoData({ kind: 'points', points: [[-1], [0.5], [1]] });
    const options = (count: number) => ({ enabled: true, count, folds: 0, maxIterations: 1000 });
    const tasks = [11, 21, 31].map((count) => ({ kind: 'bifurcation' as const, options: options(count) }));
    const pool = InfoPool.start({ set, threads: 2, parallelTasks: true });
    const single = InfoPool.start({ set, threads: 1 });
    try {
      const done: number[] = [];
      const results = await pool.tasks<unknown>(tasks, { onDone: (i) => done.push(i) });
      expect(done.sort()).toEqual([0, 1, 2]);
      for (const [i, task] of tasks.entries()) expect(results[i]).toEqual(await single.task(task));
    } finally {
      await pool.close();
      await single.close();
    }
  });
});
