/**
 * The popover: one hidden frameless window loading the renderer bundle, shown under the tray icon,
 * hidden on blur (max-mapper/menubar's behaviour).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Display, Rectangle } from 'electron';
import { getWindowPosition } from './get-window-position';

/** A tray click right after a blur-hide is the same click that caused the blur: don't reopen. */
export const BLUR_TOGGLE_GUARD_MS = 300;

export type PopoverWindowLike = Pick<
  BrowserWindow,
  | 'loadFile'
  | 'on'
  | 'once'
  | 'show'
  | 'hide'
  | 'focus'
  | 'isVisible'
  | 'isDestroyed'
  | 'getSize'
  | 'setPosition'
> & { webContents: Pick<BrowserWindow['webContents'], 'send' | 'id' | 'isDestroyed'> };

export interface PopoverDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => PopoverWindowLike;
  screen: { getDisplayNearestPoint(point: { x: number; y: number }): Pick<Display, 'bounds' | 'workArea'> };
  options: BrowserWindowConstructorOptions;
  /** Absolute path of dist/renderer/index.html. */
  indexPath: string;
  now?: () => number;
}

export interface Popover {
  readonly window: PopoverWindowLike;
  /** Shows the popover under `trayBounds`, or hides it when visible. */
  toggle(trayBounds: Rectangle): void;
  show(trayBounds: Rectangle | null): void;
  hide(): void;
  /** Sends an event to the renderer when it is alive. */
  send(channel: string, payload: unknown): void;
}

/** True when a tray click should show the popover rather than hide it. */
export function shouldShowOnToggle(visible: boolean, lastBlurHideAt: number, now: number): boolean {
  if (visible) return false;
  return now - lastBlurHideAt > BLUR_TOGGLE_GUARD_MS;
}

/** Creates the popover window and loads the renderer into it. */
export function createPopover(deps: PopoverDeps): Popover {
  const now = deps.now ?? Date.now;
  const win = deps.createWindow(deps.options);
  let lastBlurHideAt = 0;
  let lastTrayBounds: Rectangle | null = null;

  win.on('blur', () => {
    if (!win.isVisible()) return;
    lastBlurHideAt = now();
    win.hide();
  });
  void win.loadFile(deps.indexPath);

  const position = (trayBounds: Rectangle) => {
    const [width, height] = win.getSize();
    const display = deps.screen.getDisplayNearestPoint({ x: trayBounds.x, y: trayBounds.y });
    const { x, y } = getWindowPosition({
      trayBounds,
      windowSize: { width, height },
      displayBounds: display.bounds,
      workArea: display.workArea,
    });
    win.setPosition(x, y, false);
  };

  const popover: Popover = {
    window: win,
    toggle(trayBounds) {
      if (shouldShowOnToggle(win.isVisible(), lastBlurHideAt, now())) popover.show(trayBounds);
      else popover.hide();
    },
    show(trayBounds) {
      if (win.isDestroyed()) return;
      lastTrayBounds = trayBounds ?? lastTrayBounds;
      if (lastTrayBounds) position(lastTrayBounds);
      win.show();
      win.focus();
    },
    hide() {
      if (!win.isDestroyed() && win.isVisible()) win.hide();
    },
    send(channel, payload) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) return;
      win.webContents.send(channel, payload);
    },
  };
  return popover;
}
