import { describe, expect, it } from 'vitest';
import { fnv1a, ownColorIndex, runColorIndices } from '../../../src-renderer/state/runColors';

describe('fnv1a(text)', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    // From the reference test suite (Fowler/Noll/Vo, isthe.com/chongo/tech/comp/fnv).
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('runColorIndices(runs)', () => {
  it('gives every run its own colour whatever else is shown, baselines black, indices in 1 … 7 otherwise', () => {
    const ids = Array.from({ length: 40 }, (_, k) => `run-${k}`);
    for (const id of ids) {
      expect(runColorIndices([{ id, variant: 'delta=0.01' }]).get(id)).toBe(ownColorIndex(id, 'delta=0.01'));
      expect(ownColorIndex(id, 'delta=0.01')).toBeGreaterThanOrEqual(1);
      expect(ownColorIndex(id, 'delta=0.01')).toBeLessThanOrEqual(7);
    }
    expect(ownColorIndex('x', 'unprojected')).toBe(0);
  });

  it('moves a later run off a colour an earlier one holds, and keeps seven runs distinct', () => {
    const ids = Array.from({ length: 7 }, (_, k) => `r${k}`);
    const colors = runColorIndices(ids.map((id) => ({ id, variant: 'delta=0.01' })));
    expect(new Set(colors.values()).size).toBe(7);
    const first = ids[0]!;
    expect(colors.get(first)).toBe(ownColorIndex(first, 'delta=0.01'));
  });
});
