/**
 * The HTTP + server-sent-events mapping of `QuotaApi`, shared by the client transport
 * (`http-transport.ts`) and the `quota-broker serve` server so both sides name routes the same way.
 *
 * Every route lives under `/api` on 127.0.0.1 and requires the per-run token:
 * `Authorization: Bearer <token>` on fetch requests, `?token=<token>` on the event stream
 * (EventSource cannot set headers). A missing or wrong token answers 401.
 *
 * | QuotaApi method      | route                                   | request body          | response body                      |
 * |----------------------|-----------------------------------------|-----------------------|------------------------------------|
 * | getState()           | GET  /api/state                         | —                     | ApiResult<QuotaState>              |
 * | refreshNow(slot?)    | POST /api/refresh                       | `{ "slot"?: string }` | ApiResult<QuotaState>              |
 * | relogin(id)          | POST /api/slots/:id/relogin             | —                     | ApiResult<{ started: true }>       |
 * | cancelRelogin(id)    | POST /api/slots/:id/relogin/cancel      | —                     | ApiResult<{ cancelled: boolean }>  |
 * | setEnabled(id, on)   | POST /api/slots/:id/enabled             | `{ "enabled": bool }` | ApiResult<QuotaState>              |
 * | getHistory(id)       | GET  /api/slots/:id/history             | —                     | ApiResult<HistoryPoint[]>          |
 * | openLog()            | POST /api/open-log                      | —                     | ApiResult<{ path: string }>        |
 * | onState/onRelogin…   | GET  /api/events?token=…  (SSE)         | —                     | `text/event-stream`, see below     |
 *
 * Bodies are JSON (`Content-Type: application/json`). Every response body, success or failure, is an
 * `ApiResult` — errors use the status code that fits (400 bad argument, 401 token, 404 unknown slot,
 * 409 re-login already running, 500) *and* `{ ok: false, error: { code, message } }` with a message a
 * person can act on. `:id` is URL-encoded.
 *
 * Event stream: named events whose `data:` line is one JSON value —
 * - `event: state`   data: QuotaState       (sent first on every (re)connection, then on every change)
 * - `event: relogin` data: ReloginProgress  (each phase change of a running re-login)
 * The server may send `: ping` comments to keep proxies from closing the stream.
 */

/** Prefix of every route. */
export const API_PREFIX = '/api';

/** Named SSE events on `/api/events`. */
export const SSE_EVENTS = { state: 'state', relogin: 'relogin' } as const;

/** Query parameter that carries the token where headers are impossible (EventSource, the dashboard URL). */
export const TOKEN_QUERY_PARAM = 'token';

const slotPath = (id: string, rest: string): string => `${API_PREFIX}/slots/${encodeURIComponent(id)}${rest}`;

/** Paths of the HTTP routes; functions take the raw (unencoded) slot id. */
export const HTTP_ROUTES = {
  state: `${API_PREFIX}/state`,
  refresh: `${API_PREFIX}/refresh`,
  relogin: (id: string): string => slotPath(id, '/relogin'),
  cancelRelogin: (id: string): string => slotPath(id, '/relogin/cancel'),
  setEnabled: (id: string): string => slotPath(id, '/enabled'),
  history: (id: string): string => slotPath(id, '/history'),
  openLog: `${API_PREFIX}/open-log`,
  events: `${API_PREFIX}/events`,
} as const;
