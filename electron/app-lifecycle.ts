/** App-level behaviour of a menu-bar app: one instance, no Dock icon, no quit when the popover closes. */
import type { App } from 'electron';

export type AppLike = Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'> & {
  dock?: Pick<NonNullable<App['dock']>, 'hide'>;
};

/**
 * Takes the single-instance lock; a second launch focuses the first (shows its popover) and quits.
 * Returns false when this process is the second instance and is quitting.
 */
export function setupSingleInstance(app: AppLike, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}

/** Menu-bar only: no Dock icon (LSUIElement does it for the packaged app; this covers `npm start`). */
export function setupMenuBarApp(app: AppLike): void {
  app.dock?.hide();
  // Closing or hiding the popover must not quit the app; only the tray's Quit does.
  app.on('window-all-closed', () => undefined);
}
