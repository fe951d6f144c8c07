/** The request half of QuotaApi as main answers it: the shared engine host, plus the app's own log. */

import type { QuotaHost } from '../shared/host/quota-host';
import type { InvokeApi } from './ipc/handlers';

export interface AppApiDeps {
  host: QuotaHost;
  /** Opens the app log in the system viewer; resolves with its path. */
  openLog: () => Promise<string>;
}

/** Creates the object the IPC handlers call. */
export function createAppApi(deps: AppApiDeps): InvokeApi {
  const { host } = deps;
  return {
    getState: () => host.getState(),
    refreshNow: (slot) => host.refreshNow(slot),
    relogin: (slot) => host.relogin(slot),
    cancelRelogin: (slot) => host.cancelRelogin(slot),
    setEnabled: (slot, enabled) => host.setEnabled(slot, enabled),
    getHistory: (slot) => host.getHistory(slot),
    async openLog() {
      try {
        return { ok: true, value: { path: await deps.openLog() } };
      } catch (e) {
        return { ok: false, error: { code: 'open_log', message: (e as Error).message } };
      }
    },
  };
}
