/**
 * `QuotaApi` over HTTP + server-sent events, for the local web dashboard (`quota-broker serve`):
 * derived from the operations table, each operation sent as http-routes.ts maps it. Free of DOM and
 * Node types so it compiles under both tsconfigs: `fetch` and `EventSource` are injected or looked up
 * on globalThis.
 */
import type { ApiResult, QuotaApi } from './contract';
import { EVENTS_PATH, TOKEN_QUERY_PARAM, toHttpRequest } from './http-routes';
import {
  createEventSubscriptions,
  createOperationClient,
  type EventSubscriptions,
  type EventTable,
  type Operation,
  type OperationHandlers,
  type OperationTable,
} from './operation';
import { EVENTS, OPERATIONS } from './operations';

/** The part of the `fetch` Response the transport reads. */
export interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}

export type BrowserFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchResponseLike>;

/** The part of `EventSource` the transport uses; the browser's class satisfies it. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export type EventSourceCtor = new (url: string) => EventSourceLike;

export interface HttpQuotaApiOptions {
  /** Origin of the dashboard server, e.g. `http://127.0.0.1:7420`. */
  baseUrl: string;
  /** The per-run token printed by `quota-broker serve`. */
  token: string;
  EventSourceImpl?: EventSourceCtor;
  fetchImpl?: BrowserFetch;
}

/** EventSource gives up for good on an HTTP error; try a fresh stream after this long. */
export const SSE_REOPEN_DELAY_MS = 5_000;
const EVENT_SOURCE_CLOSED = 2;

type Globals = { fetch?: BrowserFetch; EventSource?: EventSourceCtor };

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** Creates a `QuotaApi` that talks to `quota-broker serve` at `baseUrl`. */
export function createHttpQuotaApi(options: HttpQuotaApiOptions): QuotaApi {
  return createHttpClient(OPERATIONS, EVENTS, options);
}

/** A client for any operations and events tables (tests extend the product's). */
export function createHttpClient<T extends OperationTable, E extends EventTable>(
  table: T,
  events: E,
  options: HttpQuotaApiOptions,
): OperationHandlers<T> & EventSubscriptions<E> {
  const globals = globalThis as unknown as Globals;
  const fetchImpl = options.fetchImpl ?? globals.fetch?.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send(operation: Operation, args: unknown[]): Promise<ApiResult<unknown>> {
    if (!fetchImpl) return failure('unsupported', 'This browser cannot make requests (no fetch).');
    const request = toHttpRequest(operation, args);
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}` };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: FetchResponseLike;
    try {
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      response = await fetchImpl(`${base}${request.path}`, { method: request.method, headers, body });
    } catch {
      return failure(
        'network',
        'Cannot reach the Quota Broker server. Is `quota-broker serve` still running?',
      );
    }
    const parsed = await response.json().catch(() => undefined);
    if (isApiResult(parsed)) return parsed;
    if (response.status === 401) {
      return failure(
        'unauthorized',
        'The dashboard token was refused. Open the URL `quota-broker serve` printed.',
      );
    }
    return failure(
      `http_${response.status}`,
      `The server answered ${response.status} without a usable body.`,
    );
  }

  const hub = createEventHub(
    `${base}${EVENTS_PATH}`,
    Object.values(events).map((e) => e.sse),
    options,
  );
  return {
    ...createOperationClient(table, send),
    ...createEventSubscriptions(events, (event, listener) => hub.subscribe(event.sse, listener)),
  };
}

/** One shared EventSource, opened with the first listener and closed with the last. */
function createEventHub(url: string, types: string[], options: HttpQuotaApiOptions) {
  const Impl = options.EventSourceImpl ?? (globalThis as unknown as Globals).EventSource;
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  const streamUrl = `${url}?${TOKEN_QUERY_PARAM}=${encodeURIComponent(options.token)}`;

  const hasListeners = () => [...listeners.values()].some((set) => set.size > 0);

  function dispatch(type: string, data: unknown): void {
    if (typeof data !== 'string') return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return; // a malformed event must not break the stream
    }
    for (const listener of listeners.get(type) ?? []) listener(value);
  }

  function open(): void {
    if (!Impl || source) return;
    const current = new Impl(streamUrl);
    source = current;
    for (const type of types) {
      current.addEventListener(type, (event) => dispatch(type, event.data));
    }
    current.addEventListener('error', () => {
      if (current.readyState !== EVENT_SOURCE_CLOSED || source !== current) return;
      source = null;
      reopenTimer = setTimeout(() => {
        reopenTimer = null;
        if (hasListeners()) open();
      }, SSE_REOPEN_DELAY_MS);
    });
  }

  function close(): void {
    source?.close();
    source = null;
    if (reopenTimer) clearTimeout(reopenTimer);
    reopenTimer = null;
  }

  return {
    subscribe(type: string, listener: (value: unknown) => void): () => void {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      open();
      return () => {
        set.delete(listener);
        if (!hasListeners()) close();
      };
    },
  };
}
