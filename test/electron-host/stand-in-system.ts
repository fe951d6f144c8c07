/**
 * The stand-in's OS-facing modules: notifications, dialogs, shell, screen, the default session and
 * ipcMain. Each records what the app asked for, for the test to read; the session's request filter and
 * ipcMain's handlers are applied to the Chromium pages by page-bridge.ts.
 */
import type * as E from 'electron';
import type { ElectronSurface } from '../../electron/electron-surface';
import type { NotificationLike } from '../../electron/notifications';
import { StandInEmitter } from './emitter';

/** The stand-in's one display: 1440×900 with a 25 px menu bar. */
export const DISPLAY: Pick<E.Display, 'bounds' | 'workArea'> = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};

export class StandInNotification extends StandInEmitter implements NotificationLike {
  constructor(
    readonly options: E.NotificationConstructorOptions,
    private readonly shown: StandInNotification[],
  ) {
    super();
  }

  show(): void {
    this.shown.push(this);
  }

  /** The user clicks the notification. */
  click(): void {
    this.emit('click', {});
  }
}

/** What the OS-facing modules were asked to do. */
export interface SystemRecord {
  notifications: StandInNotification[];
  dialogs: E.MessageBoxOptions[];
  openedExternal: string[];
  openedPaths: string[];
}

type InvokeListener = Parameters<E.IpcMain['handle']>[1];
/** The listener of `onBeforeRequest` (its last overload takes the listener alone). */
type BeforeRequest = NonNullable<Parameters<E.WebRequest['onBeforeRequest']>[0]>;
type IpcMainSurface = ElectronSurface['ipcMain'];

/** What the app's IPC handlers read of an invoke event (electron/ipc/handlers.ts, getSenderInfo). */
export interface StandInInvokeEvent {
  sender: { id: number; mainFrame: { readonly url: string } };
  senderFrame: { readonly url: string } | null;
}

export interface StandInIpcMain extends IpcMainSurface {
  /** What `ipcRenderer.invoke` does in a page: the handler's answer, or Electron's error for none. */
  invoke(channel: string, event: StandInInvokeEvent, args: unknown[]): Promise<unknown>;
}

export function createStandInIpcMain(): StandInIpcMain {
  const handlers = new Map<string, InvokeListener>();
  const ipcMain: StandInIpcMain = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    // electron-log listens for its renderer messages; no page here sends any.
    on: () => ipcMain as never,
    async invoke(channel, event, args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // The handlers read `sender` and `senderFrame` only (electron/ipc/handlers.ts, getSenderInfo).
      return handler(event as unknown as E.IpcMainInvokeEvent, ...args);
    },
  };
  return ipcMain;
}

export interface StandInSession {
  session: ElectronSurface['session']['defaultSession'];
  /** The app's `webRequest.onBeforeRequest` verdict for a URL: true when it cancels the request. */
  cancels(url: string): Promise<boolean>;
}

/**
 * The default session. Permission handlers and `onHeadersReceived` are recorded only (the popover's
 * file:// responses carry no headers; its CSP is also a meta tag); `onBeforeRequest` is applied to
 * every request a page makes (page-bridge.ts).
 */
export function createStandInSession(): StandInSession {
  let beforeRequest: BeforeRequest | null = null;
  let nextId = 1;
  return {
    session: {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: {
        onBeforeRequest(
          filterOrListener: E.WebRequestFilter | BeforeRequest | null,
          listener?: BeforeRequest | null,
        ) {
          beforeRequest =
            typeof filterOrListener === 'function' || filterOrListener === null
              ? filterOrListener
              : (listener ?? null);
        },
        onHeadersReceived: () => undefined,
      },
    },
    cancels: (url) =>
      new Promise((resolve) => {
        if (!beforeRequest) return resolve(false);
        beforeRequest(
          {
            id: nextId++,
            url,
            method: 'GET',
            resourceType: 'other',
            referrer: '',
            timestamp: Date.now(),
            uploadData: [],
          },
          (response) => resolve(Boolean(response.cancel)),
        );
      }),
  };
}

export function createStandInSystem(record: SystemRecord) {
  const Notification = class extends StandInNotification {
    static isSupported(): boolean {
      return true;
    }
    constructor(options: E.NotificationConstructorOptions) {
      super(options, record.notifications);
    }
  };
  const dialog: ElectronSurface['dialog'] = {
    async showMessageBox(windowOrOptions: E.BaseWindow | E.MessageBoxOptions, options?: E.MessageBoxOptions) {
      record.dialogs.push(options ?? (windowOrOptions as E.MessageBoxOptions));
      return { response: 0, checkboxChecked: false };
    },
  };
  const shell: ElectronSurface['shell'] = {
    async openExternal(url) {
      record.openedExternal.push(url);
    },
    async openPath(path) {
      record.openedPaths.push(path);
      return '';
    },
  };
  const screen: ElectronSurface['screen'] = { getDisplayNearestPoint: () => DISPLAY };
  return { Notification, dialog, shell, screen };
}
