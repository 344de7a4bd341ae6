import { createPrunedEmpiricalDenoiser } from '../../src-shared/diffusion/denoisers/pruned';
import { CounterRng } from '../../src-shared/math/rng';
import type { EngineKind } from './backend';
import { createGpuContext } from './gpu/context';
import { createGpuEmpiricalDenoiser } from './gpu/empirical';

/** The micro-benchmark's workload: n points in [0, 1]^d, B queries at σ = 20 (nothing prunable: the dense cost). */
const WORKLOAD = { n: 1024, d: 256, rows: 16, sigma: 20, repeats: 3 } as const;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * Times one batched empirical-denoiser evaluation (n = 1024 points of d = 256, 16 rows at σ = 20,
 * where no point can be skipped) on each kind and returns the median of three calls after a warm-up,
 * in ms. `reference` and `pruned` run the float64 TypeScript path (the pruned one, which equals the
 * reference's arithmetic when nothing is skipped, 4 × 4-blocked); GPU kinds run the gpu.js pipeline.
 * About 1 s in all on a 2-core machine; used only when asked (`probeBackends({ benchmark: true })`).
 *
 * @example
 * await benchmarkKinds(['webasm-threaded', 'pruned']) // → { 'webasm-threaded': 41.2, pruned: 18.7 }
 */
export async function benchmarkKinds(kinds: readonly EngineKind[]): Promise<Partial<Record<EngineKind, number>>> {
  const { n, d, rows, sigma, repeats } = WORKLOAD;
  const rng = new CounterRng(0xbe7c, 0);
  const data = Float64Array.from({ length: n * d }, () => rng.nextUniform());
  const xs = Float64Array.from({ length: rows * d }, () => rng.nextUniform() + sigma * rng.nextNormal());
  const sigmas = new Float64Array(rows).fill(sigma);
  const timings: Partial<Record<EngineKind, number>> = {};
  for (const kind of kinds) {
    let run: () => Promise<unknown>;
    let release = async () => {};
    if (kind === 'reference' || kind === 'pruned') {
      const denoiser = createPrunedEmpiricalDenoiser(data, n, d, { epsilon: 1e-12, rank: 16 });
      run = async () => denoiser.denoiseRows(xs, sigmas);
    } else {
      const ctx = createGpuContext(kind);
      const denoiser = createGpuEmpiricalDenoiser(ctx, data, n, d, rows);
      run = () => denoiser.denoiseRows(xs, sigmas);
      release = async () => {
        await denoiser.destroy();
        await ctx.destroy();
      };
    }
    try {
      await run();
      const times: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      timings[kind] = median(times);
    } finally {
      await release();
    }
  }
  return timings;
}
