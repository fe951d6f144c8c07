/**
 * tsconfig.web.json maps the `electron` module name to this empty module, so importing Electron in the
 * renderer fails to compile (electron ships its own types, which would otherwise resolve). The renderer
 * runs sandboxed in a browser or popover and reaches the host only through shared/ipc's `QuotaApi`.
 */
export type ElectronIsNotAvailableInTheRenderer = never;
