/**
 * The local dashboard (`quota-broker serve`): the renderer bundle plus the HTTP routes and SSE stream
 * derived from the operations table (shared/ipc/operations.ts, mapped by shared/ipc/http-routes.ts),
 * bound to 127.0.0.1 only, every request checked by guard.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { redactUnknown } from '../../domain/redact';
import { dispatch } from '../../ipc/dispatch';
import {
  API_PREFIX,
  argsFromHttp,
  BAD_REQUEST,
  createHttpRouter,
  EVENTS_PATH,
  httpStatusOf,
  TOKEN_QUERY_PARAM,
} from '../../ipc/http-routes';
import {
  checkTables,
  type EventSubscriptions,
  type OperationHandlers,
  type OperationTable,
} from '../../ipc/operation';
import { EVENTS, type Events, OPERATIONS, type Operations } from '../../ipc/operations';
import type { Logger } from '../../ports/logger';
import { createAssetCache } from './asset-cache';
import { createEventStreams, MAX_EVENT_STREAMS } from './event-streams';
import { checkRequest } from './guard';
import { decodeUrlPath, securityHeaders, sendStatic } from './static-files';

export { MAX_EVENT_STREAMS, SSE_PING_MS } from './event-streams';

const MAX_BODY = 16 * 1024;

/**
 * What one local client can hold (docs/RELIABILITY.md "Hostile inputs"): the engine shares this process, so sockets
 * that never finish a request must not use up its file descriptors. A browser needs ~6 connections per
 * tab plus one event stream; sockets past the cap are closed at once, a request must finish its headers
 * and body quickly, and a socket idle for a minute (an event stream pings every 25 s) is closed. The cap
 * is the event streams' own cap (MAX_EVENT_STREAMS, 64) plus 32 for page loads and API calls, so open
 * tabs never starve the buttons; 96 sockets and the engine's own stay well inside macOS's default limit
 * of 256 descriptors.
 */
export const SERVE_LIMITS = {
  maxConnections: MAX_EVENT_STREAMS + 32,
  /** A socket that sends nothing (Node's header timeout starts only with the first byte). */
  firstRequestMs: 5_000,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketMs: 60_000,
  /**
   * How often Node looks for requests past their header or request timeout (its default is 30 s): a
   * slow sender is cut within the timeout plus this. A socket that sends nothing at all is closed by
   * its own timer (firstRequestMs), not by this check.
   */
  checkIntervalMs: 5_000,
} as const;

export interface Dashboard {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...securityHeaders() });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`The request body is larger than ${MAX_BODY} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Error('The request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/** What the dashboard serves: the table's operations and pushes, and the state for a new stream. */
export type DashboardHost<T extends OperationTable = Operations> = OperationHandlers<T> &
  OperationHandlers<Pick<Operations, 'getState'>> &
  EventSubscriptions<Events>;

export interface DashboardOptions<T extends OperationTable> {
  /** 0 (the default) picks a free port. */
  port?: number;
  rendererDir: string;
  /** The operations served; defaults to the product's table (tests serve an extended one). */
  table?: T;
  /** Where an operation that threw is reported (it answers 500 either way). */
  logger?: Pick<Logger, 'error'>;
}

const notFound = { ok: false, error: { code: 'not_found', message: 'Not found.' } } as const;
const notAllowed = { ok: false, error: { code: 'method', message: 'Method not allowed.' } } as const;
const badEscapes = {
  ok: false,
  error: { code: BAD_REQUEST, message: 'The path has broken %-escapes.' },
} as const;

export async function startDashboard<T extends OperationTable = Operations>(
  host: DashboardHost<NoInfer<T>>,
  opts: DashboardOptions<T>,
): Promise<Dashboard> {
  const table = (opts.table ?? OPERATIONS) as T;
  checkTables(table, EVENTS);
  const router = createHttpRouter(table);
  const token = randomBytes(24).toString('base64url');
  const streams = createEventStreams({ host });
  const assets = createAssetCache();
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        authorization: req.headers.authorization,
        queryToken: url.searchParams.get(TOKEN_QUERY_PARAM),
      },
      token,
      port,
    );
    if (!verdict.ok)
      return json(res, verdict.status, {
        ok: false,
        error: { code: 'unauthorized', message: verdict.message },
      });
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!path.startsWith(`${API_PREFIX}/`)) {
      if (method !== 'GET') return json(res, 405, notAllowed);
      const decoded = decodeUrlPath(path);
      if (decoded === null) return json(res, 400, badEscapes);
      const request = { urlPath: decoded, acceptEncoding: req.headers['accept-encoding'], token };
      if (await sendStatic(opts.rendererDir, request, res, assets)) return;
      return json(res, 404, notFound);
    }
    if (path === EVENTS_PATH) return method === 'GET' ? streams.open(res) : json(res, 405, notAllowed);
    const route = router.match(method, path);
    if (!route.ok) return json(res, route.status, route.status === 404 ? notFound : notAllowed);
    let body: Record<string, unknown> = {};
    try {
      if (method === 'POST') body = await readJson(req);
    } catch (e) {
      return json(res, 400, { ok: false, error: { code: BAD_REQUEST, message: (e as Error).message } });
    }
    const args = argsFromHttp(route.operation, route.params, body);
    const answer = await dispatch(table, host, route.name, args, (name, message) =>
      opts.logger?.error(`dashboard ${name} failed: ${message}`),
    );
    return json(res, httpStatusOf(answer), answer);
  };

  const limits = SERVE_LIMITS;
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          json(res, 500, { ok: false, error: { code: 'internal', message: redactUnknown(e) } });
        else res.end();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleSocketMs, (socket) => socket.destroy());
  server.on('connection', (socket: Socket) => socket.setTimeout(limits.firstRequestMs));
  server.on('request', (req: IncomingMessage) => req.socket.setTimeout(limits.idleSocketMs));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?${TOKEN_QUERY_PARAM}=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
