/**
 * Registers one `ipcMain.handle` per operation of the operations table (shared/ipc/operations.ts). Every
 * call is checked: the sender must be our window (else refused), the arguments must pass the
 * operation's schemas (else `bad_argument`, the same rule as over HTTP), and a thrown error comes back
 * as `{ ok: false, error: { code, message } }`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import { checkTables, type OperationHandlers, type OperationTable } from '../../shared/ipc/operation';
import type { Logger } from '../../shared/ports/logger';
import { isTrustedSender, type SenderInfo, type TrustPolicy } from './trusted-sender';

export interface IpcHandlerDeps<T extends OperationTable> {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The operations to answer: shared/ipc/operations.ts's OPERATIONS (tests extend it). */
  table: T;
  api: OperationHandlers<NoInfer<T>>;
  /** Read on every call: windows come and go. */
  getTrustPolicy: () => TrustPolicy;
  logger: Logger;
}

/** What the trust check needs from an invoke event. */
export function getSenderInfo(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: Boolean(frame && frame === event.sender.mainFrame),
  };
}

/** Handles one invoke of operation `name`: trust, validation, call, error mapping. */
async function handleInvoke<T extends OperationTable>(
  deps: Omit<IpcHandlerDeps<T>, 'ipcMain'>,
  name: keyof T & string,
  sender: SenderInfo,
  args: unknown[],
): Promise<ApiResult<unknown>> {
  const { channel } = deps.table[name];
  if (!isTrustedSender(sender, deps.getTrustPolicy())) {
    deps.logger.warn('IPC call refused: sender is not the app window', { channel, url: sender.frameUrl });
    return { ok: false, error: { code: 'forbidden', message: 'This caller may not use Quota Broker.' } };
  }
  const answer = await dispatch(deps.table, deps.api, name, args, (_name, message) =>
    deps.logger.error(`IPC ${channel} failed: ${message}`),
  );
  if (!answer.ok && answer.error.code === 'bad_argument')
    return { ok: false, error: { ...answer.error, message: `${channel}: ${answer.error.message}` } };
  return answer;
}

/** Registers every operation's channel; returns a function that removes them. */
export function setupIpcHandlers<T extends OperationTable>(deps: IpcHandlerDeps<T>): () => void {
  checkTables(deps.table);
  const channels: string[] = [];
  for (const [name, { channel }] of Object.entries(deps.table)) {
    deps.ipcMain.handle(channel, (event, ...args: unknown[]) =>
      handleInvoke(deps, name, getSenderInfo(event), args),
    );
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}
