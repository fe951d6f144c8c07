/**
 * tsconfig.web.json maps `electron` to this empty module, so `import { … } from 'electron'` in the
 * renderer fails to compile (electron ships its own types, which would otherwise resolve). The renderer
 * runs sandboxed in a browser or popover and reaches the host only through shared/ipc's `QuotaApi`.
 */
export type ElectronIsNotAvailableInTheRenderer = never;
