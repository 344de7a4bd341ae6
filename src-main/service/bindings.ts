import type { InvokeChannel, ParsedRequest, Response } from '../../src-shared/ipc/contract';
import type { LabService } from './labService';

export type Handler<C extends InvokeChannel> = (request: ParsedRequest<C>) => Response<C> | Promise<Response<C>>;

/** Every invoke channel and its handler; a channel missing here is a compile error. */
export type Bindings = { readonly [C in InvokeChannel]: Handler<C> };

/** The table every door uses: channel → the service method that answers it. */
export function bindingsOf(service: LabService): Bindings {
  return {
    'app:info': () => service.info(),
    'presets:list': () => service.presets(),
    'config:validate': (r) => service.validateConfig(r),
    'data:sample': (r) => service.datasetSample(r),
    'runs:start': (r) => service.startRun(r),
    'runs:cancel': (r) => service.cancelRun(r),
    'runs:active': () => service.activeRuns(),
    'runs:list': (r) => service.listRuns(r),
    'runs:get': (r) => service.getRun(r),
    'runs:steps': (r) => service.steps(r),
    'runs:finals': (r) => service.finals(r),
    'runs:artifacts': (r) => service.artifacts(r),
    'runs:artifact': (r) => service.artifact(r),
    'runs:blockMasses': (r) => service.blockMasses(r),
    'runs:update': (r) => service.updateRun(r),
    'runs:trash': (r) => service.trashRuns(r),
    'runs:restore': (r) => service.restoreRuns(r),
    'runs:purge': (r) => service.purgeRuns(r),
    'experiments:list': () => service.listExperiments(),
    'experiments:update': (r) => service.updateExperiment(r),
    'bundles:export': (r) => service.exportBundle(r),
    'bundles:import': (r) => service.importBundle(r),
    'partitions:list': () => service.listPartitions(),
    'partitions:save': (r) => service.savePartition(r),
    'partitions:get': (r) => service.getPartition(r),
    'partitions:update': (r) => service.updatePartition(r),
    'partitions:delete': (r) => service.deletePartition(r),
    'schedules:list': () => service.listSchedules(),
    'schedules:save': (r) => service.saveSchedule(r),
    'schedules:get': (r) => service.getSchedule(r),
    'schedules:update': (r) => service.updateSchedule(r),
    'schedules:delete': (r) => service.deleteSchedule(r),
    'instruments:presets': () => service.instrumentPresets(),
    'instruments:start': (r) => service.startInstrument(r),
    'instruments:cancel': (r) => service.cancelInstrument(r),
    'instruments:active': () => service.activeInstruments(),
    'figures:record': (r) => service.recordFigure(r),
    'figures:export': (r) => service.exportFigure(r),
    'figures:list': (r) => service.listFigures(r),
    'figures:delete': (r) => service.deleteFigure(r),
  };
}
