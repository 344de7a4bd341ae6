import { isToyOracle, type ToyOracle } from '../../../src-shared/diffusion/denoisers/toyOracle';
import { ddpmCoefficients } from '../../../src-shared/diffusion/samplers/ddpm';
import { NOISE_STREAM } from '../../../src-shared/diffusion/types';
import { BugIndicatingError } from '../../../src-shared/errors';
import type { Lane } from '../../../src-shared/experiment/lanes';
import type { LaneStepperFactory } from '../../../src-shared/experiment/laneStepper';
import type { RunPlan } from '../../../src-shared/experiment/plan';
import type { ProjectionCost, Projector } from '../../../src-shared/coarse/projection';
import type { F64Kernels } from './f64Kernels';

/** Whether the toy stepper reproduces genericLaneStepper on this plan: DDPM, toy oracle, clip-mode projection of x_t only. */
function applies(plan: RunPlan, lanes: Lane[][]): boolean {
  const { config } = plan;
  return config.sampler.name === 'ddpm' && config.projection.on === 'state' && config.massMode === 'clip'
    && lanes.every((row) => row.every((lane) => isToyOracle(lane.denoiser) && lane.denoiser === row[0]!.denoiser
      && (lane.projector === null || ('partition' in lane.projector && (lane.projector as Projector).partition === plan.partition))));
}

/**
 * The paper toy's lane stepper on resident WebAssembly memory: every lane's state, each batch
 * sample's blurred reference, x̂₀, ξ and z live in the kernels' memory for the whole seed, so a step copies nothing and
 * allocates nothing. Per step and batch sample j, the same operations as genericLaneStepper with
 * ddpmStep and the toy oracle: ξ and z drawn at (seed, j, i) on the oracle's and the sampler's
 * streams, x̂₀ = blurred + σ_err·ξ once for every variant, x ← x̂₀ + keep·(x − x̂₀) + scale·z per lane
 * (ddpmCoefficients), then the projection onto the lane's box (projectImageInPlace's, here in
 * WebAssembly: affineProjectInPlace); the numbers are identical bit for bit
 * (test/main/engine/wasm/toyLaneStepper.test.ts). Returns null for any other plan.
 */
export function createToyLaneStepper(kernels: F64Kernels): LaneStepperFactory {
  return (plan, lanes) => {
    if (!applies(plan, lanes)) return null;
    const n = plan.height * plan.width;
    const rows = lanes.length;
    const variants = lanes[0]!.length;
    const perSample = 4 + variants;
    const arrays = kernels.residentArrays(rows * perSample, n);
    const generation = kernels.residentGeneration;
    const samples = lanes.map((row, j) => {
      const [blurred, denoised, xi, z] = arrays.slice(j * perSample, j * perSample + 4) as [Float64Array, Float64Array, Float64Array, Float64Array];
      const oracle = (row[0]!.denoiser as ToyOracle).toyOracle;
      blurred.set(oracle.blurred);
      // Without the error term x̂₀ is the blurred reference at every step.
      if (oracle.noiseStd === 0) denoised.set(blurred);
      row.forEach((lane, v) => {
        const x = arrays[j * perSample + 4 + v]!;
        x.set(lane.x);
        lane.x = x;
      });
      const { seed, sample } = row[0]!.noise;
      return {
        row, blurred, denoised, xi, z, noiseStd: oracle.noiseStd, noise: { scale: 0, z },
        xiAddress: { seed, sample, step: 0, stream: NOISE_STREAM.denoiser }, zAddress: { seed, sample, step: 0, stream: NOISE_STREAM.sampler },
      };
    });
    const { partition } = plan;
    const cost: ProjectionCost = { costNats: 0, displacement: 0 };
    const sigmas = plan.schedule.sigmas;
    const nSteps = sigmas.length - 1;
    const { projectFinal } = plan.config.projection;
    return {
      advance(i) {
        if (kernels.residentGeneration !== generation) throw new BugIndicatingError('toyLaneStepper: the kernels\' memory moved during a seed');
        const { keep, scale } = ddpmCoefficients(sigmas[i]!, sigmas[i + 1]!);
        const project = i === nSteps - 1 ? projectFinal : true;
        for (const sample of samples) {
          const { row, blurred, denoised, xi, z, noiseStd, xiAddress, zAddress } = sample;
          if (noiseStd > 0) {
            xiAddress.step = i;
            kernels.fillStandardNormal(xi, xiAddress);
            kernels.axpyInto(denoised, blurred, noiseStd, xi);
          }
          // z at (seed, j, i) on the sampler's stream, unless the step adds no noise
          const noise = scale > 0 ? sample.noise : undefined;
          if (noise !== undefined) {
            noise.scale = scale;
            zAddress.step = i;
            kernels.fillStandardNormal(z, zAddress);
          }
          for (const lane of row) {
            lane.denoised = denoised;
            const projector = lane.projector as Projector | null;
            if (projector === null || !project) {
              kernels.affineInPlace(lane.x, denoised, keep, noise);
              continue;
            }
            // The update and the masses the projection starts from in one pass, then the projection, in WebAssembly.
            kernels.affineProjectInPlace(lane.x, denoised, keep, noise, partition, projector.lower, projector.upper, cost);
            lane.costNats += cost.costNats;
            lane.displacement += cost.displacement;
          }
        }
      },
    };
  };
}
