import type { InstrumentKind, RunRowData } from '../../src-shared/ipc/contract';
import { instrumentOfPreset } from './instrumentActions';
import type { LoadedInstrument } from './instruments';
import { runColorIndices } from './runColors';

/** One instrument experiment chosen for a comparison: its name in legends and its stable colour. */
export interface ComparedExperiment {
  readonly experimentId: string;
  /** The run's name (else the experiment's), unique among those compared. */
  readonly label: string;
  /** Palette index (runColors.ts, keyed by the experiment id: the same whichever of its runs is ticked). */
  readonly colorIndex: number;
}

/** A compared experiment once its runs and arrays are loaded. */
export interface ComparedInstrument extends ComparedExperiment {
  readonly loaded: LoadedInstrument;
}

/**
 * What Compare does with the ticked History runs: sampler runs go to the Compare view ('runs');
 * instrument runs of one kind from two or more experiments are overlaid in the Instruments view
 * ('instruments'); anything else is refused with a message saying what to tick.
 */
export type InstrumentSelection =
  | { readonly use: 'runs' }
  | { readonly use: 'instruments'; readonly kind: InstrumentKind; readonly experiments: readonly ComparedExperiment[] }
  | { readonly use: 'message'; readonly message: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reads the ticked runs of the History as a comparison. Instrument runs are grouped by experiment
 * (every run of one experiment is one curve set), oldest experiment first; labels are the run's
 * name or else the experiment's, with " (2)", " (3)" … added where two would read the same;
 * colours are runColorIndices of the experiment ids in that order.
 *
 * @example
 * instrumentSelection(rows, ['forward-of-a', 'bifurcation-of-a', 'forward-of-b'])
 * // → { use: 'instruments', kind: 'dynamics', experiments: [{ experimentId: 'a', label: 'two-points', colorIndex: 3 }, { experimentId: 'b', label: 'ring', colorIndex: 6 }] }
 * instrumentSelection(rows, ['forward-of-a']) // → { use: 'message', message: 'Tick runs of two or more dynamics experiments … ' }
 */
export function instrumentSelection(rows: readonly RunRowData[], selected: readonly string[]): InstrumentSelection {
  const chosen = new Set(selected);
  const ticked = rows.filter((r) => chosen.has(r.id));
  const instrumentRows = ticked.filter((r) => instrumentOfPreset(r.preset) !== null);
  if (instrumentRows.length === 0) return { use: 'runs' };
  const samplerRuns = ticked.length - instrumentRows.length;
  if (samplerRuns > 0) return { use: 'message', message: `Compare runs of one kind: ${plural(samplerRuns, 'sampler run')} and ${plural(instrumentRows.length, 'instrument run')} are ticked. Untick one kind.` };
  const byExperiment = new Map<string, RunRowData[]>();
  for (const row of [...instrumentRows].sort((a, b) => a.created - b.created)) byExperiment.set(row.experimentId, [...(byExperiment.get(row.experimentId) ?? []), row]);
  const groups = [...byExperiment.values()];
  const kinds = [...new Set(groups.map((g) => instrumentOfPreset(g[0]!.preset)!))];
  if (kinds.length > 1) {
    const counts = kinds.map((k) => `${k} (${plural(groups.filter((g) => g[0]!.preset === k).length, 'experiment')})`);
    return { use: 'message', message: `Compare instrument runs of one kind: ${counts.join(' and ')} are ticked. Tick runs of one instrument only.` };
  }
  const kind = kinds[0]!;
  if (groups.length < 2) return { use: 'message', message: `Tick runs of two or more ${kind} experiments to compare them: the ${plural(instrumentRows.length, 'run')} ticked belong to one experiment (“${groups[0]![0]!.experiment}”).` };
  const colors = runColorIndices(groups.map((g) => ({ id: g[0]!.experimentId, variant: kind })));
  const seen = new Map<string, number>();
  const experiments = groups.map((g) => {
    const base = g.find((r) => r.name !== '')?.name ?? g[0]!.experiment;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { experimentId: g[0]!.experimentId, label: n === 1 ? base : `${base} (${n})`, colorIndex: colors.get(g[0]!.experimentId)! };
  });
  return { use: 'instruments', kind, experiments };
}
