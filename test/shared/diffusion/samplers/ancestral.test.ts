import { describe, expect, it } from 'vitest';
import { ancestralSplit } from '../../../../src-shared/diffusion/samplers/ancestral';
import { expectClose } from '../../../support/close';

const pairs: [number, number][] = [[80, 60], [2, 1], [1, 0.999], [0.5, 0.01], [0.002, 0]];

describe('ancestralSplit(σ, σ′, η)', () => {
  it('splits σ′² = σ_down² + σ_up² (8 ulps) for η ∈ {0, 0.3, 1, 5}', () => {
    for (const [sigma, sigmaNext] of pairs) {
      for (const eta of [0, 0.3, 1, 5]) {
        const { sigmaDown, sigmaUp } = ancestralSplit(sigma, sigmaNext, eta);
        expectClose(sigmaDown ** 2 + sigmaUp ** 2, sigmaNext ** 2, { relTol: 8 * Number.EPSILON });
        expect(sigmaUp).toBeLessThanOrEqual(sigmaNext);
      }
    }
  });

  it('gives (σ′, 0) at η = 0 and the DDPM posterior (σ′²/σ, σ′√(1 − σ′²/σ²)) at η = 1', () => {
    for (const [sigma, sigmaNext] of pairs) {
      expect(ancestralSplit(sigma, sigmaNext, 0)).toEqual({ sigmaDown: sigmaNext, sigmaUp: 0 });
      const { sigmaDown, sigmaUp } = ancestralSplit(sigma, sigmaNext, 1);
      if (sigmaNext === 0) {
        expect([sigmaDown, sigmaUp]).toEqual([0, 0]);
        continue;
      }
      // σ_down = √(σ′² − σ_up²) cancels by a factor σ²/σ′² (here ≤ 2,500); σ_up by σ/(σ − σ′) (≤ 1,000).
      expectClose(sigmaDown, (sigmaNext * sigmaNext) / sigma, { relTol: 8 * Number.EPSILON * (sigma / sigmaNext) ** 2 });
      expectClose(sigmaUp, sigmaNext * Math.sqrt(1 - (sigmaNext * sigmaNext) / (sigma * sigma)), { relTol: 8 * Number.EPSILON * (sigma / (sigma - sigmaNext)) });
    }
  });

  it('caps σ_up at σ′ for large η', () => {
    expect(ancestralSplit(2, 1, 100)).toEqual({ sigmaDown: 0, sigmaUp: 1 });
  });
});
