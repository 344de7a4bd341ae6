import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonResult } from '../../src-shared/schedules/compare';
import { curveCsv, ddpmCsv, diffCsv, klCsv, lossCurveRows, qualityCsv, schedulesCsv, sweepCsv } from '../../src-shared/schedules/csv';
import { APP_VERSION } from '../appInfo';
import { hashConfig } from '../store';
import { qualityFigures, scheduleFigure, sweepFigure } from './figures';
import { lineChartSvg } from './svgChart';

/** File-name-safe form of a figure name (delta=0.05 → delta-0.05). */
const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Writes a comparison's files into `dir`: config.json (validated config, hash, app version, run
 * ids), schedules.csv, kl.csv, sweep.csv, diff.csv, loss.csv (the curve LAS used, when tabulated),
 * quality.csv (with measure), ddpm.csv (with a trained DDPM: each grid on its timesteps), and SVG figures: schedule-K{K}.svg per K, sweep.svg, quality-*.svg.
 */
export function writeComparisonOutputs(dir: string, result: ComparisonResult, meta: Record<string, unknown> = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    files.push(name);
  };
  const extras = { deltaInformationNats: result.deltaInformationNats, initialisationNats: result.initialisationNats, rateConstant: result.rateConstant };
  write('config.json', JSON.stringify({ ...result.config, _meta: { appVersion: APP_VERSION, configHash: hashConfig(result.config), ...extras, ...meta } }, null, 2) + '\n');
  write('schedules.csv', schedulesCsv(result.runs));
  write('kl.csv', klCsv(result.runs));
  write('sweep.csv', sweepCsv(result));
  write('diff.csv', diffCsv(result.runs));
  const curve = lossCurveRows(result);
  if (curve) write('loss.csv', curveCsv(curve));
  if (result.quality.length > 0) write('quality.csv', qualityCsv(result.quality));
  if (result.config.ddpm) write('ddpm.csv', ddpmCsv(result.runs));
  for (const K of result.config.Ks) write(`schedule-K${K}.svg`, lineChartSvg(scheduleFigure(result, K)));
  write('sweep.svg', lineChartSvg(sweepFigure(result)));
  for (const { name, spec } of qualityFigures(result)) write(`${safe(name)}.svg`, lineChartSvg(spec));
  return files;
}
