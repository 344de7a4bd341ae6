import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeFinals, type VariantSummary } from '../../src-shared/experiment/aggregate';
import { finalsCsv, stepsCsv } from '../../src-shared/experiment/csv';
import { APP_VERSION } from '../appInfo';
import { tileGridPng, type Tile } from '../output/png';
import type { ExperimentResult } from '../service/experimentRun';

const GRID_SEEDS = 16;

function imageShape(result: ExperimentResult): { height: number; width: number } {
  const data = result.config.data;
  return data.kind === 'digits' ? { height: 28, width: 28 } : { height: data.height, width: data.width };
}

/**
 * Writes a run's files into `dir`: config.json (the validated config, defaults filled, with its hash
 * and the app version), steps.csv and finals.csv (tidy), summary.json (mean ± 95% CI per variant and
 * paired differences), and PNG sample grids (one per variant, and panels: reference then each variant).
 */
export function writeRunOutputs(dir: string, result: ExperimentResult): { files: string[]; summary: VariantSummary[] } {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    files.push(name);
  };
  const meta = { appVersion: APP_VERSION, configHash: result.configHash, backend: result.backend, status: result.outcome.status, runIds: result.runIds, experimentId: result.experimentId };
  write('config.json', JSON.stringify({ ...result.config, _meta: meta }, null, 2) + '\n');
  write('steps.csv', stepsCsv(result.variants, result.steps));
  write('finals.csv', finalsCsv(result.variants, result.finals));
  const summary = summarizeFinals(result.variants, result.finals);
  write('summary.json', JSON.stringify({ ...meta, elapsedMs: Math.round(result.elapsedMs), variants: summary }, null, 2) + '\n');
  const { height, width } = imageShape(result);
  if (height >= 4 && width >= 4 && result.seedResults.length > 0) {
    const seeds = result.seedResults.slice(0, GRID_SEEDS);
    const size = height * width;
    const tile = (values: Float64Array): Tile => ({ height, width, values: values.subarray(0, size) });
    result.variants.forEach((variant, v) => {
      write(`samples-${variant.id}.png`, tileGridPng(seeds.map((s) => tile(s.finalImages[v]!)), { columns: Math.min(8, seeds.length) }));
    });
    const panels = seeds.slice(0, 8).flatMap((s) => [referenceTile(result, s.seed, tile), ...result.variants.map((_, v) => tile(s.finalImages[v]!))]);
    write('panels.png', tileGridPng(panels, { columns: result.variants.length + 1 }));
  }
  return { files, summary };
}

/** The reference image of a seed for the panels (blank when the data have none). */
function referenceTile(result: ExperimentResult, seed: number, tile: (v: Float64Array) => Tile): Tile {
  const reference = result.seedResults.find((s) => s.seed === seed)?.reference;
  return tile(reference ?? new Float64Array(result.seedResults[0]!.finalImages[0]!.length).fill(0.5));
}
