import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountBook } from './accounts';
import type { FakeMode, FakeModeOptions, FakeRequestLog, FakeRoute, FakeStats } from './types';

/** What every route handler gets: the shared state of the fake. */
export interface FakeState {
  book: AccountBook;
  stats: FakeStats;
  modes: Map<FakeRoute, { mode: FakeMode } & FakeModeOptions>;
  budgetPerHour: number;
}

/** One request being answered; `email` is filled in once a token tells whose it is. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  route: FakeRequestLog['route'];
  path: string;
  email: string | null;
  at: number;
}

export function createStats(): FakeStats {
  return { usageCalls: {}, tokenCalls: {}, refreshReuse: 0, profileCalls: 0, requests: [] };
}

/** Empties the counters in place, so a reference a test holds stays live. */
export function clearStats(stats: FakeStats): void {
  stats.usageCalls = {};
  stats.tokenCalls = {};
  stats.refreshReuse = 0;
  stats.profileCalls = 0;
  stats.requests = [];
}

export function bump(counter: Record<string, number>, email: string | null): void {
  if (email !== null) counter[email] = (counter[email] ?? 0) + 1;
}

/** Appends the request to the log with the status it got (null: never answered). */
export function logRequest(state: FakeState, ex: Exchange, status: number | null): void {
  const ua = ex.req.headers['user-agent'];
  state.stats.requests.push({
    route: ex.route,
    method: ex.req.method ?? 'GET',
    path: ex.path,
    email: ex.email,
    status,
    at: ex.at,
    userAgent: typeof ua === 'string' ? ua : null,
  });
}

/** A JSON answer a route decided on. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Logs and sends an answer. */
export function send(state: FakeState, ex: Exchange, answer: Answer): void {
  reply(state, ex, answer.status, answer.body, answer.headers);
}

/** Logs and sends a JSON answer. */
export function reply(
  state: FakeState,
  ex: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  logRequest(state, ex, status);
  const text = body === undefined ? '' : JSON.stringify(body);
  ex.res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ex.res.end(ex.req.method === 'HEAD' ? undefined : text);
}

/** The Anthropic API's error envelope. */
export function apiError(type: string, message: string): unknown {
  return { type: 'error', error: { type, message } };
}

/** Reads a request body up to `maxBytes` (more is cut off: the fake only needs small JSON bodies). */
export async function readRequestBody(req: IncomingMessage, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
