/**
 * The tray's "Open Dashboard in Browser": the dashboard of shared/host/dashboard/server.ts served from this
 * process, over the app's own engine host (no `node` child, no second engine). Started on first use,
 * reused after, closed on quit.
 */
import type { Dashboard } from '../shared/host/dashboard/server';
import type { QuotaHost } from '../shared/host/quota-host';
import { isLoopbackDashboardUrl } from './windows/url-policy';

export interface DashboardLauncherDeps {
  host: QuotaHost;
  /** dist/renderer: the same bundle the popover loads. */
  rendererDir: string;
  /** shared/host/dashboard/server.ts `startDashboard` (injected so a test can count starts). */
  startDashboard: (host: QuotaHost, opts: { port?: number; rendererDir: string }) => Promise<Dashboard>;
  /** `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>;
}

export interface DashboardLauncher {
  /** Starts the dashboard once (later calls reuse it) and opens its URL in the browser. */
  open(): Promise<void>;
  /** Closes the dashboard if it was started; the next `open` starts a new one. */
  close(): Promise<void>;
}

/** Creates the launcher; nothing listens until the first `open`. */
export function createDashboardLauncher(deps: DashboardLauncherDeps): DashboardLauncher {
  let started: Promise<Dashboard> | null = null;
  const start = () => {
    started ??= deps.startDashboard(deps.host, { port: 0, rendererDir: deps.rendererDir }).catch((e) => {
      started = null; // a failed start (a missing bundle) may be retried from the menu
      throw e;
    });
    return started;
  };
  return {
    async open() {
      const { url } = await start();
      // The server binds 127.0.0.1 only; refuse anything else rather than hand it to the browser.
      if (!isLoopbackDashboardUrl(url))
        throw new Error(`Refusing to open ${url}: not a local dashboard URL.`);
      await deps.openExternal(url);
    },
    async close() {
      const current = started;
      started = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
