/**
 * Benchmark (a script, not a test): listing 10,000 stored runs with their final metrics.
 * A child process fills a temporary database with 10,000 finished runs over 50 experiments (4
 * seeds of finals each); this process then opens it, as the app or `infodiff list` would, and
 * times Store.listRuns: all rows, the first page, a tag filter, a full-text search and a metric
 * sort. Prints the median of 9 timings (after one warm-up) in ms. Peers, on the same file and
 * machine with the store's 64 MiB page cache: the same SELECT through better-sqlite3 without the
 * store (raw arrays, no mapping: the driver's floor) and through Python's sqlite3 (fetchall); and
 * for scale, the time of a plain 10⁸-iteration addition loop.
 * Target (issue 3): all 10,000 rows with final metrics in under 50 ms.
 *
 * Run: npx tsx test/bench/store-list.bench.ts        (results: docs/store.md)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { type RunQuery, hashConfig, openStore } from '../../src-main/store';
import { RUN_ROW_COLUMNS } from '../../src-main/store/runRow';

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

/** The store's list query for all live runs, newest first. */
const LIST_SQL = `SELECT ${RUN_ROW_COLUMNS.replace(/\s+/gu, ' ')} FROM runs r
  WHERE r.deleted_at IS NULL ORDER BY r.created_at DESC NULLS LAST, r.seq DESC`;

const PYTHON_PEER = `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA cache_size = -65536")
sql = sys.argv[2]
times = []
for _ in range(${REPEATS + 1}):
    start = time.perf_counter()
    rows = db.execute(sql).fetchall()
    times.append((time.perf_counter() - start) * 1000)
times = sorted(times[1:])
print(f"{len(rows)} {times[len(times) // 2]:.1f}")
`;

/** Wall and CPU time (this thread's user + system: what the listing itself costs when other processes share the cores) of each repeat, after a warm-up. */
function timeMedian(work: () => number): { rows: number; medianMs: number; minMs: number; maxMs: number; cpuMedianMs: number } {
  let rows = 0;
  const samples = Array.from({ length: REPEATS + 1 }, () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    rows = work();
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  }).slice(1);
  const times = samples.map((s) => s.wallMs);
  return { rows, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), cpuMedianMs: median(samples.map((s) => s.cpuMs)) };
}

function report(label: string, { rows, medianMs, minMs, maxMs, cpuMedianMs }: ReturnType<typeof timeMedian>): void {
  console.log(`${label.padEnd(44)} ${String(rows).padStart(6)} rows  median ${medianMs.toFixed(1).padStart(6)} ms  (min ${minMs.toFixed(1)}, max ${maxMs.toFixed(1)}; CPU ${cpuMedianMs.toFixed(1)} ms)`);
}

function peers(file: string): void {
  const db = new Database(file, { readonly: true });
  db.pragma('cache_size = -65536');
  const raw = db.prepare(LIST_SQL).raw();
  report('peer: same SELECT, better-sqlite3 raw', timeMedian(() => raw.all().length));
  db.close();
  const python = spawnSync('python3', ['-c', PYTHON_PEER, file, LIST_SQL], { encoding: 'utf8' });
  if (python.status === 0) {
    const [rows, ms] = python.stdout.trim().split(' ');
    console.log(`${'peer: same SELECT, Python sqlite3 fetchall'.padEnd(44)} ${rows!.padStart(6)} rows  median ${Number(ms).toFixed(1).padStart(6)} ms`);
  } else {
    console.log(`peer: Python sqlite3 not run (${python.error?.message ?? python.stderr.trim()})`);
  }
}

function calibrationMs(): number {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i;
  if (sum < 0) throw new Error('unreachable');
  return performance.now() - start;
}

function measure(file: string): void {
  const store = openStore({ file });
  const cases: [string, RunQuery][] = [
    ['all 10,000 runs with final metrics', {}],
    ['first page (50 rows)', { limit: 50 }],
    ['tag filter (paper)', { tag: 'paper' }],
    ['full-text search "sweep 7"', { search: 'sweep 7' }],
    ['sort by mean e_inf', { sort: 'eInf' }],
  ];
  for (const [label, query] of cases) {
    const result = timeMedian(() => store.listRuns(query).rows.length);
    report(label, result);
    if (label.startsWith('all')) console.log(`  goal (issue 3): under 50 ms: ${result.medianMs < 50 ? 'met' : 'NOT met'} in wall time, ${result.cpuMedianMs < 50 ? 'met' : 'NOT met'} in CPU time`);
  }
  store.close();
  peers(file);
  console.log(`for scale: a plain 1e8-iteration addition loop took ${calibrationMs().toFixed(0)} ms on this machine`);
}

function main(): void {
  if (process.argv[2] === '--fill') {
    fill(process.argv[3]!);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'infodiff-bench-'));
  const file = path.join(dir, 'infodiff.db');
  try {
    const filling = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--fill', file], { stdio: 'inherit' });
    console.log(`filled ${RUNS} runs × ${SEEDS} seeds of finals in ${(performance.now() - filling).toFixed(0)} ms (child process)`);
    measure(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
