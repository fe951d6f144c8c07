/**
 * The stand-in BrowserWindow: its page is a real Chromium page (page-bridge.ts) sized like the window;
 * showing, hiding, focus and position are recorded, `blur()` lets a test play the user clicking away.
 * Windows live until the host stops (the app never closes its popover).
 * It only emulates the window the app asks for — isolated, sandboxed, no Node — and refuses others.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as E from 'electron';
import type { Page } from 'playwright-core';
import type { AppWindowLike } from '../../electron/windows/setup-popover';
import { StandInEmitter } from './emitter';
import { type BridgedPageDeps, emitToPage, openBridgedPage } from './page-bridge';

export type WindowDeps = Pick<BridgedPageDeps, 'context' | 'ipcMain' | 'session'> & {
  windows: StandInBrowserWindow[];
  /** Bridge failures a test should see (anything but a page navigating away mid-send). */
  problems: string[];
};

let nextWebContentsId = 1;

function checkWebPreferences(prefs: E.WebPreferences | undefined): string {
  const ok =
    prefs?.contextIsolation === true &&
    prefs.sandbox === true &&
    prefs.nodeIntegration === false &&
    typeof prefs.preload === 'string' &&
    existsSync(prefs.preload);
  if (!ok || !prefs?.preload) {
    throw new Error(
      `The stand-in emulates isolated, sandboxed windows without Node and with a built preload only; got ${JSON.stringify(prefs)}`,
    );
  }
  return prefs.preload;
}

type WebContentsSurface = AppWindowLike['webContents'];

/** The window's web contents; the stand-in's windows live until the host stops (never destroyed). */
export class StandInWebContents extends StandInEmitter implements WebContentsSurface {
  readonly id = nextWebContentsId++;
  readonly page: Promise<Page>;
  readonly mainFrame: { readonly url: string };
  windowOpenHandler: Parameters<E.WebContents['setWindowOpenHandler']>[0] | null = null;
  #current: Page | null = null;
  #sends: Promise<void> = Promise.resolve();
  readonly #problems: string[];

  constructor(deps: WindowDeps, preloadPath: string, viewport: { width: number; height: number }) {
    super();
    const self = this;
    this.mainFrame = {
      get url() {
        return self.#current?.mainFrame().url() ?? '';
      },
    };
    this.page = openBridgedPage({ ...deps, preloadPath, viewport, sender: this }).then((page) => {
      this.#current = page;
      return page;
    });
    this.#problems = deps.problems;
    this.page.catch((e) => this.#problems.push(`page: ${String(e)}`));
  }

  send(channel: string, ...args: unknown[]): void {
    // In order, after the page exists; a page navigating away drops the message, as Electron's does.
    this.#sends = this.#sends
      .then(async () => emitToPage(await this.page, channel, args))
      .catch((e: Error) => {
        if (!/Execution context was destroyed|has been closed/.test(e.message))
          this.#problems.push(`send ${channel}: ${e.message}`);
      });
  }

  setWindowOpenHandler(handler: Parameters<E.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return false;
  }

  async load(url: string): Promise<void> {
    await (await this.page).goto(url);
  }
}

export class StandInBrowserWindow extends StandInEmitter implements AppWindowLike {
  readonly webContents: StandInWebContents;
  position: [number, number] | null = null;
  #size: [number, number];
  #visible = false;

  constructor(
    readonly options: E.BrowserWindowConstructorOptions,
    deps: WindowDeps,
  ) {
    super();
    const preload = checkWebPreferences(options.webPreferences);
    this.#size = [options.width ?? 800, options.height ?? 600];
    this.webContents = new StandInWebContents(deps, preload, { width: this.#size[0], height: this.#size[1] });
    deps.windows.push(this);
  }

  loadFile(filePath: string, _options?: E.LoadFileOptions): Promise<void> {
    return this.webContents.load(pathToFileURL(filePath).href);
  }

  show(): void {
    this.#visible = true;
    this.emit('show');
  }

  hide(): void {
    this.#visible = false;
    this.emit('hide');
  }

  focus(): void {
    this.emit('focus');
  }

  isVisible(): boolean {
    return this.#visible;
  }

  isDestroyed(): boolean {
    return false;
  }

  getSize(): number[] {
    return [...this.#size];
  }

  setPosition(x: number, y: number, _animate?: boolean): void {
    this.position = [x, y];
  }

  /** The user clicks somewhere else: the window loses focus. */
  blur(): void {
    this.emit('blur');
  }
}
