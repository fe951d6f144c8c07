/**
 * The dashboard's server-sent event streams (`/api/events`): one subscription to the host for all
 * streams, each event serialised and encoded once and the same bytes written to every stream, one ping timer for
 * all, and a cap on how many streams one `serve` holds (docs/ui-contract.md, "The event stream").
 */
import type { ServerResponse } from 'node:http';
import type { ApiResult, QuotaState } from '../../ipc/contract';
import type { EventSubscriptions } from '../../ipc/operation';
import { EVENTS, type Events } from '../../ipc/operations';
import { securityHeaders } from './static-files';

/** A comment line every so often keeps proxies and the idle-socket timeout from closing a quiet stream. */
export const SSE_PING_MS = 25_000;

/**
 * Streams one `serve` holds at once. Each open dashboard tab holds one; 64 is far more tabs than a
 * person keeps, and it leaves 32 of the server's 96 connections (SERVE_LIMITS.maxConnections) for page
 * loads and API calls, so streams can never starve the buttons. A stream past the cap gets 503 and a
 * sentence; the page's client tries again every few seconds (SSE_REOPEN_DELAY_MS).
 */
export const MAX_EVENT_STREAMS = 64;
/** What the 503 asks a client to wait before trying again (seconds). */
export const STREAMS_RETRY_AFTER_S = 30;

export interface EventStreams {
  /** Answers `GET /api/events`: a new stream, or 503 when {@link MAX_EVENT_STREAMS} are open. */
  open(res: ServerResponse): void;
  readonly size: number;
  closeAll(): void;
}

export interface EventStreamsOptions {
  host: EventSubscriptions<Events> & { getState(): Promise<ApiResult<QuotaState>> };
  maxStreams?: number;
  pingMs?: number;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Creates the streams; the host is subscribed only while at least one stream is open. */
export function createEventStreams(options: EventStreamsOptions): EventStreams {
  const { host } = options;
  const max = options.maxStreams ?? MAX_EVENT_STREAMS;
  /** Each open stream, with whether a broadcast state already reached it (its first state is then newer). */
  const streams = new Map<ServerResponse, { hasState: boolean }>();
  let offs: Array<() => void> = [];
  let ping: ReturnType<typeof setInterval> | null = null;

  const broadcast = (event: string, data: unknown) => {
    // Serialised and encoded once: writing the string would encode it again for every stream.
    const bytes = Buffer.from(frame(event, data));
    const isState = event === EVENTS.onState.sse;
    for (const [res, stream] of streams) {
      if (isState) stream.hasState = true;
      res.write(bytes);
    }
  };

  const start = () => {
    offs = Object.entries(EVENTS).map(([name, event]) =>
      host[name as keyof Events]((payload: unknown) => broadcast(event.sse, payload)),
    );
    ping = setInterval(() => {
      for (const res of streams.keys()) res.write(': ping\n\n');
    }, options.pingMs ?? SSE_PING_MS);
  };
  const stop = () => {
    for (const off of offs) off();
    offs = [];
    if (ping) clearInterval(ping);
    ping = null;
  };

  return {
    get size() {
      return streams.size;
    },
    open(res) {
      if (streams.size >= max) {
        res.writeHead(503, {
          'Content-Type': 'application/json; charset=utf-8',
          'Retry-After': String(STREAMS_RETRY_AFTER_S),
          ...securityHeaders(),
        });
        res.end(
          JSON.stringify({
            ok: false,
            error: {
              code: 'too_many_streams',
              message: `This dashboard already has ${max} live connections (one per open tab). Close some dashboard tabs; this one tries again by itself.`,
            },
          }),
        );
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      const stream = { hasState: false };
      streams.set(res, stream);
      if (streams.size === 1) start();
      // Every (re)connection starts with the current state, unless a push already brought a newer one.
      void host.getState().then((s) => {
        if (s.ok && !stream.hasState && streams.has(res)) res.write(frame(EVENTS.onState.sse, s.value));
      });
      res.on('close', () => {
        streams.delete(res);
        if (streams.size === 0) stop();
      });
    },
    closeAll() {
      for (const res of streams.keys()) res.end();
    },
  };
}
