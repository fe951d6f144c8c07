/**
 * The part of Electron's main-process API the app uses, as one type. main.ts takes Electron through it,
 * so using anything else is a compile error until it is added here; the stand-in host that runs the
 * real main bundle without Electron's binary (test/electron-host) implements it, so a stand-in that lacks
 * an API — or an electron.d.ts change that breaks one — is a compile error too. Types only.
 */
import type * as E from 'electron';
import type { NotificationLike } from './notifications';
import type { TrayLike } from './tray';
import type { AppWindowLike, SetupPopoverDeps } from './windows/setup-popover';

/** What electron-log/main (bundled into main.cjs) calls on `app` when it loads and initialises. */
type ElectronLogAppUse = Pick<E.App, 'isReady' | 'once' | 'getPath' | 'getName' | 'getVersion'>;

export interface ElectronSurface {
  app: Pick<
    E.App,
    | 'isPackaged'
    | 'whenReady'
    | 'getAppPath'
    | 'requestSingleInstanceLock'
    | 'on'
    | 'quit'
    | 'exit'
    | 'getLoginItemSettings'
    | 'setLoginItemSettings'
  > & { dock?: Pick<E.Dock, 'hide'> } & ElectronLogAppUse;
  BrowserWindow: new (options: E.BrowserWindowConstructorOptions) => AppWindowLike;
  Tray: new (image: E.NativeImage) => TrayLike;
  Menu: Pick<typeof E.Menu, 'buildFromTemplate'>;
  Notification: (new (
    options: E.NotificationConstructorOptions,
  ) => NotificationLike) &
    Pick<typeof E.Notification, 'isSupported'>;
  /** `on` and `handle` for electron-log's own channel too. */
  ipcMain: Pick<E.IpcMain, 'handle' | 'removeHandler' | 'on'>;
  screen: SetupPopoverDeps['screen'];
  session: { defaultSession: SetupPopoverDeps['session'] };
  shell: Pick<E.Shell, 'openExternal' | 'openPath'>;
  dialog: Pick<E.Dialog, 'showMessageBox'>;
  nativeImage: Pick<typeof E.nativeImage, 'createFromPath'>;
}
