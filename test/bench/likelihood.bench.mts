/**
 * Benchmark: runLikelihood on one worker against `threads` workers sharing its independent units
 * (discrete points, laws, bound models; src-main/info/likelihood.ts), same config, results checked equal.
 *
 * Usage: npx tsx test/bench/likelihood.bench.mts [--preset points-2d|digits-small|digits] [--threads 1,2] [--repeat 3]
 * `digits-small` is the digits preset at about a tenth of its size (1,100 digits: held-out on 1,000 train
 * and 100 test digits at 6 σ0, two discrete NLLs with 16 draws, 200 warm-start samples, slopes).
 * Prints the machine and its load, the median wall time per thread count and the speed-up.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { runLikelihood } from '../../src-main/info/likelihood';
import { parseLikelihoodConfig, type LikelihoodConfig } from '../../src-shared/info/config';
import { LIKELIHOOD_PRESETS, likelihoodPreset } from '../../src-shared/info/presets';

const { values } = parseArgs({ options: { preset: { type: 'string', default: 'digits-small' }, threads: { type: 'string', default: '1,2' }, repeat: { type: 'string', default: '3' } } });
const threadCounts = values.threads.split(',').map(Number);
const repeat = Number(values.repeat);

function configOf(name: string): LikelihoodConfig {
  if (name !== 'digits-small') return likelihoodPreset(name);
  const digits = LIKELIHOOD_PRESETS.digits;
  return parseLikelihoodConfig({
    ...digits, name: 'digits-small', data: { kind: 'digits', count: 1100 },
    discrete: { ...digits.discrete, rule: { kind: 'monte-carlo', draws: 16, seed: 0 } },
    heldOut: { ...digits.heldOut, sigma0: { min: 0.02, max: 1, count: 6 }, trainCount: 1000, testCount: 100 },
  });
}

const config = configOf(values.preset);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} threads, node ${process.version}; preset ${values.preset}`);
let reference: unknown = null;
const medians = new Map<number, number>();
for (const threads of threadCounts) {
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const load = loadavg()[0]!.toFixed(2);
    const run = await runLikelihood(config, { threads });
    if (run.status !== 'completed') throw new Error(`run ${run.status}: ${run.error ?? ''}`);
    if (reference === null) reference = run.result;
    else if (!isDeepStrictEqual(run.result, reference)) throw new Error(`threads ${threads}: result differs from the first run`);
    times.push(run.elapsedMs);
    console.log(`threads ${threads}, run ${r + 1}: ${(run.elapsedMs / 1000).toFixed(2)} s (load average ${load}) on ${run.backend}`);
  }
  times.sort((a, b) => a - b);
  medians.set(threads, times[Math.floor(times.length / 2)]!);
}
const base = medians.get(threadCounts[0]!)!;
for (const [threads, ms] of medians) console.log(`threads ${threads}: median ${(ms / 1000).toFixed(2)} s, speed-up ${(base / ms).toFixed(2)}×`);
console.log('results identical across thread counts: yes');
