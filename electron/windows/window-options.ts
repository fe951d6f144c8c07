/**
 * The popover's BrowserWindow options (docs/contracts.md "Security"): an isolated, sandboxed renderer with no Node,
 * no webviews and no insecure content. Pure, so a test can hold every flag to account.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export const POPOVER_WIDTH_PX = 380;
export const POPOVER_HEIGHT_PX = 560;

export interface PopoverWindowOptionsInput {
  /** Absolute path of dist/electron/preload.cjs. */
  preloadPath: string;
  /** DevTools only in development builds. */
  devTools: boolean;
  width?: number;
  height?: number;
}

/** The security-relevant web preferences, shared by every window the app opens. */
export function getSecureWebPreferences(preloadPath: string, devTools: boolean) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  } satisfies BrowserWindowConstructorOptions['webPreferences'];
}

/** A frameless, hidden-until-positioned popover without a taskbar/Dock entry. */
export function getPopoverWindowOptions(input: PopoverWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: input.width ?? POPOVER_WIDTH_PX,
    height: input.height ?? POPOVER_HEIGHT_PX,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    title: 'Quota Broker',
    webPreferences: getSecureWebPreferences(input.preloadPath, input.devTools),
  };
}
