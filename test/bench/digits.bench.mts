/**
 * Benchmark (b): `digits`: B = 64 trajectories of probability-flow Euler over 100 EDM levels with the
 * exact empirical denoiser of N = 9,999 bundled MNIST digits (the config's maximum; the 10,000
 * less the held-out one), on the lab's engine (worker threads, the chosen backend) against a NumPy
 * float64 implementation of the same workload (digits_numpy.py, OpenBLAS matmuls) in one run, from the
 * same x_T. Prints wall times, the ratio, dense-equivalent GFLOP/s of both next to NumPy's matmul
 * ceiling, the largest difference of the final states, the pruned denoiser's time, and its ε and
 * skipped fraction per step. On the digits (density 0.19) the `pruned` backend runs the sparse stage
 * (src-shared/diffusion/denoisers/prunedSparse.ts) in WebAssembly SIMD (src-main/engine/wasm/sparseKernels.wat). Benchmark (c) (webgpu against the CPU path) is `--backends pruned,webgpu` on a
 * machine with a GPU; here it reports itself as not run.
 *
 * Usage: npx tsx test/bench/digits.bench.mts [--steps 100] [--rows 64] [--backends pruned] [--threads 2] [--repeat 1]
 * (backends: pruned, reference, webasm-threaded, webasm-simd, webgpu, headlessgl; the machine is shared, take medians)
 * On Node 20 the bench restarts itself with --experimental-wasm-relaxed-simd, so that the pruned path
 * runs the fused kernels as on Node ≥ 22 and in Electron; INFODIFF_WASM_FMA=off runs the plain ones.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDigits } from '../../src-main/data/digits';
import { parseBackendRequest, probeBackends, unavailableReason } from '../../src-main/engine/backend';
import { startEngine } from '../../src-main/engine/host';
import type { PruningStep, SeedResult } from '../../src-main/engine/protocol';
import { SampleNoise } from '../../src-shared/diffusion/noise';
import { priorSample } from '../../src-shared/diffusion/samplers/prior';
import { parseConfig } from '../../src-shared/experiment/config';
import { resolvePlan } from '../../src-shared/experiment/plan';

const RELAXED_SIMD = '--experimental-wasm-relaxed-simd';
if (Number(process.versions.node.split('.')[0]) < 22 && !process.execArgv.includes(RELAXED_SIMD)) {
  const child = spawnSync(process.execPath, [RELAXED_SIMD, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { values } = parseArgs({ options: { steps: { type: 'string', default: '100' }, rows: { type: 'string', default: '64' }, backends: { type: 'string', default: 'pruned' }, threads: { type: 'string' }, repeat: { type: 'string', default: '1' } } });
const steps = Number(values.steps), rows = Number(values.rows), repeat = Number(values.repeat);
const threads = values.threads ? Number(values.threads) : availableParallelism();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const count = 9999;
const d = 784;
const denseGflop = (4 * rows * count * d * steps) / 1e9;

const config = parseConfig({
  name: 'digits-bench', data: { kind: 'digits', trainCount: count, heldOutIndex: 9999 }, partition: { kind: 'grid', rows: 4, cols: 4 },
  // δ = 1: the band is the whole simplex, so the one variant is never projected (the workload is the denoiser's).
  tolerance: { mode: 'absolute', deltas: [1] }, includeUnprojected: false, denoiser: { kind: 'empirical' }, sampler: { name: 'pf-euler' },
  schedule: { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps }, seeds: { start: 0, count: rows }, batch: 1, recordEvery: steps, frames: { count: 0, seeds: 0 },
});
const inputs = { digits: loadDigits() };
// The engine's workers as shipped (the build's bundle), not the sources under tsx (which boots in ~0.35 s per worker).
const built = join(import.meta.dirname, '..', '..', 'out', 'main');
const workerDir = existsSync(join(built, 'engine-worker.js')) ? built : undefined;
if (workerDir === undefined) console.log('note: out/main is missing (npm run build): the workers run from source under tsx, ~0.35 s slower each to start');
const plan = resolvePlan(config, inputs);
const dir = mkdtempSync(join(tmpdir(), 'digits-bench-'));
const xt = new Float64Array(rows * d);
plan.seeds.forEach((seed, r) => xt.set(priorSample(plan.schedule, new SampleNoise(seed, 0), d), r * d));
writeFileSync(join(dir, 'xt.f64'), Buffer.from(xt.buffer));

const pyTimes: number[] = [];
let py = { elapsed_s: 0, gflops: 0, matmul_gflops: 0, numpy: '' };
for (let r = 0; r < repeat; r++) {
  py = JSON.parse(execFileSync('python3', [join(import.meta.dirname, 'digits_numpy.py'), '--xt', join(dir, 'xt.f64'), '--out', join(dir, 'numpy.f64'), '--steps', String(steps), '--count', String(count)], { encoding: 'utf8' }));
  pyTimes.push(py.elapsed_s);
}
const numpyFinal = new Float64Array(readFileSync(join(dir, 'numpy.f64')).buffer.slice(0));
const pyMedian = median(pyTimes);

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}; numpy ${py.numpy}`);
console.log(`workload: digits, ${rows} trajectories × ${steps} PF-Euler steps (EDM ρ = 7), exact empirical denoiser of ${count} × ${d}; dense = ${denseGflop.toFixed(0)} GFLOP`);
console.log(`NumPy float64 (OpenBLAS): ${pyMedian.toFixed(2)} s (runs: ${pyTimes.map((t) => t.toFixed(2)).join(', ')}), ${py.gflops.toFixed(2)} GFLOP/s; matmul ceiling ${py.matmul_gflops.toFixed(1)} GFLOP/s`);

const probe = await probeBackends();
for (const name of values.backends.split(',')) {
  const request = parseBackendRequest(name);
  const missing = request === 'auto' ? null : unavailableReason(request, probe);
  if (missing !== null) {
    console.log(`${name}: not run: ${missing}`);
    continue;
  }
  const times: number[] = [];
  let results: SeedResult[] = [];
  let pruning: PruningStep[] = [];
  let label = '';
  for (let r = 0; r < repeat; r++) {
    results = [];
    pruning = [];
    const started = performance.now();
    const run = startEngine(config, inputs, { threads, backend: request, ...(workerDir ? { workerDir } : {}), callbacks: { onSeed: (s) => results.push(s), onPruning: (p) => pruning.push(...p) } });
    label = run.backend;
    const outcome = await run.done;
    if (outcome.status !== 'completed') throw new Error(`${name}: ${outcome.status} ${outcome.error?.message ?? ''}`);
    times.push((performance.now() - started) / 1000);
  }
  results.sort((a, b) => a.seed - b.seed);
  let maxDiff = 0;
  results.forEach((s, r) => s.finalImages[0]!.forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - numpyFinal[r * d + k]!)))));
  const t = median(times);
  console.log(`${label}: ${t.toFixed(2)} s incl. worker start and setup (runs: ${times.map((x) => x.toFixed(2)).join(', ')}), ${(denseGflop / t).toFixed(2)} dense-equivalent GFLOP/s; NumPy / lab = ${(pyMedian / t).toFixed(2)}× (goal ≥ 1); max |x_lab − x_numpy| = ${maxDiff.toExponential(2)} (goal ≤ 1e-4)`);
  if (pruning.length > 0) {
    const byStep = new Map<number, { skipped: number; queries: number; neglected: number; epsilon: number; ms: number }>();
    for (const p of pruning) {
      const e = byStep.get(p.step) ?? { skipped: 0, queries: 0, neglected: 0, epsilon: p.epsilon, ms: 0 };
      e.skipped += p.skippedFraction * p.queries;
      e.queries += p.queries;
      e.neglected = Math.max(e.neglected, p.neglectedWeight);
      e.ms += p.denoiseMs;
      byStep.set(p.step, e);
    }
    const denoiserS = pruning.reduce((sum, p) => sum + p.denoiseMs, 0) / 1000;
    console.log(`  denoiser time ${denoiserS.toFixed(2)} s summed over the workers (${(denoiserS / threads).toFixed(2)} s per worker); the rest of the wall is worker start, setup and the sampler`);
    console.log('  step  sigma      ε       skipped   max neglected weight   denoiser ms per query');
    for (const [step, e] of [...byStep].sort((a, b) => a[0] - b[0])) {
      if (step % 10 === 0 || step === steps - 1) console.log(`  ${String(step).padStart(4)}  ${plan.schedule.sigmas[step]!.toPrecision(4).padEnd(9)}  ${e.epsilon.toExponential(0)}  ${(e.skipped / e.queries).toFixed(4).padStart(8)}  ${e.neglected.toExponential(2).padEnd(21)}  ${(e.ms / e.queries).toFixed(2)}`);
    }
  }
}
