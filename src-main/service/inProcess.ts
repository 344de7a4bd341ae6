import type { IpcResult, LabApi, Response } from '../../src-shared/ipc/contract';
import { bindingsOf } from './bindings';
import { dispatch } from './dispatch';
import type { LabService } from './labService';

/**
 * The contract over a LabService in this process (CLI, tests): the same validation and the same
 * IpcResult as the IPC and HTTP doors, without serialisation.
 */
export function createInProcessApi(service: LabService): LabApi {
  const bindings = bindingsOf(service);
  return {
    invoke: (channel, request) => dispatch(bindings, channel, request, service.log) as Promise<IpcResult<Response<typeof channel>>>,
    on: (channel, listener) => service.events.on(channel, listener),
  };
}
