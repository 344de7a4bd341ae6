/**
 * Benchmark: do the state kernels pay off at the paper toy's size? One step of the paper-toy workload
 * touches R = 256 lanes (64 seeds × 4 variants) of P = 1024 pixels: the affine DDPM update and the
 * block-mass projection (K = 16). Each is timed per call on the float64 CPU path (the reference's own
 * functions) and as gpu.js kernels (f32 conversion, dispatch and readback included), plus an empty
 * kernel call for the bare per-call overhead. Medians of --repeat calls after a warm-up.
 *
 * Usage: npx tsx test/bench/engine-kernels.bench.mts [--repeat 30] [--backends webasm-threaded,webasm-simd]
 */
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { probeBackends, unavailableReason } from '../../src-main/engine/backend';
import { createGpuContext, GPU_BACKENDS, type GpuBackend } from '../../src-main/engine/gpu/context';
import { createGpuBlockKernels } from '../../src-main/engine/gpu/masses';
import { createGpuUpdateKernels } from '../../src-main/engine/gpu/update';
import { gridPartition } from '../../src-shared/coarse/partition';
import { createProjector } from '../../src-shared/coarse/projection';
import { toleranceBand } from '../../src-shared/coarse/tolerance';
import { affineUpdate } from '../../src-shared/diffusion/samplers/update';
import { CounterRng } from '../../src-shared/math/rng';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '30' }, backends: { type: 'string', default: 'webasm-threaded,webasm-simd' } } });
const repeat = Number(values.repeat);
const R = 256, P = 1024;
const partition = gridPartition(32, 32, 4, 4);
const K = partition.K;
const rng = new CounterRng(3, 0);
const xs = Float64Array.from({ length: R * P }, () => rng.nextNormal());
const denoised = Float64Array.from({ length: R * P }, () => rng.nextUniform());
const z = Float64Array.from({ length: R * P }, () => rng.nextNormal());
const keep = new Float64Array(R).fill(0.98), scale = new Float64Array(R).fill(0.1);
const band = toleranceBand(new Float64Array(K).fill(1 / K), 0.002, 'absolute');
const lower = new Float64Array(R * K), upper = new Float64Array(R * K);
for (let r = 0; r < R; r++) [lower.set(band.lower, r * K), upper.set(band.upper, r * K)];
const positive = xs.map((v) => Math.abs(v) + 0.1);

async function time(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const projectors = Array.from({ length: R }, () => createProjector(partition, band.lower, band.upper));
const cpuUpdate = await time(() => {
  for (let r = 0; r < R; r++) affineUpdate(xs.subarray(r * P, (r + 1) * P), denoised.subarray(r * P, (r + 1) * P), 0.98, { scale: 0.1, z: z.subarray(r * P, (r + 1) * P) });
});
const cpuProject = await time(() => {
  const copy = positive.slice();
  for (let r = 0; r < R; r++) projectors[r]!.projectInPlace(copy.subarray(r * P, (r + 1) * P));
});
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} threads; node ${process.version}`);
console.log(`workload: one paper-toy step, ${R} lanes × ${P} pixels, K = ${K}; median of ${repeat} calls, ms`);
console.log(`cpu-f64: affine update ${cpuUpdate.toFixed(2)}, projection ${cpuProject.toFixed(2)}`);

const probe = await probeBackends();
for (const name of values.backends.split(',')) {
  const missing = GPU_BACKENDS.includes(name as GpuBackend) ? unavailableReason(name as GpuBackend, probe) : 'not a gpu.js backend';
  if (missing !== null) {
    console.log(`${name}: not run: ${missing}`);
    continue;
  }
  const ctx = createGpuContext(name as GpuBackend);
  const empty = ctx.gpu.createKernel(function () { return 0; }, ctx.settings([1]));
  const update = createGpuUpdateKernels(ctx, P, R);
  const blocks = createGpuBlockKernels(ctx, partition, R);
  const bare = await time(() => empty());
  const gpuUpdate = await time(() => update.affine(xs, denoised, z, { keep, scale }));
  const gpuProject = await time(() => blocks.project(positive, R, lower, upper));
  console.log(`${name} f32: empty kernel ${bare.toFixed(2)}, affine update ${gpuUpdate.toFixed(2)} (${(gpuUpdate / cpuUpdate).toFixed(1)}× the CPU), projection ${gpuProject.toFixed(2)} (${(gpuProject / cpuProject).toFixed(1)}× the CPU)`);
  await ctx.destroy();
}
