/**
 * Stable colours per run, the same in every view: an index into the Okabe–Ito palette
 * (figures/style.ts). Unprojected baselines are black (index 0); every other run takes
 * 1 + (FNV-1a(run id) mod 7). When two runs shown together want the same colour, the later one (in
 * the order given: the views pass runs oldest first) takes the next free index, so a run keeps its
 * own colour unless an older run in the same view already has it.
 */

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units.
 *
 * @example
 * fnv1a('') // → 2166136261
 * fnv1a('a') // → 3826002220
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The palette index a run wants on its own: 0 for an unprojected baseline, else 1 + hash mod 7.
 *
 * @example
 * ownColorIndex('r-1', 'unprojected') // → 0
 */
export function ownColorIndex(runId: string, variant: string): number {
  return variant === 'unprojected' ? 0 : 1 + (fnv1a(runId) % 7);
}

/**
 * Colour indices for runs shown together: each its own index, collisions moved to the next free
 * one (cycling over 1 … 7; baselines share black, and beyond 8 runs colours repeat).
 *
 * @example
 * runColorIndices([{ id: 'a', variant: 'unprojected' }, { id: 'b', variant: 'unprojected' }]) // → Map { a → 0, b → 0 }
 */
export function runColorIndices(runs: readonly { readonly id: string; readonly variant: string }[]): Map<string, number> {
  const taken = new Set<number>();
  const out = new Map<string, number>();
  for (const run of runs) {
    let index = ownColorIndex(run.id, run.variant);
    if (index !== 0) {
      for (let probe = 0; probe < 7 && taken.has(index); probe++) index = 1 + (index % 7);
      taken.add(index);
    }
    out.set(run.id, index);
  }
  return out;
}
