import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountBook } from './accounts';
import { clearStats, createStats, type Exchange, type FakeState } from './exchange';
import { handleHello, handleUnknown } from './routes/misc';
import { handleProfile } from './routes/profile';
import { handleToken } from './routes/token';
import { handleUsage } from './routes/usage';
import type { FakeAnthropic, FakeAnthropicOptions, FakeRequestLog } from './types';

const DEFAULT_ACCESS_TTL_S = 28_800;
const DEFAULT_USAGE_BUDGET_PER_HOUR = 30;

type Handler = (state: FakeState, ex: Exchange) => void | Promise<void>;

/** Which handler answers a method and path, and under which route name it is logged. */
function route(method: string, path: string): { name: FakeRequestLog['route']; handler: Handler } {
  if (path === '/api/oauth/usage' && method === 'GET') return { name: 'usage', handler: handleUsage };
  if (path === '/api/oauth/profile' && method === 'GET') return { name: 'profile', handler: handleProfile };
  if (path === '/v1/oauth/token' && method === 'POST') return { name: 'token', handler: handleToken };
  if (path === '/api/hello' && (method === 'GET' || method === 'HEAD')) {
    return { name: 'hello', handler: handleHello };
  }
  return { name: 'unknown', handler: handleUnknown };
}

/**
 * Starts a fake of Anthropic's OAuth endpoints (usage, profile, token, hello) over real HTTP on
 * 127.0.0.1 (any free port by default), or HTTPS with `tls`. Its semantics follow docs/claude-code.md:
 * single-use refresh tokens, the usage endpoint's header requirements and hourly budget. Tests
 * control it through the returned object and read what happened in `stats`.
 */
export async function createFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const refreshTtlS = opts.refreshTtlS ?? null;
  const state: FakeState = {
    book: new AccountBook(
      (opts.accessTtlS ?? DEFAULT_ACCESS_TTL_S) * 1000,
      refreshTtlS === null ? null : refreshTtlS * 1000,
      opts.defaultUsage,
    ),
    stats: createStats(),
    modes: new Map(),
    budgetPerHour: opts.usageBudgetPerHour ?? DEFAULT_USAGE_BUDGET_PER_HOUR,
  };
  let latencyMs = opts.latencyMs ?? 0;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const { name, handler } = route(method, path);
    const ex: Exchange = { req, res, route: name, path, email: null, at: Date.now() };
    res.on('error', () => {}); // a client that hangs up mid-answer is not the fake's problem
    void (async () => {
      if (latencyMs > 0) await sleep(latencyMs);
      ex.at = Date.now();
      await handler(state, ex);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake-anthropic error: ${String(err)}`);
    });
  };

  const server = opts.tls
    ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : createHttpServer(onRequest);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    tokenUrl: `${url}/v1/oauth/token`,
    port,
    get stats() {
      return state.stats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Drops hanging requests and idle keep-alive sockets, so close() never waits on a client.
        server.closeAllConnections();
      }),
    addAccount: (init) => state.book.add(init, Date.now()),
    setUsage: (email, usage) => {
      state.book.must(email).usage = usage;
    },
    revokeLogin: (email, revokeOpts) => state.book.revoke(email, revokeOpts?.keepAccess ?? false),
    expireAccess: (email) => state.book.expireAccess(email, Date.now()),
    setMode: (routeName, mode, modeOpts) => {
      state.modes.set(routeName, { mode, ...modeOpts });
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setUsageBudget: (callsPerHour) => {
      state.budgetPerHour = callsPerHour;
    },
    resetBudget: () => state.book.resetBudgets(),
    currentRefreshToken: (email) => state.book.current(email)?.refreshToken ?? null,
    currentAccessToken: (email) => state.book.current(email)?.accessToken ?? null,
    resetStats: () => clearStats(state.stats),
    issuedTokens: () => state.book.allTokens(),
  };
}
