import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import type { EventChannel, EventPayload, InvokeChannel, IpcResult } from '../../src-shared/ipc/contract';
import type { Bindings } from '../service/bindings';
import { dispatch, failure } from '../service/dispatch';
import type { LabEvents } from '../service/events';

export interface IpcBindingOptions {
  readonly bindings: Bindings;
  /** The sender check (trust.ts): our window's top frame on our origin. */
  readonly isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * The only caller of ipcMain.handle: binds every invoke channel of the contract. Each message is
 * refused with 'forbidden' unless its sender passes the check, then validated and answered by
 * dispatch (schema parse → 'invalid-request'; handler errors as data). Returns the unbinding.
 */
export function bindIpc(ipcMain: IpcMain, { bindings, isTrustedSender, log }: IpcBindingOptions): () => void {
  const channels = Object.keys(INVOKE_CHANNELS) as InvokeChannel[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, raw: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event)) {
        log(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return failure('forbidden', `${channel}: refused: the sender is not this app's window`);
      }
      return dispatch(bindings, channel, raw, log);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Sends every service event to the window's renderer (when there is one); returns the unsubscription. */
export function forwardEvents(events: LabEvents, target: () => WebContents | undefined): () => void {
  return events.onAny(<C extends EventChannel>(channel: C, payload: EventPayload<C>) => {
    const contents = target();
    if (contents !== undefined && !contents.isDestroyed()) contents.send(channel, payload);
  });
}
