/**
 * Benchmark: the LAS dynamic programme for K = 50 on N = 1,500 log-spaced candidates (spec
 * schedules-las.md §4.3; binary ±1 data, exact MMSE loss, δ = 1e-3, T = 5) on the lab's CPU path
 * (lasDynamicProgramme: typed arrays, one multiply-add and a compare in the inner loop) against a
 * NumPy implementation of the same DP (las_numpy.py), in one run, on the identical input.
 *
 * Usage: npx tsx test/bench/las.bench.mts [--K 50] [--candidates 1500] [--repeat 5]
 * Prints both median wall times (DP only, input preparation excluded), the ratio, the machine load,
 * and checks that both found the same grid and objective.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lasDynamicProgramme, logSpacedCandidates } from '../../src-shared/schedules/lasDp';
import { binaryMmseCurve } from '../../src-shared/schedules/mmseCurve';
import { endpointsFromTimes } from '../../src-shared/schedules/snrGrid';

const { values } = parseArgs({ options: { K: { type: 'string', default: '50' }, candidates: { type: 'string', default: '1500' }, repeat: { type: 'string', default: '5' } } });
const K = Number(values.K), N = Number(values.candidates), repeat = Number(values.repeat);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const candidates = logSpacedCandidates(endpointsFromTimes(1e-3, 5), N);
const curve = binaryMmseCurve();
const losses = candidates.map((g) => curve.mmse(g));
const input = join(mkdtempSync(join(tmpdir(), 'las-bench-')), 'input.json');
writeFileSync(input, JSON.stringify({ K, candidates: Array.from(candidates), losses: Array.from(losses) }));

const load = loadavg()[0]!;
// One untimed run first: V8 compiles the loop; NumPy has no warm-up to pay.
lasDynamicProgramme({ candidates, losses, K });
const jsTimes: number[] = [];
let js = lasDynamicProgramme({ candidates, losses, K });
for (let r = 0; r < repeat; r++) {
  const start = performance.now();
  js = lasDynamicProgramme({ candidates, losses, K });
  jsTimes.push((performance.now() - start) / 1000);
}
const py = JSON.parse(execFileSync('python3', [join(import.meta.dirname, 'las_numpy.py'), '--input', input, '--repeat', String(repeat)], { encoding: 'utf8' })) as { median_s: number; times_s: number[]; objective: number; indices: number[] };

const jsMedian = median(jsTimes);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}; 1-min load average ${load.toFixed(2)} at start`);
console.log(`workload: LAS dynamic programme, K = ${K}, N = ${N} candidates (binary MMSE loss, δ = 1e-3, T = 5): ${((K * N * N) / 2 / 1e6).toFixed(0)}M inner-loop updates`);
console.log(`InfoDiff CPU path (float64, 1 thread): ${(1000 * jsMedian).toFixed(1)} ms  (runs: ${jsTimes.map((t) => (1000 * t).toFixed(1)).join(', ')})`);
console.log(`NumPy reference (vectorised layers):   ${(1000 * py.median_s).toFixed(1)} ms  (runs: ${py.times_s.map((t) => (1000 * t).toFixed(1)).join(', ')})`);
console.log(`speed-up over NumPy: ${(py.median_s / jsMedian).toFixed(2)}×`);
const sameGrid = py.indices.every((i, k) => i === js.indices[k]);
console.log(`same grid: ${sameGrid}; objective lab ${js.objective.toPrecision(15)} | numpy ${py.objective.toPrecision(15)} (relative gap ${Math.abs(js.objective / py.objective - 1).toExponential(1)})`);
