/**
 * Benchmark: the `paper-toy` workload (32 × 32, K = 16, 64 seeds, 1000 DDPM steps, δ ∈ {0.01,
 * 0.005, 0.002} plus the baseline, metrics every 10 steps) on the lab's CPU path (engine worker
 * pool, float64) against a NumPy implementation of the same workload (paper_toy_numpy.py), in one run.
 *
 * Usage: npx tsx test/bench/paper-toy.bench.mts [--seeds 64] [--steps 1000] [--threads N] [--repeat 3]
 * Prints both wall times (median of the repeats, sampling loop only), the ratio, and both sets of
 * final metrics so the two implementations can be checked against each other.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeFinals } from '../../src-shared/experiment/aggregate';
import { presetConfig } from '../../src-shared/experiment/presets';
import { parseConfig } from '../../src-shared/experiment/config';
import { runExperiment } from '../../src-main/service/experimentRun';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '64' }, steps: { type: 'string', default: '1000' }, threads: { type: 'string' }, repeat: { type: 'string', default: '3' } } });
const seeds = Number(values.seeds), steps = Number(values.steps), repeat = Number(values.repeat);
const threads = values.threads ? Number(values.threads) : availableParallelism();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const base = presetConfig('paper-toy');
const config = parseConfig({ ...base, seeds: { start: 0, count: seeds }, schedule: { ...base.schedule, steps }, frames: { count: 0, seeds: 0 } });

const jsTimes: number[] = [];
let jsFinals: ReturnType<typeof summarizeFinals> = [];
for (let r = 0; r < repeat; r++) {
  const result = await runExperiment(config, { threads });
  if (result.outcome.status !== 'completed') throw new Error(`run ${result.outcome.status}: ${result.outcome.error?.message}`);
  jsTimes.push(result.elapsedMs / 1000);
  jsFinals = summarizeFinals(result.variants, result.finals);
}

const pyTimes: number[] = [];
let pyFinals: Record<string, Record<string, number>> = {};
for (let r = 0; r < repeat; r++) {
  const out = execFileSync('python3', [join(import.meta.dirname, 'paper_toy_numpy.py'), '--seeds', String(seeds), '--steps', String(steps)], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as { elapsed_s: number; finals: Record<string, Record<string, number>> };
  pyTimes.push(parsed.elapsed_s);
  pyFinals = parsed.finals;
}

const js = median(jsTimes), py = median(pyTimes);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}`);
console.log(`workload: paper-toy, ${seeds} seeds × ${steps} steps × 4 variants (32×32, K = 16)`);
console.log(`InfoDiff CPU path (float64, ${threads} worker threads): ${js.toFixed(2)} s  (runs: ${jsTimes.map((t) => t.toFixed(2)).join(', ')})`);
console.log(`NumPy reference (vectorised over seeds and variants):     ${py.toFixed(2)} s  (runs: ${pyTimes.map((t) => t.toFixed(2)).join(', ')})`);
console.log(`speed-up over NumPy: ${(py / js).toFixed(2)}×  (goal ≥ 3×)`);
console.log('\nfinal metrics, mean over seeds (lab | numpy):');
for (const s of jsFinals) {
  const key = s.variant.deltaTol === null ? 'none' : String(s.variant.deltaTol);
  const p = pyFinals[key]!;
  console.log(`  ${s.variant.id.padEnd(12)} e_inf ${s.metrics.eInf.mean.toFixed(5)} | ${p.e_inf!.toFixed(5)}   MSE ${s.metrics.mse.mean.toFixed(5)} | ${p.mse!.toFixed(5)}   PSNR ${s.metrics.psnr.mean.toFixed(2)} | ${p.psnr!.toFixed(2)}   V_delta ${s.metrics.vDeltaNats.mean.toFixed(4)} | ${p.v_delta!.toFixed(4)}`);
}
