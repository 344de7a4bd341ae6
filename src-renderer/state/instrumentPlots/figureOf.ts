import type { FigureSpec } from '../figureSpec';
import type { LoadedInstrument } from '../instruments';
import { dynamicsFigure } from './dynamics';
import { likelihoodFigure } from './likelihood';
import { sweepFigure } from './schedules';

/**
 * The main figure of a loaded instrument (what Ctrl+Shift+E exports): the dynamics or likelihood
 * figure, or a comparison's KL-against-K sweep; null when the run stored no curves.
 *
 * @example
 * instrumentFigure(loaded)?.name // → 'two-points information dynamics'
 */
export function instrumentFigure(loaded: LoadedInstrument): FigureSpec | null {
  switch (loaded.kind) {
    case 'schedules':
      return loaded.runs.some((r) => r.artifacts['sweep'] !== undefined) ? sweepFigure(loaded) : null;
    case 'dynamics':
      return dynamicsFigure(loaded);
    case 'likelihood':
      return likelihoodFigure(loaded);
  }
}
