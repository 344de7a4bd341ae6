/**
 * Benchmark: main's event-loop delay while the engine runs an experiment. The run goes through
 * runExperiment with a real store (a temporary data dir), so main does what the app does: receives
 * records, writes them in batched transactions, writes finals and artifacts per seed. The delay is
 * sampled by perf_hooks.monitorEventLoopDelay (10 ms resolution) for the whole run; the goal is
 * p99 < 50 ms.
 *
 * Usage: npx tsx test/bench/lag.bench.mts [--preset paper-toy] [--seeds 16] [--steps 1000] [--threads 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runExperiment } from '../../src-main/service/experimentRun';
import { openStore } from '../../src-main/store';
import { parseConfig } from '../../src-shared/experiment/config';
import { presetConfig } from '../../src-shared/experiment/presets';

const { values } = parseArgs({ options: { preset: { type: 'string', default: 'paper-toy' }, seeds: { type: 'string', default: '16' }, steps: { type: 'string', default: '1000' }, threads: { type: 'string' } } });
const threads = values.threads ? Number(values.threads) : availableParallelism();
const base = presetConfig(values.preset);
const config = parseConfig({ ...base, seeds: { start: 0, count: Number(values.seeds) }, schedule: { ...base.schedule, steps: Number(values.steps) } });
const dataDir = mkdtempSync(join(tmpdir(), 'lag-bench-'));
const store = openStore({ dataDir });
const histogram = monitorEventLoopDelay({ resolution: 10 });
let progressEvents = 0;
histogram.enable();
const busyBefore = performance.eventLoopUtilization();
const result = await runExperiment(config, { store, threads, onProgress: () => progressEvents++ });
const busy = performance.eventLoopUtilization(busyBefore);
histogram.disable();
store.close();
rmSync(dataDir, { recursive: true, force: true });

// The histogram records the time between 10 ms timer ticks, so an idle loop reads 10 ms: subtract it.
const ms = (ns: number) => Math.max(0, ns / 1e6 - 10).toFixed(1);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}`);
console.log(`run: ${values.preset}, ${config.seeds.count} seeds × ${config.schedule.kind === 'custom' ? config.schedule.sigmas.length - 1 : config.schedule.steps} steps on ${result.backend}, stored; ${result.outcome.status} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
console.log(`main event-loop delay beyond the 10 ms sampling tick (monitorEventLoopDelay): p50 ${ms(histogram.percentile(50))} ms, p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms (goal p99 < 50 ms)`);
console.log(`main event-loop utilisation during the run: ${(100 * busy.utilization).toFixed(1)} % (the rest is idle, waiting for messages)`);
console.log(`progress events: ${progressEvents} in ${(result.elapsedMs / 1000).toFixed(1)} s = ${(progressEvents / (result.elapsedMs / 1000)).toFixed(1)} per second (goal ≤ 10)`);
