/** The operations as the app's IPC answers them: the shared engine host's, with the app's own log. */
import type { QuotaHost } from '../shared/host/quota-host';
import { type OperationHandlers, pickOperations } from '../shared/ipc/operation';
import { OPERATIONS, type Operations } from '../shared/ipc/operations';

export interface AppApiDeps {
  host: QuotaHost;
  /** Opens the app log in the system viewer; resolves with its path. */
  openLog: () => Promise<string>;
}

/** Creates the object the IPC handlers call. */
export function createAppApi(deps: AppApiDeps): OperationHandlers<Operations> {
  return {
    ...pickOperations(OPERATIONS, deps.host),
    async openLog() {
      try {
        return { ok: true, value: { path: await deps.openLog() } };
      } catch (e) {
        return { ok: false, error: { code: 'open_log', message: (e as Error).message } };
      }
    },
  };
}
