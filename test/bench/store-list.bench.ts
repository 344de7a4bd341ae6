/**
 * Benchmark (a script, not a test): listing 10,000 stored runs with their final metrics.
 * Fills a temporary database with 10,000 finished runs over 50 experiments (4 seeds of finals
 * each), reopens it, and times Store.listRuns: all rows, the first page, a tag filter, a
 * full-text search and a metric sort. Prints the median of 9 timings (after one warm-up) in ms.
 * Target (issue 3): all 10,000 rows with final metrics in under 50 ms.
 *
 * Run: npx tsx test/bench/store-list.bench.ts        (results: docs/store.md)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type RunQuery, hashConfig, openStore } from '../../src-main/store';

const RUNS = 10_000;
const EXPERIMENTS = 50;
const SEEDS = 4;
const REPEATS = 9;

function fill(file: string): void {
  const store = openStore({ file });
  const experimentIds = Array.from({ length: EXPERIMENTS }, (_, e) =>
    store.createExperiment({ name: `sweep ${e}`, preset: e % 2 === 0 ? 'paper-toy' : 'digits', tags: e % 5 === 0 ? ['paper'] : [], notes: `δ sweep number ${e}` }));
  const config = { steps: 40, schedule: 'karras' };
  for (let r = 0; r < RUNS; r++) {
    const runId = store.createRun({
      experimentId: experimentIds[r % EXPERIMENTS]!, name: `run ${r}`, variant: r % 2 === 0 ? 'projected' : 'unprojected', deltaTol: r % 2 === 0 ? 0.01 * (r % 7) : null,
      seeds: [0, 1, 2, 3], config, configHash: hashConfig(config), dataHash: null, appVersion: 'bench', backend: 'cpu',
    });
    store.appendFinals(runId, Array.from({ length: SEEDS }, (_, seed) => ({
      seed, eInf: 1 / (r + seed + 1), e1: 2 / (r + 1), mse: 0.01 * seed, psnr: 30 + seed, vNats: 1, vDeltaNats: 0.5, vDeltaCoarseNats: 0.25,
    })));
    store.finishRun(runId, { status: r % 13 === 0 ? 'failed' : 'completed' });
  }
  store.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'infodiff-bench-'));
  const file = path.join(dir, 'infodiff.db');
  try {
    const filling = performance.now();
    fill(file);
    console.log(`filled ${RUNS} runs × ${SEEDS} seeds of finals in ${(performance.now() - filling).toFixed(0)} ms`);
    const store = openStore({ file });
    const cases: [string, RunQuery][] = [
      ['all 10,000 runs with final metrics', {}],
      ['first page (50 rows)', { limit: 50 }],
      ['tag filter (paper)', { tag: 'paper' }],
      ['full-text search "sweep 7"', { search: 'sweep 7' }],
      ['sort by mean e_inf', { sort: 'eInf' }],
    ];
    for (const [label, query] of cases) {
      let rows = 0;
      const times = Array.from({ length: REPEATS + 1 }, () => {
        const start = performance.now();
        const result = store.listRuns(query);
        rows = result.rows.length;
        return performance.now() - start;
      }).slice(1);
      console.log(`${label.padEnd(38)} ${String(rows).padStart(6)} rows  median ${median(times).toFixed(1).padStart(6)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
