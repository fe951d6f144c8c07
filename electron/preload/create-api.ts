/**
 * The renderer's `window.quotaApi` over IPC, derived from the operations table: one named function per
 * operation and one `on…` per push (electron/fiddle's preload shape). It never exposes ipcRenderer, a
 * channel name or a generic invoke, and subscription listeners receive the payload only, never the IPC
 * event (which carries `sender`).
 */
import type { IpcRenderer } from 'electron';
import type { ApiResult, QuotaApi } from '../../shared/ipc/contract';
import {
  createEventSubscriptions,
  createOperationClient,
  type EventSubscriptions,
  type EventTable,
  type OperationHandlers,
  type OperationTable,
} from '../../shared/ipc/operation';
import { EVENTS, OPERATIONS } from '../../shared/ipc/operations';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds the QuotaApi object the preload hands to contextBridge. */
export function createIpcQuotaApi(ipc: IpcRendererLike): QuotaApi {
  return createIpcClient(ipc, OPERATIONS, EVENTS);
}

/** A client for any operations and events tables (tests extend the product's). */
export function createIpcClient<T extends OperationTable, E extends EventTable>(
  ipc: IpcRendererLike,
  table: T,
  events: E,
): OperationHandlers<T> & EventSubscriptions<E> {
  return {
    ...createOperationClient(
      table,
      (operation, args) => ipc.invoke(operation.channel, ...args) as Promise<ApiResult<unknown>>,
    ),
    ...createEventSubscriptions(events, (event, listener) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(event.channel, wrapped);
      return () => {
        ipc.removeListener(event.channel, wrapped);
      };
    }),
  };
}
