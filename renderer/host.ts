/**
 * Picks the transport for the host the page runs in: the Electron preload's `window.quotaApi`, else
 * HTTP + SSE back to the `quota-broker serve` origin that served the page, authorised by its `?token=`.
 */
import type { QuotaApi } from '../shared/ipc/contract';
import { TOKEN_QUERY_PARAM } from '../shared/ipc/http-routes';
import { createHttpQuotaApi } from '../shared/ipc/http-transport';

export type HostConnection = { api: QuotaApi; problem?: undefined } | { api: null; problem: string };

/**
 * The dashboard token from the page URL. It stays in the address bar: the server sets no cookie (a
 * cookie for 127.0.0.1 would reach every other local port's server the browser visits), so the URL is
 * what lets a reload in.
 */
export function takeDashboardToken(win: Window): string | null {
  return new URL(win.location.href).searchParams.get(TOKEN_QUERY_PARAM);
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
