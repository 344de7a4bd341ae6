import { describe, expect, it } from 'vitest';
import { logSnrUniformSigmas } from '../../../src-shared/diffusion/schedules/logSnrUniform';
import { karrasSigmas } from '../../../src-shared/diffusion/schedules/karras';
import { makePartition } from '../../../src-shared/coarse/partition';
import { presetConfig } from '../../../src-shared/experiment/presets';
import { toyBlockImage } from '../../../src-shared/experiment/toyData';
import { builderReducer, initialBuilderState } from '../../../src-renderer/state/builder';
import { gridPartitionState, partitionReducer } from '../../../src-renderer/state/partition';
import { proportionsText, referenceImage, referenceMasses } from '../../../src-renderer/state/reference';
import { scheduleTrace } from '../../../src-renderer/state/schedulePlot';
import { expectClose } from '../../support/close';

const toy = builderReducer(initialBuilderState, { type: 'builder/loaded', config: presetConfig('paper-toy'), preset: 'paper-toy' });

describe('referenceImage(builder, partition) and referenceMasses', () => {
  it('the toy reference is the first seed’s block image, whose masses sum to 1', () => {
    const partition = gridPartitionState(32, 32, 4, 4);
    const reference = referenceImage(toy, partition)!;
    expect(Array.from(reference.pixels)).toEqual(Array.from(toyBlockImage(makePartition(32, 32, partition.labels), 0.1, 0.9, 1000)));
    const masses = referenceMasses(reference.pixels, partition, 'clip')!;
    expect(masses).toHaveLength(16);
    expectClose(masses.reduce((a, b) => a + b, 0), 1, { relTol: 16 * Number.EPSILON });
  });

  it('no reference without a valid partition, for GMM data, or for digits not fetched yet', () => {
    const cleared = partitionReducer(gridPartitionState(32, 32, 4, 4), { type: 'partition/cleared' });
    expect(referenceImage(toy, cleared)).toBeNull();
    const gmm = builderReducer(initialBuilderState, { type: 'builder/loaded', config: presetConfig('gmm-2d'), preset: 'gmm-2d' });
    expect(referenceImage(gmm, gridPartitionState(1, 2, 1, 2))).toBeNull();
    const digits = builderReducer(initialBuilderState, { type: 'builder/loaded', config: presetConfig('digits'), preset: 'digits' });
    expect(referenceImage(digits, gridPartitionState(28, 28, 4, 4))).toBeNull();
  });

  it('proportionsText keeps 6 significant digits', () => {
    expect(proportionsText(Float64Array.of(0.25, 1 / 3, 1e-7))).toBe('0.25, 0.333333, 1e-7');
  });
});

describe('scheduleTrace(spec)', () => {
  it('draws the schedule’s own σ_0 … σ_{N−1} (bit for bit) and λ = −2 ln σ', () => {
    const trace = scheduleTrace({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 18 });
    if ('error' in trace) throw new Error(trace.error);
    expect(trace.sigma.map((p) => p.y)).toEqual(Array.from(karrasSigmas(18, 0.002, 80, 7)).slice(0, 18));
    expect(trace.logSnr.map((p) => p.y)).toEqual(trace.sigma.map((p) => -2 * Math.log(p.y)));
    expect([trace.steps, trace.variancePreserving]).toEqual([18, false]);
  });

  it('log-SNR-uniform levels plot as a straight line: equal λ steps', () => {
    const trace = scheduleTrace({ kind: 'log-snr', sigmaMin: 0.01, sigmaMax: 10, steps: 10, variancePreserving: false });
    if ('error' in trace) throw new Error(trace.error);
    expect(trace.sigma.map((p) => p.y)).toEqual(Array.from(logSnrUniformSigmas(10, 0.01, 10)).slice(0, 10));
    const gaps = trace.logSnr.slice(1).map((p, i) => p.y - trace.logSnr[i]!.y);
    expectClose(gaps, new Array(gaps.length).fill(gaps[0]), { relTol: 1e-12 });
  });

  it('returns the builder’s reason when the schedule cannot be built', () => {
    expect(scheduleTrace({ kind: 'edm', sigmaMin: 80, sigmaMax: 0.002, rho: 7, steps: 18 })).toEqual({ error: expect.stringMatching(/sigmaMin/u) });
  });
});
