/**
 * Benchmark (a script, not a test): the float64 hot loops of the CPU path, JavaScript against the
 * WebAssembly kernels the engine workers install (src-main/engine/wasm/f64Kernels.ts, identical
 * results bit for bit), on the paper toy's sizes (32 × 32, K = 16) and a 128 × 128 image; then one
 * paper-toy seed (1000 steps, 4 variants) through runSeed in JavaScript, with the kernels, and with the
 * kernels and the toy lane stepper on their memory (what an engine worker runs: wasm/toyLaneStepper.ts),
 * each in a fresh process (as in an engine worker, they stay installed for the process's life), alternated.
 * Prints the median µs per call (or ms per seed) and the ratio. CPU time of this thread, so that
 * other load on the machine inflates both sides alike.
 *
 * Run: npx tsx test/bench/f64-kernels.bench.ts        (results: docs/performance-engine.md)
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createF64Kernels } from '../../src-main/engine/wasm/f64Kernels';
import { createToyLaneStepper } from '../../src-main/engine/wasm/toyLaneStepper';
import { installLaneStepper } from '../../src-shared/experiment/laneStepper';
import { measureImage } from '../../src-shared/coarse/masses';
import { gridPartition } from '../../src-shared/coarse/partition';
import { affineUpdate } from '../../src-shared/diffusion/samplers/update';
import { parseConfig } from '../../src-shared/experiment/config';
import { resolvePlan } from '../../src-shared/experiment/plan';
import { presetConfig } from '../../src-shared/experiment/presets';
import { runSeed } from '../../src-shared/experiment/runSeed';
import { installHotKernels } from '../../src-shared/math/hotKernels';
import { CounterRng, fillStandardNormal } from '../../src-shared/math/rng';

const created = createF64Kernels();
if (created === null) throw new Error('WebAssembly is not available in this runtime');
const kernels = created;
const cpuMs = () => process.cpuUsage().user / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median CPU µs per call of f over `rounds` rounds of `calls` calls (after one warm-up round). */
function perCall(f: (i: number) => void, calls: number, rounds = 9): number {
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const start = cpuMs();
    for (let i = 0; i < calls; i++) f(i);
    if (r > 0) times.push(((cpuMs() - start) * 1000) / calls);
  }
  return median(times);
}

function row(label: string, js: number, wasm: number): void {
  console.log(`${label.padEnd(46)} JS ${js.toFixed(2).padStart(8)} µs   wasm ${wasm.toFixed(2).padStart(8)} µs   ×${(js / wasm).toFixed(2)}`);
}

function kernelRows(): void {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}`);
  for (const side of [32, 128]) {
    const n = side * side;
    const rng = new CounterRng(1, 0);
    const image = () => Float64Array.from({ length: n }, () => rng.nextUniform() - 0.1);
    const [x, d, z] = [image(), image(), image()];
    const partition = gridPartition(side, side, 4, 4);
    const masses = new Float64Array(16);
    const calls = 200_000 / side;
    console.log(`\n${side} × ${side} (${n} pixels):`);
    row('fillStandardNormal', perCall((i) => fillStandardNormal(z, { seed: 1, sample: 0, step: i, stream: 0 }), calls), perCall((i) => kernels.fillStandardNormal(z, { seed: 1, sample: 0, step: i, stream: 0 }), calls));
    row('affineUpdate (with noise, new array)', perCall(() => affineUpdate(x, d, 0.99, { scale: 0.01, z }), calls), perCall(() => kernels.affineUpdate(x, d, 0.99, { scale: 0.01, z }), calls));
    row('measureImage (K = 16)', perCall(() => measureImage(x, partition, masses), calls), perCall(() => kernels.measureImage(x, partition, masses), calls));
  }
}

type SeedKind = 'js' | 'wasm' | 'stepper';

/** CPU ms per paper-toy seed in a fresh process with (or without) the kernels (and the lane stepper) installed for its whole life. */
function seedMsInChild(kind: SeedKind): number {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--seed-only', kind], { encoding: 'utf8' });
  return Number(out.trim());
}

function seedOnly(kind: SeedKind): void {
  const paperToy = presetConfig('paper-toy');
  const plan = resolvePlan(parseConfig({ ...paperToy, seeds: { start: 0, count: 4 }, frames: { count: 0, seeds: 0 } }));
  if (kind !== 'js') installHotKernels(kernels);
  if (kind === 'stepper') installLaneStepper(createToyLaneStepper(kernels));
  runSeed(plan, 9);
  const start = cpuMs();
  for (let seed = 0; seed < 3; seed++) runSeed(plan, seed);
  console.log(((cpuMs() - start) / 3).toFixed(1));
}

const only = process.argv.indexOf('--seed-only');
if (only >= 0) {
  const kind = process.argv[only + 1];
  seedOnly(kind === 'wasm' || kind === 'stepper' ? kind : 'js');
} else {
  kernelRows();
  const js: number[] = [];
  const wasm: number[] = [];
  const stepper: number[] = [];
  for (let r = 0; r < 3; r++) {
    js.push(seedMsInChild('js'));
    wasm.push(seedMsInChild('wasm'));
    stepper.push(seedMsInChild('stepper'));
  }
  console.log(`\npaper-toy seed (1000 steps × 4 variants, runSeed; fresh process each, installed for its life; CPU ms)`);
  console.log(`  JS                      ${median(js).toFixed(0)} ms (${js.join(', ')})`);
  console.log(`  wasm kernels            ${median(wasm).toFixed(0)} ms (${wasm.join(', ')})   ×${(median(js) / median(wasm)).toFixed(2)}`);
  console.log(`  kernels + lane stepper  ${median(stepper).toFixed(0)} ms (${stepper.join(', ')})   ×${(median(js) / median(stepper)).toFixed(2)}`);
}
