/**
 * A stand-in window's page in the real Chromium: the app's real preload (dist/electron/preload.cjs) runs
 * before the page's own scripts with `require('electron')` answering a contextBridge and an ipcRenderer
 * that reach the stand-in's ipcMain through a Playwright binding; `webContents.send` reaches the page's
 * listeners back. Every request the page makes passes the app's `webRequest.onBeforeRequest` first.
 * Unlike Electron, the preload shares the page's world here (no context isolation): that the app asks
 * for isolation and a sandbox is checked when the window is created (stand-in-window.ts).
 */
import { readFileSync } from 'node:fs';
import type * as E from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { IpcRendererLike } from '../../electron/preload/create-api';
import type { StandInInvokeEvent, StandInIpcMain, StandInSession } from './stand-in-system';

const INVOKE = '__standInIpcInvoke';
const EMIT = '__standInIpcEmit';

/** Runs in the page (serialised): the sandboxed preload's `require('electron')`, then the preload. */
function pagePreload(
  invokeName: string,
  emitName: string,
  runPreload: (require: (id: string) => unknown) => void,
): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  // Electron runs the preload in the top frame only (nodeIntegrationInSubFrames: false).
  if (scope.top !== globalThis) return;
  const invoke = scope[invokeName] as (channel: string, args: unknown[]) => Promise<unknown>;
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) => invoke(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener as (event: unknown, ...args: unknown[]) => void);
      return ipcRenderer as never;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener as (event: unknown, ...args: unknown[]) => void);
      return ipcRenderer as never;
    },
  };
  const contextBridge: Pick<E.ContextBridge, 'exposeInMainWorld'> = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(globalThis, key, {
        value: Object.freeze({ ...(api as object) }),
        enumerable: true,
      });
    },
  };
  Object.defineProperty(globalThis, emitName, {
    value: (channel: string, args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({}, ...args);
    },
  });
  runPreload((id) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`Cannot find module '${id}': a sandboxed preload can require 'electron' only`);
  });
}

export interface BridgedPageDeps {
  context: BrowserContext;
  preloadPath: string;
  viewport: { width: number; height: number };
  ipcMain: StandInIpcMain;
  session: StandInSession;
  /** What the IPC handlers see as `event.sender` (its `id` and `mainFrame`). */
  sender: StandInInvokeEvent['sender'];
}

/** Opens a page with the preload bridged; resolves before anything is loaded into it. */
export async function openBridgedPage(deps: BridgedPageDeps): Promise<Page> {
  const page = await deps.context.newPage();
  await page.setViewportSize(deps.viewport);
  await page.exposeBinding(INVOKE, (source, channel: string, args: unknown[]) =>
    deps.ipcMain.invoke(
      channel,
      {
        sender: deps.sender,
        senderFrame: source.frame === page.mainFrame() ? deps.sender.mainFrame : { url: source.frame.url() },
      },
      args,
    ),
  );
  const preload = readFileSync(deps.preloadPath, 'utf8');
  await page.addInitScript({
    content: `(${pagePreload.toString()})(${JSON.stringify(INVOKE)}, ${JSON.stringify(EMIT)}, function (require) {\nvar module = { exports: {} }, exports = module.exports;\n${preload}\n});`,
  });
  await page.route('**/*', async (route) => {
    if (await deps.session.cancels(route.request().url())) await route.abort('blockedbyclient');
    else await route.continue();
  });
  return page;
}

/** `webContents.send`: delivers to the page's ipcRenderer listeners (lost while nothing is loaded, as in Electron). */
export async function emitToPage(page: Page, channel: string, args: unknown[]): Promise<void> {
  await page.evaluate(
    ([name, c, a]) => {
      const emit = (globalThis as unknown as Record<string, unknown>)[name] as
        | ((channel: string, args: unknown[]) => void)
        | undefined;
      emit?.(c, a);
    },
    [EMIT, channel, args] as const,
  );
}
