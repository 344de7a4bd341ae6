/**
 * Benchmark: an MMSE curve of 200 log-SNR points on the 10,000 bundled digits (d = 784), M = 256 Monte
 * Carlo queries with common random numbers, on the lab's CPU path (information workers, float64)
 * against the NumPy peer of the same workload (mmse_numpy.py), in one run. Both precompute the two
 * (M × N) query matrices once, then per λ do a log-sum-exp over (M, N), the posterior means and tr C.
 *
 * Usage: npx tsx test/bench/mmse.bench.mts [--points 10000] [--queries 256] [--lambdas 200] [--threads 2]
 * Prints the machine, both times (setup and curve), the ratio and the differences of the two mmse
 * curves (same queries: they agree to rounding). BENCH_DEBUG=1 prints both curves.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeValues } from '../../src-shared/info/curves';
import { empiricalSet } from '../../src-shared/info/dataset';
import { uniformGrid } from '../../src-shared/info/quadrature';
import { monteCarloQueries } from '../../src-shared/info/queries';
import { loadDigits } from '../../src-main/data/digits';
import { InfoPool } from '../../src-main/info/host';

const { values } = parseArgs({ options: { points: { type: 'string', default: '10000' }, queries: { type: 'string', default: '256' }, lambdas: { type: 'string', default: '200' }, threads: { type: 'string', default: '2' } } });
const n = Number(values.points), m = Number(values.queries), k = Number(values.lambdas), threads = Number(values.threads);
const LAMBDA_MIN = -13.2, LAMBDA_MAX = 9.4; // spec §4.1: e^{λ_lo}·tr Σ ≤ 1e-4; λ_hi = ln(4/δ²_min) + 8

const digits = loadDigits();
const d = digits.height * digits.width;
const set = empiricalSet(digits.pixels.slice(0, n * d), n, d);
const queries = monteCarloQueries(set, { count: m, seed: 0 });
const lambdas = Array.from(uniformGrid(LAMBDA_MIN, LAMBDA_MAX, k));

const dir = mkdtempSync(join(tmpdir(), 'infodiff-bench-'));
writeFileSync(join(dir, 'data.f64'), Buffer.from(set.points.buffer, set.points.byteOffset, set.points.byteLength));
writeFileSync(join(dir, 'eps.f64'), Buffer.from(queries.eps.buffer));
writeFileSync(join(dir, 'src.i32'), Buffer.from(queries.sources.buffer));

const load = loadavg()[0]!.toFixed(2);
const t0 = performance.now();
const pool = InfoPool.start({ set, queries, threads });
await pool.evaluate([0]); // workers built their query matrices (the setup)
const t1 = performance.now();
const jsMmse: number[] = [];
for (let i = 0; i < k; i += 8) {
  const chunk = lambdas.slice(i, i + 8);
  (await pool.evaluate(chunk)).forEach((v, j) => jsMmse.push(summarizeValues(chunk[j]!, v, queries).mmse.mean));
}
const t2 = performance.now();
await pool.close();

const py = JSON.parse(execFileSync('python3', [join(import.meta.dirname, 'mmse_numpy.py'), join(dir, 'data.f64'), join(dir, 'eps.f64'), join(dir, 'src.i32'), String(n), String(d), String(m), String(LAMBDA_MIN), String(LAMBDA_MAX), String(k)], { encoding: 'utf8', maxBuffer: 1 << 26 })) as { setup_s: number; curve_s: number; mmse: number[] };

const jsSetup = (t1 - t0) / 1000, jsCurve = (t2 - t1) / 1000;
// Relative difference where mmse > 1e-15 (below, the lab drops weights < 1e-22: absolute error ≤ N·1e-22·diam²).
let worst = 0, worstAbs = 0;
jsMmse.forEach((v, i) => {
  worstAbs = Math.max(worstAbs, Math.abs(v - py.mmse[i]!));
  if (py.mmse[i]! > 1e-15) worst = Math.max(worst, Math.abs(v - py.mmse[i]!) / py.mmse[i]!);
});
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}; 1-min load before the run ${load}`);
console.log(`workload: MMSE curve, ${k} λ in [${LAMBDA_MIN}, ${LAMBDA_MAX}], ${n} digits (d = ${d}), ${m} Monte Carlo queries (common random numbers)`);
console.log(`InfoDiff CPU path (float64, ${threads} worker threads): setup ${jsSetup.toFixed(2)} s, curve ${jsCurve.toFixed(2)} s, total ${(jsSetup + jsCurve).toFixed(2)} s`);
console.log(`NumPy peer (BLAS GEMMs, vectorised over queries):   setup ${py.setup_s.toFixed(2)} s, curve ${py.curve_s.toFixed(2)} s, total ${(py.setup_s + py.curve_s).toFixed(2)} s`);
console.log(`time ratio InfoDiff / NumPy: ${((jsSetup + jsCurve) / (py.setup_s + py.curve_s)).toFixed(2)}×`);
console.log(`mmse curves: largest relative difference ${worst.toExponential(2)} (where mmse > 1e-15), largest absolute ${worstAbs.toExponential(2)}`);
if (process.env.BENCH_DEBUG) jsMmse.forEach((v, i) => console.log(lambdas[i], v, py.mmse[i]));
