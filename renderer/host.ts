/**
 * Picks the transport for the host the page runs in: the Electron preload's `window.quotaApi`, else
 * HTTP + SSE back to the `quota-broker serve` origin that served the page, authorised by its `?token=`.
 */
import type { QuotaApi } from '../shared/ipc/contract';
import { TOKEN_QUERY_PARAM } from '../shared/ipc/http-routes';
import { createHttpQuotaApi } from '../shared/ipc/http-transport';

/** The token survives a reload in sessionStorage after it is removed from the address bar. */
export const TOKEN_STORAGE_KEY = 'quota-broker.token';

export type HostConnection = { api: QuotaApi; problem?: undefined } | { api: null; problem: string };

/**
 * Reads the dashboard token from the page URL (then drops it from the address bar, so it does not
 * linger in history or screenshots) or from this tab's sessionStorage.
 */
export function takeDashboardToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get(TOKEN_QUERY_PARAM);
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      url.searchParams.delete(TOKEN_QUERY_PARAM);
      win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    } catch {
      // storage disabled: keep the token in the URL so a reload still works
    }
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Connects to the host the page runs in, or explains why it cannot. */
export function connectToHost(win: Window & typeof globalThis): HostConnection {
  if (win.quotaApi) return { api: win.quotaApi };
  const { protocol, origin } = win.location;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return { api: null, problem: 'This page needs the Quota Broker app or `quota-broker serve`.' };
  }
  const token = takeDashboardToken(win);
  if (!token) {
    return {
      api: null,
      problem: 'The address has no access token. Open the full URL that `quota-broker serve` printed.',
    };
  }
  const api = createHttpQuotaApi({
    baseUrl: origin,
    token,
    EventSourceImpl: win.EventSource,
    fetchImpl: win.fetch.bind(win),
  });
  return { api };
}
