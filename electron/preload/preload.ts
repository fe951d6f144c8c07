/**
 * The sandboxed preload: exposes exactly the QuotaApi object as `window.quotaApi`. Bundled by
 * scripts/build-electron.mjs into dist/electron/preload.cjs (a sandboxed preload cannot require files).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcQuotaApi } from './create-api';

contextBridge.exposeInMainWorld('quotaApi', createIpcQuotaApi(ipcRenderer));
