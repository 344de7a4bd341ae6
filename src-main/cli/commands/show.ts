import type { FinalMetrics } from '../../../src-shared/experiment/records';
import { DATA_DIR_OPTION, formatBytes, formatLocalTime, formatMetric, isoTime, withStore } from '../../store/cliSupport';
import type { Store } from '../../store/store';
import type { RunRecord } from '../../store/types';
import { parseCommand } from '../args';
import { renderTable } from '../table';
import type { CliCommand, CliIo } from '../types';

const USAGE = 'infodiff show ID [--json] [--steps] [--data-dir DIR]   (ID: a run id or its first 4+ characters)';

const OPTIONS = { json: { type: 'boolean' }, steps: { type: 'boolean' }, ...DATA_DIR_OPTION } as const;

/** `infodiff show ID`: everything stored about one run: provenance, config, finals per seed, artifacts (and, with --steps, its step series). */
export const showCommand: CliCommand = async (argv, io) => {
  const parsed = parseCommand(argv, io, { usage: USAGE, options: OPTIONS, positionals: { min: 1, max: 1, noun: 'run id' } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withStore(io, values['data-dir'], (store) => {
    const run = store.getRun(store.resolveRunId(positionals[0]!))!;
    if (values.json) io.stdout(`${JSON.stringify(toJson(store, run, values.steps === true), null, 2)}\n`);
    else printRun(io, store, run, values.steps === true);
    return 0;
  });
};

function toJson(store: Store, run: RunRecord, withSteps: boolean) {
  return {
    ...run,
    created: isoTime(run.created),
    started: isoTime(run.started),
    finished: isoTime(run.finished),
    trashed: isoTime(run.trashed),
    finals: store.getFinals(run.id),
    artifacts: store.listArtifacts(run.id).map((a) => ({ ...a, created: isoTime(a.created) })),
    ...(withSteps ? { steps: store.getSteps(run.id) } : {}),
  };
}

function printRun(io: CliIo, store: Store, run: RunRecord, withSteps: boolean): void {
  const fields: [string, string][] = [
    ['id', run.id],
    ['name', run.name || '-'],
    ['experiment', `${run.experiment} (${run.experimentId})${run.preset === null ? '' : `, preset ${run.preset}`}`],
    ['tags', run.tags.join(', ') || '-'],
    ['variant', `${run.variant}${run.deltaTol === null ? '' : `, δ = ${run.deltaTol}`}`],
    ['seeds', run.seeds.join(' ')],
    ['status', `${run.status}${run.trashed === null ? '' : ` (in the trash since ${formatLocalTime(run.trashed)})`}`],
    ...(run.error === null ? [] : [['error', run.error] as [string, string]]),
    ['created', formatLocalTime(run.created)],
    ['finished', formatLocalTime(run.finished)],
    ['backend', run.backend],
    ['app version', run.appVersion],
    ['config hash', run.configHash],
    ['data hash', run.dataHash ?? '-'],
    ['timings', run.timings === null ? '-' : Object.entries(run.timings).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['steps stored', String(run.stepCount)],
    ...(run.originId === null ? [] : [['imported from', run.originId] as [string, string]]),
    ...(run.notes === '' ? [] : [['notes', run.notes] as [string, string]]),
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  io.stdout(fields.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
  printFinals(io, store.getFinals(run.id));
  const artifacts = store.listArtifacts(run.id);
  if (artifacts.length > 0) {
    io.stdout(`\nartifacts\n${renderTable(['id', 'name', 'seed', 'step', 'dtype', 'shape', 'size'], artifacts.map((a) => [
      a.id.slice(0, 8), a.name, a.seed === null ? '-' : String(a.seed), a.step === null ? '-' : String(a.step), a.dtype, a.shape.join('×'), formatBytes(a.byteLength),
    ]))}`);
  }
  if (withSteps) {
    const steps = store.getSteps(run.id);
    io.stdout(`\nsteps\n${renderTable(['seed', 'step', 'sigma', 'e_inf', 'e_1', 'V_delta nats', 'proj cost nats', 'MSE'], steps.map((s) => [
      String(s.seed), String(s.step), formatMetric(s.sigma), formatMetric(s.eInf), formatMetric(s.e1), formatMetric(s.vDeltaNats), formatMetric(s.projCostNats), formatMetric(s.mse),
    ]))}`);
  }
}

function printFinals(io: CliIo, finals: readonly FinalMetrics[]): void {
  if (finals.length === 0) return;
  const rows = finals.map((f) => [String(f.seed), formatMetric(f.eInf), formatMetric(f.e1), formatMetric(f.mse), formatMetric(f.psnr), formatMetric(f.vNats), formatMetric(f.vDeltaNats)]);
  io.stdout(`\nfinal metrics\n${renderTable(['seed', 'e_inf', 'e_1', 'MSE', 'PSNR dB', 'V nats', 'V_delta nats'], rows)}`);
}
