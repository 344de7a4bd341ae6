import { describe, expect, it } from 'vitest';
import { parseDynamicsConfig, parseLikelihoodConfig } from '../../../src-shared/info/config';
import { runDynamics } from '../../../src-main/info/dynamics';
import { runLikelihood } from '../../../src-main/info/likelihood';
import { FORWARD_COLUMNS } from '../../../src-main/info/storage';
import { PEAK_CURVES } from '../../../src-shared/info/dynamicsRun';
import { openStore } from '../../../src-main/store';

describe('instrument runs stored through the store facade', () => {
  it('runDynamics stores one experiment and a run per curve set, with the curves as [columns, n] float64 artifacts', async () => {
    const store = openStore({ file: ':memory:' });
    try {
      const config = parseDynamicsConfig({
        name: 'pm1-small', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 60 }, lambdas: { min: -4, max: 4, count: 41 },
        bifurcation: { enabled: true, nuMax: 4, nuMin: 0.25, count: 21 }, trajectories: { enabled: true, count: 20, schedule: { kind: 'log-snr', sigmaMin: 0.1, sigmaMax: 10, steps: 20 } },
      });
      const result = await runDynamics(config, { store, threads: 2 });
      expect(result.status).toBe('completed');
      expect(result.runIds).toHaveLength(3);
      const rows = store.listRuns({ experimentId: result.experimentId! }).rows;
      expect(rows.map((r) => r.variant).sort()).toEqual(['bifurcation', 'forward', 'trajectories']);
      expect(rows.every((r) => r.status === 'completed' && r.preset === 'dynamics')).toBe(true);
      const forward = rows.find((r) => r.variant === 'forward')!;
      const curves = store.listArtifacts(forward.id).find((a) => a.name === 'curves')!;
      expect(curves.shape).toEqual([FORWARD_COLUMNS.length, 41]);
      const data = store.getArtifact(curves.id)!.data as Float64Array;
      expect(data[0]).toBe(-4);
      const peak = result.peaks.find((p) => p.curve === 'bandwidth')!.peaks[0]!;
      expect(peak.x).toBeCloseTo(0.411, 3);
      expect(store.getRun(forward.id)!.configHash).toBe(result.configHash);
    } finally {
      store.close();
    }
  });

  it('stores the peaks with the curve named by its index in PEAK_CURVES even when the data drop a curve (GMM: no Var h)', async () => {
    const store = openStore({ file: ':memory:' });
    try {
      const config = parseDynamicsConfig({
        name: 'ring-small', data: { kind: 'gmm', components: [{ weight: 1, mean: [1, 0], std: 0.2 }, { weight: 1, mean: [-1, 0], std: 0.2 }] },
        estimator: { kind: 'monte-carlo', queries: 256, seed: 0 }, lambdas: { min: -6, max: 8, count: 57 },
      });
      const result = await runDynamics(config, { store, threads: 1 });
      expect(result.peaks.map((p) => p.curve)).not.toContain('entropyVariance');
      const forward = store.listRuns({ experimentId: result.experimentId! }).rows.find((r) => r.variant === 'forward')!;
      const meta = store.listArtifacts(forward.id).find((a) => a.name === 'peaks')!;
      const rows = store.getArtifact(meta.id)!.data as Float64Array;
      const stored = Array.from({ length: meta.shape[1]! }, (_, j) => [rows[j]!, rows[3 * meta.shape[1]! + j]!] as const);
      const expected = result.peaks.flatMap((c) => c.peaks.map((p) => [PEAK_CURVES.indexOf(c.curve), p.value] as const));
      expect(stored).toEqual(expected);
      expect(stored.some(([curve]) => curve === PEAK_CURVES.indexOf('surprisalVariance'))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('runLikelihood stores a run per enabled section and reports ln 3 for discrete points', async () => {
    const store = openStore({ file: ':memory:' });
    try {
      const config = parseLikelihoodConfig({
        name: 'three', data: { kind: 'points', points: [[0], [1], [3]] },
        discrete: { rule: { kind: 'gauss-hermite', nodes: 60 }, lambdas: { min: -12, max: 14, count: 521 } },
        warmStart: { samples: 200 }, entropy: { enabled: false }, bound: { enabled: false }, slopes: { laws: ['gaussian'] },
      });
      const run = await runLikelihood(config, { store });
      expect(run.status).toBe('completed');
      expect(store.listRuns({ experimentId: run.experimentId! }).rows.map((r) => r.variant).sort()).toEqual(['discrete', 'slopes', 'warm-start']);
      for (const p of run.result!.discrete!.points) expect(p.nats).toBeCloseTo(Math.log(3), 6);
    } finally {
      store.close();
    }
  });
});
