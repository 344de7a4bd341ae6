import { describe, expect, it } from 'vitest';
import { bandwidthFromMmse, blockMasses, createPotentialsMeter, gaussianMmseCurve, makePartition, potentials, projectImage, scaleClip, toleranceBand } from '../../src-shared';
import { expectClose } from '../support/close';

// The worked example of coarse-kl.md §7 through the library entry, with the argument orders that
// docs/api.md promises scripts (K = 4 blocks of 2 pixels).
const labels = [0, 0, 1, 1, 2, 2, 3, 3];
const p = [0.01, 0.04, 0.1, 0.1, 0.05, 0.25, 0.2, 0.25];
const m = [0.15, 0.25, 0.3, 0.3];

describe('src-shared/index.ts: the documented library entry', () => {
  it('blockMasses(p, labels, K), toleranceBand(m, δ, mode), scaleClip(w, L, U) give the worked example', () => {
    const w = blockMasses(p, labels, 4);
    expectClose(w, [0.05, 0.2, 0.3, 0.45], { relTol: 1e-15 });
    const { lower, upper } = toleranceBand(m, 0.05, 'absolute');
    expectClose(lower, [0.1, 0.2, 0.25, 0.25], { relTol: 1e-15 });
    expectClose(upper, [0.2, 0.3, 0.35, 0.35], { relTol: 1e-15 });
    expectClose(scaleClip(w, lower, upper), [0.1, 0.22, 0.33, 0.35], { relTol: 1e-14 });
  });

  it('projectImage(x, labels, K, L, U) returns the projected image and potentials(…) the four potentials in nats', () => {
    const { lower, upper } = toleranceBand(m, 0.05, 'absolute');
    const x = p.map((v) => 3 * v); // an image whose distribution is p (Z = 3)
    expectClose(projectImage(x, labels, 4, lower, upper), [0.02, 0.08, 0.11, 0.11, 0.055, 0.275, 0.155556, 0.194444].map((v) => 3 * v), { absTol: 3e-6 });
    const pot = potentials(x, labels, 4, m, lower, upper);
    expectClose(pot.phiNats, 0.085197, { absTol: 1e-6 });
    expectClose(pot.vNats, 0.168097, { absTol: 1e-6 });
    expectClose(pot.vDeltaNats, 0.115976, { absTol: 1e-6 });
    expectClose(pot.vDeltaCoarseNats, 0.030779, { absTol: 1e-6 });
    expect(projectImage(x, labels, 4, lower, upper)).toBeInstanceOf(Float64Array);
  });

  it('exports the potentials meter, the schedules and the information instruments: the Gaussian I-MMSE identity R(λ) = dI/dλ holds through the entry', () => {
    const { lower, upper } = toleranceBand(m, 0.05, 'absolute');
    const meter = createPotentialsMeter(makePartition(1, 8, labels), m, lower, upper);
    expect(meter.measure(Float64Array.from(p, (v) => 3 * v))).toEqual(potentials(p.map((v) => 3 * v), labels, 4, m, lower, upper));
    // X₀ ~ N(0, 2): I(γ) = ½ ln(1 + 2γ), so dI/dλ at λ = ln γ is ½ γ m(γ) = R(λ) (central difference, h = 1e-4: error O(h²)).
    const curve = gaussianMmseCurve(2);
    const lambda = 0.3, h = 1e-4;
    const slope = (curve.informationNats!(Math.exp(lambda + h)) - curve.informationNats!(Math.exp(lambda - h))) / (2 * h);
    expectClose(bandwidthFromMmse(lambda, curve.mmse(Math.exp(lambda))), slope, { relTol: 1e-8 });
  });
});
