import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchUsage } from '../../../shared/adapters/http/usage-client';
import { claudeCodeUserAgent } from '../../../shared/adapters/http/user-agent';
import { createFakeAnthropic, type FakeAnthropic, type FakeMode } from '../../fake-anthropic';

const EMAIL = 'usage@example.com';
let fake: FakeAnthropic;
let token: string;

beforeAll(async () => {
  fake = await createFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => {
  token = fake.addAccount({ email: EMAIL }).accessToken;
  for (const route of ['usage', 'token', 'profile'] as const) fake.setMode(route, 'normal');
  fake.setUsageBudget(30);
  fake.resetBudget();
  fake.resetStats();
});

const call = (overrides: Partial<Parameters<typeof fetchUsage>[0]> = {}) =>
  fetchUsage({ apiBase: fake.url, accessToken: token, timeoutMs: 2000, ...overrides });

describe('fetchUsage against the fake Anthropic', () => {
  it('decodes the account usage and sends the headers the endpoint needs', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const result = await call({ fetch: spy });
    expect(result).toMatchObject({ ok: true, status: 200, snapshot: { five_hour: { utilization: 52 } } });
    expect(Object.fromEntries(seen[0])).toEqual({
      authorization: `Bearer ${token}`,
      'anthropic-beta': 'oauth-2025-04-20',
      accept: 'application/json',
      'user-agent': claudeCodeUserAgent(),
    });
    expect(fake.stats.usageCalls[EMAIL]).toBe(1);
    expect(fake.stats.requests[0]).toMatchObject({
      route: 'usage',
      status: 200,
      userAgent: 'claude-code/2.1.332',
    });
  });

  it('tolerates a trailing slash in the API base', async () => {
    expect((await call({ apiBase: `${fake.url}/` })).ok).toBe(true);
  });

  it('an expired access token is unauthorized, with a message that names no token', async () => {
    fake.expireAccess(EMAIL);
    const result = await call();
    expect(result).toMatchObject({ ok: false, kind: 'unauthorized', status: 401 });
    expect(!result.ok && result.message).toMatch(/expired/);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('a token without user:profile is forbidden', async () => {
    token = fake.addAccount({ email: 'setup-token@example.com', scopes: ['user:inference'] }).accessToken;
    expect(await call()).toMatchObject({ ok: false, kind: 'forbidden', status: 403 });
  });

  it('the hourly budget answers rate_limited with Retry-After 0', async () => {
    fake.setUsageBudget(2);
    expect((await call()).ok).toBe(true);
    expect((await call()).ok).toBe(true);
    expect(await call()).toMatchObject({ ok: false, kind: 'rate_limited', status: 429, retryAfterS: 0 });
  });

  it('a non-claude-code User-Agent gets the persistent 429', async () => {
    expect(await call({ userAgent: 'quota-broker/1.0' })).toMatchObject({ kind: 'rate_limited' });
  });

  it('parses a Retry-After in seconds and as an HTTP-date', async () => {
    fake.setMode('usage', '429', { retryAfter: '120' });
    expect(await call()).toMatchObject({ kind: 'rate_limited', retryAfterS: 120 });
    fake.setMode('usage', '429', { retryAfter: new Date(Date.now() + 60_000).toUTCString() });
    const result = await call();
    expect(!result.ok && result.retryAfterS).toBeGreaterThanOrEqual(58);
    expect(!result.ok && result.retryAfterS).toBeLessThanOrEqual(61);
  });

  it('5xx is server_error', async () => {
    fake.setMode('usage', '500');
    expect(await call()).toMatchObject({ ok: false, kind: 'server_error', status: 500 });
  });

  it.each<[FakeMode, RegExp]>([
    ['html', /not JSON \(text\/html/],
    ['garbage', /not JSON/],
    ['binary', /binary/],
    ['huge', /size limit/],
  ])('a %s answer is bad_response', async (mode, message) => {
    fake.setMode('usage', mode);
    const result = await call();
    expect(result).toMatchObject({ ok: false, kind: 'bad_response', status: 200 });
    expect(!result.ok && result.message).toMatch(message);
  });

  it('a huge answer is cut off at the cap, not read whole', async () => {
    fake.setMode('usage', 'huge');
    let bytesRead = 0;
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const count = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          bytesRead += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return new Response(res.body?.pipeThrough(count), { status: res.status, headers: res.headers });
    };
    expect(await call({ fetch: counting, maxBytes: 64 * 1024 })).toMatchObject({ kind: 'bad_response' });
    expect(bytesRead).toBeGreaterThan(64 * 1024);
    expect(bytesRead).toBeLessThan(1024 * 1024);
  });

  it('JSON without any usage field is bad_response', async () => {
    fake.setUsage(EMAIL, { hello: 'world' });
    expect(await call()).toMatchObject({ ok: false, kind: 'bad_response', status: 200 });
  });

  it('a hanging server times out within the timeout', async () => {
    fake.setMode('usage', 'hang');
    const result = await call({ timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, kind: 'timeout', status: null });
  });

  it('a slow answer past the timeout is a timeout too', async () => {
    fake.setLatency(800);
    try {
      expect(await call({ timeoutMs: 200 })).toMatchObject({ kind: 'timeout' });
    } finally {
      fake.setLatency(0);
    }
  });

  it('a refused connection is offline', async () => {
    const gone = await createFakeAnthropic();
    const url = gone.url;
    await gone.close();
    const result = await call({ apiBase: url });
    expect(result).toMatchObject({ ok: false, kind: 'offline', status: null });
    expect(!result.ok && result.message).toMatch(/ECONNREFUSED/);
  });

  it('an unexpected status (404) is bad_response', async () => {
    const result = await call({ apiBase: `${fake.url}/nowhere` });
    expect(result).toMatchObject({ ok: false, kind: 'bad_response', status: 404 });
  });
});
