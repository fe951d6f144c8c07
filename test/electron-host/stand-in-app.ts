/**
 * The stand-in `app`: ready at once, one instance, paths under a test-chosen userData dir, and quitting
 * the way Electron does it — `before-quit` (which the app prevents to stop its engine first), then
 * `exit(code)`, which here resolves {@link StandInApp.exited} instead of ending the process.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as E from 'electron';
import type { ElectronSurface } from '../../electron/electron-surface';
import { createPreventableEvent, StandInEmitter } from './emitter';

export interface StandInAppOptions {
  /** What `app.getAppPath()` answers: the directory holding dist/. */
  appPath: string;
  /** `app.getPath('userData')`; logs go to `<userData>/logs`. */
  userData: string;
  home: string;
  version: string;
}

type AppSurface = ElectronSurface['app'];

export class StandInApp extends StandInEmitter implements AppSurface {
  /** The app is run from its built bundles, as the packaged app is (quiet logs, no DevTools). */
  readonly isPackaged = true;
  /** `app.dock` exists on macOS only, in Electron as here. */
  readonly dock = process.platform === 'darwin' ? { hide: () => undefined } : undefined;
  readonly exited: Promise<number>;
  exitCode: number | null = null;
  loginItem: E.Settings = {};
  #resolveExit: (code: number) => void = () => undefined;

  constructor(private readonly options: StandInAppOptions) {
    super();
    this.exited = new Promise((resolve) => (this.#resolveExit = resolve));
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }

  getAppPath(): string {
    return this.options.appPath;
  }

  getName(): string {
    return 'Quota Broker';
  }

  getVersion(): string {
    return this.options.version;
  }

  getPath(name: Parameters<E.App['getPath']>[0]): string {
    const { userData, home } = this.options;
    const paths: Partial<Record<typeof name, string>> = {
      home,
      userData,
      appData: dirname(userData),
      logs: join(userData, 'logs'),
      temp: tmpdir(),
    };
    const path = paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  /** One stand-in app per host: the lock is always ours. */
  requestSingleInstanceLock(): boolean {
    return true;
  }

  getLoginItemSettings(): E.LoginItemSettings {
    const openAtLogin = Boolean(this.loginItem.openAtLogin);
    return {
      openAtLogin,
      wasOpenedAtLogin: false,
      status: openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: openAtLogin,
      launchItems: [],
    };
  }

  setLoginItemSettings(settings: E.Settings): void {
    this.loginItem = { ...this.loginItem, ...settings };
  }

  quit(): void {
    const event = createPreventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', createPreventableEvent());
    this.exit(0);
  }

  exit(exitCode = 0): void {
    if (this.exitCode !== null) return;
    this.exitCode = exitCode;
    this.#resolveExit(exitCode);
  }
}
