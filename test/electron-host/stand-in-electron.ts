/**
 * The stand-in `electron` module: every API electron/electron-surface.ts lists, typed against it (so
 * against electron.d.ts), with Chromium pages for windows. `record` is what a test reads and clicks:
 * the app, its trays, windows, notifications, dialogs and what it opened.
 */
import type * as E from 'electron';
import type { BrowserContext } from 'playwright-core';
import type { ElectronSurface } from '../../electron/electron-surface';
import { StandInApp, type StandInAppOptions } from './stand-in-app';
import {
  createStandInIpcMain,
  createStandInSession,
  createStandInSystem,
  type SystemRecord,
} from './stand-in-system';
import { StandInTray, standInMenu, standInNativeImage } from './stand-in-tray';
import { StandInBrowserWindow, type WindowDeps } from './stand-in-window';

export interface StandInRecord extends SystemRecord {
  app: StandInApp;
  trays: StandInTray[];
  windows: StandInBrowserWindow[];
  /** Failures inside the stand-in itself; a test expects none. */
  problems: string[];
}

export function createStandInElectron(opts: { app: StandInAppOptions; context: BrowserContext }): {
  electron: ElectronSurface;
  record: StandInRecord;
} {
  const record: StandInRecord = {
    app: new StandInApp(opts.app),
    trays: [],
    windows: [],
    notifications: [],
    dialogs: [],
    openedExternal: [],
    openedPaths: [],
    problems: [],
  };
  const ipcMain = createStandInIpcMain();
  const session = createStandInSession();
  const { Notification, dialog, shell, screen } = createStandInSystem(record);
  const deps: WindowDeps = {
    context: opts.context,
    ipcMain,
    session,
    windows: record.windows,
    problems: record.problems,
  };
  const electron = {
    app: record.app,
    BrowserWindow: class extends StandInBrowserWindow {
      constructor(options: E.BrowserWindowConstructorOptions) {
        super(options, deps);
      }
    },
    Tray: class extends StandInTray {
      constructor(image: E.NativeImage) {
        super(image, record.trays);
      }
    },
    Menu: standInMenu,
    nativeImage: standInNativeImage,
    Notification,
    ipcMain,
    screen,
    session: { defaultSession: session.session },
    shell,
    dialog,
  } satisfies ElectronSurface;
  return { electron, record };
}
