/**
 * Registers one `ipcMain.handle` per request channel of the shared contract. Every call is checked:
 * the sender must be our window (else refused), the arguments must validate (else `bad_argument`),
 * and any thrown error comes back as `{ ok: false, error: { code, message } }`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { redactUnknown } from '../../shared/domain/redact';
import { type ApiError, type ApiResult, CHANNELS, type QuotaApi } from '../../shared/ipc/contract';
import type { Logger } from '../../shared/ports/logger';
import { isTrustedSender, type SenderInfo, type TrustPolicy } from './trusted-sender';
import {
  type Validated,
  validateNone,
  validateOptionalSlot,
  validateSlot,
  validateSlotAndFlag,
} from './validate';

/** The request/response half of QuotaApi; the `on…` subscriptions are pushes from main. */
export type InvokeApi = Omit<QuotaApi, 'onState' | 'onReloginProgress'>;

/** A validated call, or the validation error. */
type Prepared = { ok: true; run: () => Promise<ApiResult<unknown>> } | { ok: false; error: ApiError };
type Route = (api: InvokeApi, args: unknown[]) => Prepared;

function route<A extends unknown[]>(
  validate: (args: unknown[]) => Validated<A>,
  run: (api: InvokeApi, args: A) => Promise<ApiResult<unknown>>,
): Route {
  return (api, raw) => {
    const valid = validate(raw);
    return valid.ok ? { ok: true, run: () => run(api, valid.args) } : valid;
  };
}

/** Channel → validator and call. Typed so a contract change that is not handled here fails to compile. */
export const IPC_ROUTES: Record<Exclude<keyof typeof CHANNELS, 'updated' | 'reloginProgress'>, Route> = {
  getState: route(validateNone, (api) => api.getState()),
  refresh: route(validateOptionalSlot, (api, [slot]) => api.refreshNow(slot)),
  relogin: route(validateSlot, (api, [slot]) => api.relogin(slot)),
  cancelRelogin: route(validateSlot, (api, [slot]) => api.cancelRelogin(slot)),
  setEnabled: route(validateSlotAndFlag, (api, [slot, enabled]) => api.setEnabled(slot, enabled)),
  getHistory: route(validateSlot, (api, [slot]) => api.getHistory(slot)),
  openLog: route(validateNone, (api) => api.openLog()),
};

export interface IpcHandlerDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  api: InvokeApi;
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

/** Handles one invoke: trust, validation, call, error mapping. Exported for tests. */
export async function handleInvoke(
  deps: Omit<IpcHandlerDeps, 'ipcMain'>,
  channel: string,
  route: Route,
  sender: SenderInfo,
  args: unknown[],
): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(sender, deps.getTrustPolicy())) {
    deps.logger.warn('IPC call refused: sender is not the app window', { channel, url: sender.frameUrl });
    return { ok: false, error: { code: 'forbidden', message: 'This caller may not use Quota Broker.' } };
  }
  const call = route(deps.api, args);
  if (!call.ok)
    return { ok: false, error: { code: call.error.code, message: `${channel}: ${call.error.message}` } };
  try {
    return await call.run();
  } catch (e) {
    deps.logger.error(`IPC ${channel} failed: ${redactUnknown(e)}`);
    return { ok: false, error: { code: 'internal', message: redactUnknown(e) } };
  }
}

/** Registers every request channel; returns a function that removes them. */
export function setupIpcHandlers(deps: IpcHandlerDeps): () => void {
  const channels: string[] = [];
  for (const [name, route] of Object.entries(IPC_ROUTES)) {
    const channel = CHANNELS[name as keyof typeof IPC_ROUTES];
    deps.ipcMain.handle(channel, (event, ...args: unknown[]) =>
      handleInvoke(deps, channel, route, getSenderInfo(event), args),
    );
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}
