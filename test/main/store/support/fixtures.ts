import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Store } from '../../../../src-main/store';
import { hashConfig } from '../../../../src-main/store';
import { CONFIG } from './data';

export { CONFIG, finalMetrics, stepMetrics } from './data';

const dirs: string[] = [];

/** A fresh temporary folder, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'infodiff-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Creates an experiment and a running run in `store`; returns both ids. */
export function seedRun(store: Store, overrides: { name?: string; experiment?: string; preset?: string | null; tags?: string[]; variant?: string; deltaTol?: number | null } = {}) {
  const experimentId = store.createExperiment({ name: overrides.experiment ?? 'toy grid', preset: overrides.preset ?? 'paper-toy', tags: overrides.tags ?? [] });
  const runId = store.createRun({
    experimentId, name: overrides.name ?? '', variant: overrides.variant ?? 'projected', deltaTol: overrides.deltaTol === undefined ? 0.05 : overrides.deltaTol,
    seeds: [0, 1], config: CONFIG, configHash: hashConfig(CONFIG), dataHash: null, appVersion: '0.1.0', backend: 'cpu',
  });
  return { experimentId, runId };
}
