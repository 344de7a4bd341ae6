/**
 * Benchmark: the `paper-toy` workload (32 × 32, K = 16, 64 seeds, 1000 DDPM steps, δ ∈ {0.01,
 * 0.005, 0.002} plus the baseline, metrics every 10 steps) on the lab's CPU path (engine worker
 * pool, float64) against a NumPy implementation of the same workload (paper_toy_numpy.py), in one run.
 *
 * The lab runs as a user runs it: the built CLI (`infodiff run --no-store`, engine workers from the
 * bundle out/main/engine-worker.js; run `npm run build` first). Its time is the run's own
 * (summary.json's elapsedMs: from the start of the engine to the last seed, worker start included,
 * Node's start and the output files not); NumPy's is its sampling loop (Python's start and imports not).
 * (Running the engine from source under tsx instead would time tsx compiling the sources in every
 * worker: 1–2 s more.)
 *
 * Usage: npx tsx test/bench/paper-toy.bench.mts [--seeds 64] [--steps 1000] [--threads N] [--repeat 3]
 * Prints both times (median of the repeats), the ratio, and both sets of final metrics so the two
 * implementations can be checked against each other.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { summarizeFinals } from '../../src-shared/experiment/aggregate';
import { presetConfig } from '../../src-shared/experiment/presets';
import { parseConfig } from '../../src-shared/experiment/config';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '64' }, steps: { type: 'string', default: '1000' }, threads: { type: 'string' }, repeat: { type: 'string', default: '3' } } });
const seeds = Number(values.seeds), steps = Number(values.steps), repeat = Number(values.repeat);
const threads = values.threads ? Number(values.threads) : availableParallelism();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const base = presetConfig('paper-toy');
const config = parseConfig({ ...base, seeds: { start: 0, count: seeds }, schedule: { ...base.schedule, steps }, frames: { count: 0, seeds: 0 } });

const root = join(import.meta.dirname, '..', '..');
if (!existsSync(join(root, 'out', 'main', 'engine-worker.js'))) throw new Error('out/main is missing: run `npm run build` first (the bench runs the built CLI)');
const work = mkdtempSync(join(tmpdir(), 'paper-toy-bench-'));
writeFileSync(join(work, 'config.json'), JSON.stringify(config));
const jsTimes: number[] = [];
let jsFinals: ReturnType<typeof summarizeFinals> = [];
let backend = '';
for (let r = 0; r < repeat; r++) {
  const out = join(work, `run-${r}`);
  execFileSync(process.execPath, [join(root, 'bin', 'infodiff.cjs'), 'run', '--config', join(work, 'config.json'), '--no-store', '--out', out, '--threads', String(threads), '--backend', 'reference'], { stdio: 'pipe' });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { status: string; backend: string; elapsedMs: number; variants: ReturnType<typeof summarizeFinals> };
  if (summary.status !== 'completed') throw new Error(`run ${summary.status}`);
  jsTimes.push(summary.elapsedMs / 1000);
  jsFinals = summary.variants;
  backend = summary.backend;
}
rmSync(work, { recursive: true, force: true });

const pyTimes: number[] = [];
let pyFinals: Record<string, Record<string, number>> = {};
for (let r = 0; r < repeat; r++) {
  const out = execFileSync('python3', [join(import.meta.dirname, 'paper_toy_numpy.py'), '--seeds', String(seeds), '--steps', String(steps)], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as { elapsed_s: number; finals: Record<string, Record<string, number>> };
  pyTimes.push(parsed.elapsed_s);
  pyFinals = parsed.finals;
}

const js = median(jsTimes), py = median(pyTimes);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`workload: paper-toy, ${seeds} seeds × ${steps} steps × 4 variants (32×32, K = 16)`);
console.log(`InfoDiff CPU path (${backend}, built CLI): ${js.toFixed(2)} s  (runs: ${jsTimes.map((t) => t.toFixed(2)).join(', ')})`);
console.log(`NumPy reference (vectorised over seeds and variants):     ${py.toFixed(2)} s  (runs: ${pyTimes.map((t) => t.toFixed(2)).join(', ')})`);
console.log(`speed-up over NumPy: ${(py / js).toFixed(2)}×  (goal ≥ 3×)`);
console.log('\nfinal metrics, mean over seeds (lab | numpy):');
for (const s of jsFinals) {
  const key = s.variant.deltaTol === null ? 'none' : String(s.variant.deltaTol);
  const p = pyFinals[key]!;
  console.log(`  ${s.variant.id.padEnd(12)} e_inf ${s.metrics.eInf.mean.toFixed(5)} | ${p.e_inf!.toFixed(5)}   MSE ${s.metrics.mse.mean.toFixed(5)} | ${p.mse!.toFixed(5)}   PSNR ${s.metrics.psnr.mean.toFixed(2)} | ${p.psnr!.toFixed(2)}   V_delta ${s.metrics.vDeltaNats.mean.toFixed(4)} | ${p.v_delta!.toFixed(4)}`);
}
