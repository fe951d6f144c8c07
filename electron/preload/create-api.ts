/**
 * The renderer's `window.quotaApi` over IPC: one named method per contract entry (electron/fiddle's
 * preload shape). It never exposes ipcRenderer, a channel name or a generic invoke, and subscription
 * listeners receive the payload only, never the IPC event (which carries `sender`).
 */
import type { IpcRenderer } from 'electron';
import { CHANNELS, type QuotaApi } from '../../shared/ipc/contract';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds the QuotaApi object the preload hands to contextBridge. */
export function createIpcQuotaApi(ipc: IpcRendererLike): QuotaApi {
  const subscribe = <T>(channel: string, listener: (payload: T) => void) => {
    const wrapped = (_event: unknown, payload: T) => listener(payload);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  return {
    getState: () => ipc.invoke(CHANNELS.getState),
    onState: (listener) => subscribe(CHANNELS.updated, listener),
    refreshNow: (slot) =>
      slot === undefined ? ipc.invoke(CHANNELS.refresh) : ipc.invoke(CHANNELS.refresh, slot),
    relogin: (slot) => ipc.invoke(CHANNELS.relogin, slot),
    cancelRelogin: (slot) => ipc.invoke(CHANNELS.cancelRelogin, slot),
    onReloginProgress: (listener) => subscribe(CHANNELS.reloginProgress, listener),
    setEnabled: (slot, enabled) => ipc.invoke(CHANNELS.setEnabled, slot, enabled),
    getHistory: (slot) => ipc.invoke(CHANNELS.getHistory, slot),
    openLog: () => ipc.invoke(CHANNELS.openLog),
  };
}
