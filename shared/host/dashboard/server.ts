/**
 * The local dashboard (`quota-broker serve`): the renderer bundle plus the `QuotaApi` HTTP routes and SSE
 * stream of shared/ipc/http-routes.ts, bound to 127.0.0.1 only, every request checked by guard.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../../ipc/contract';
import { API_PREFIX, HTTP_ROUTES, SSE_EVENTS, TOKEN_QUERY_PARAM } from '../../ipc/http-routes';
import type { QuotaHost } from '../quota-host';
import { checkRequest } from './guard';
import { securityHeaders, sendStatic } from './static-files';

export const SSE_PING_MS = 25_000;
const MAX_BODY = 16 * 1024;

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

function result(res: ServerResponse, r: ApiResult<unknown>) {
  const status = r.ok
    ? 200
    : r.error.code === 'unknown_slot'
      ? 404
      : r.error.code === 'already_running'
        ? 409
        : r.error.code === 'bad_request'
          ? 400
          : 500;
  json(res, status, r);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

const SLOT_ROUTE = new RegExp(`^${API_PREFIX}/slots/([^/]+)/(relogin|relogin/cancel|enabled|history)$`);

export async function startDashboard(
  host: QuotaHost,
  opts: { port?: number; rendererDir: string },
): Promise<Dashboard> {
  const token = randomBytes(24).toString('base64url');
  const sseClients = new Set<ServerResponse>();
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
      if (method !== 'GET')
        return json(res, 405, { ok: false, error: { code: 'method', message: 'Method not allowed.' } });
      if (await sendStatic(opts.rendererDir, path, res, token)) return;
      return json(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found.' } });
    }
    if (path === HTTP_ROUTES.events && method === 'GET') return openEvents(res);
    if (path === HTTP_ROUTES.state && method === 'GET') return result(res, await host.getState());
    if (method !== 'POST' && !(method === 'GET' && path.endsWith('/history'))) {
      return json(res, 405, { ok: false, error: { code: 'method', message: 'Method not allowed.' } });
    }
    let body: Record<string, unknown>;
    try {
      body = method === 'POST' ? await readJson(req) : {};
    } catch (e) {
      return json(res, 400, { ok: false, error: { code: 'bad_request', message: (e as Error).message } });
    }
    if (path === HTTP_ROUTES.refresh) {
      if (body.slot !== undefined && typeof body.slot !== 'string')
        return json(res, 400, {
          ok: false,
          error: { code: 'bad_request', message: 'slot must be a string.' },
        });
      return result(res, await host.refreshNow(body.slot as string | undefined));
    }
    if (path === HTTP_ROUTES.openLog) return result(res, { ok: true, value: { path: host.logPath() } });
    const m = path.match(SLOT_ROUTE);
    if (!m) return json(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found.' } });
    const slot = decodeURIComponent(m[1]);
    if (!/^[a-z0-9-]+$/.test(slot))
      return json(res, 400, { ok: false, error: { code: 'bad_request', message: 'Bad slot id.' } });
    switch (m[2]) {
      case 'relogin':
        return result(res, await host.relogin(slot));
      case 'relogin/cancel':
        return result(res, await host.cancelRelogin(slot));
      case 'history':
        return result(res, await host.getHistory(slot));
      case 'enabled':
        if (typeof body.enabled !== 'boolean')
          return json(res, 400, {
            ok: false,
            error: { code: 'bad_request', message: 'enabled must be true or false.' },
          });
        return result(res, await host.setEnabled(slot, body.enabled));
    }
  };

  function openEvents(res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    sseClients.add(res);
    const send = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const offState = host.onState((s) => send(SSE_EVENTS.state, s));
    const offRelogin = host.onRelogin((p) => send(SSE_EVENTS.relogin, p));
    const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
    void host.getState().then((s) => s.ok && send(SSE_EVENTS.state, s.value));
    res.on('close', () => {
      clearInterval(ping);
      offState();
      offRelogin();
      sseClients.delete(res);
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        json(res, 500, { ok: false, error: { code: 'internal', message: (e as Error).message } });
      else res.end();
    });
  });
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
        for (const c of sseClients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
