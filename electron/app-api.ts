/** The request half of QuotaApi as main answers it: the engine host, re-login and the log. */

import type { QuotaHost } from './host/quota-host';
import type { InvokeApi } from './ipc/handlers';
import type { ReloginManager } from './relogin';

export interface AppApiDeps {
  host: QuotaHost;
  relogin: ReloginManager;
  /** Opens the app log in the system viewer; resolves with its path. */
  openLog: () => Promise<string>;
}

/** Creates the object the IPC handlers call. */
export function createAppApi(deps: AppApiDeps): InvokeApi {
  const { host, relogin } = deps;
  return {
    getState: () => host.getState(),
    refreshNow: (slot) => host.refreshNow(slot),
    relogin: (slot) => relogin.start(slot),
    cancelRelogin: async (slot) => relogin.cancel(slot),
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
