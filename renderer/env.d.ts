import type { QuotaApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in the browser dashboard. */
    quotaApi?: QuotaApi;
  }
}
