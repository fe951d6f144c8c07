import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '.';

const CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
const CC_HEADERS = { 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': 'claude-code/2.1.332' };
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await createFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.resetStats());

const usage = (token: string, headers: Record<string, string> = CC_HEADERS) =>
  fetch(`${fake.url}/api/oauth/usage`, { headers: { authorization: `Bearer ${token}`, ...headers } });

const postToken = (refreshToken: string, extra: Record<string, unknown> = {}, ua = 'axios/1.8.4') =>
  fetch(fake.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': ua },
    body: JSON.stringify({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: CLIENT_ID,
      ...extra,
    }),
  });

describe('fake Anthropic: accounts and tokens', () => {
  it('issues short, obviously fake tokens and serves the fixture usage by default', async () => {
    const pair = fake.addAccount({ email: 'a@example.com' });
    expect(pair.accessToken).toMatch(/^sk-ant-oat01-test-[0-9a-f]{8}$/);
    expect(pair.refreshToken).toMatch(/^sk-ant-ort01-test-[0-9a-f]{8}$/);
    const res = await usage(pair.accessToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ five_hour: { utilization: 52 } });
  });

  it('re-login via addAccount kills the previous tokens', async () => {
    const first = fake.addAccount({ email: 'relogin@example.com' });
    const second = fake.addAccount({ email: 'relogin@example.com' });
    expect((await usage(first.accessToken)).status).toBe(401);
    expect((await postToken(first.refreshToken)).status).toBe(400);
    expect((await usage(second.accessToken)).status).toBe(200);
    expect(fake.stats.refreshReuse).toBe(0);
  });

  it('of several concurrent posts of one refresh token exactly one wins; the rest are reuse', async () => {
    const { refreshToken } = fake.addAccount({ email: 'race@example.com' });
    const answers = await Promise.all([1, 2, 3, 4].map(() => postToken(refreshToken)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    expect(fake.stats.refreshReuse).toBe(3);
    expect(fake.stats.tokenCalls['race@example.com']).toBe(4);
  });

  it('an unknown refresh token is invalid_grant but not reuse', async () => {
    const res = await postToken('sk-ant-ort01-test-nothere');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Refresh token not found or invalid',
    });
    expect(fake.stats.refreshReuse).toBe(0);
  });

  it('rejects a claude-code/ User-Agent and a wrong client id on the token endpoint without spending the token', async () => {
    const { refreshToken } = fake.addAccount({ email: 'ua@example.com' });
    expect((await postToken(refreshToken, {}, 'claude-code/2.1.332')).status).toBe(429);
    const wrong = await postToken(refreshToken, { client_id: 'x' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect((await postToken(refreshToken)).status).toBe(200);
    expect(fake.stats.requests.map((r) => r.userAgent)).toEqual([
      'claude-code/2.1.332',
      'axios/1.8.4',
      'axios/1.8.4',
    ]);
  });

  it('access tokens expire after accessTtlS', async () => {
    const short = await createFakeAnthropic({ accessTtlS: 0.2 });
    try {
      const { accessToken } = short.addAccount({ email: 'ttl@example.com' });
      const get = () =>
        fetch(`${short.url}/api/oauth/usage`, {
          headers: { authorization: `Bearer ${accessToken}`, ...CC_HEADERS },
        });
      expect((await get()).status).toBe(200);
      await new Promise((r) => setTimeout(r, 250));
      const expired = await get();
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: { type: 'authentication_error' } });
    } finally {
      await short.close();
    }
  });
});

describe('fake Anthropic: usage endpoint requirements', () => {
  it('needs a claude-code/ User-Agent (429) and the OAuth beta header (401)', async () => {
    const { accessToken } = fake.addAccount({ email: 'hdr@example.com' });
    const noUa = await usage(accessToken, { 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': 'node' });
    expect(noUa.status).toBe(429);
    expect(noUa.headers.get('retry-after')).toBe('0');
    expect((await usage(accessToken, { 'user-agent': 'claude-code/2.1.332' })).status).toBe(401);
    expect(fake.stats.usageCalls['hdr@example.com']).toBe(2);
  });

  it('counts the hourly budget per account', async () => {
    fake.setUsageBudget(3);
    try {
      const a = fake.addAccount({ email: 'budget-a@example.com' }).accessToken;
      const b = fake.addAccount({ email: 'budget-b@example.com' }).accessToken;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await usage(a)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await usage(b)).status).toBe(200);
      fake.resetBudget();
      expect((await usage(a)).status).toBe(200);
    } finally {
      fake.setUsageBudget(30);
    }
  });
});

describe('fake Anthropic: other routes and lifecycle', () => {
  it('answers HEAD and GET /api/hello and logs unknown routes with 404', async () => {
    expect((await fetch(`${fake.url}/api/hello`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${fake.url}/api/hello`)).status).toBe(200);
    expect(
      (await fetch(`${fake.url}/api/claude_cli_feedback?x=1`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    expect(fake.stats.requests.map((r) => [r.route, r.method, r.path, r.status])).toEqual([
      ['hello', 'HEAD', '/api/hello', 200],
      ['hello', 'GET', '/api/hello', 200],
      ['unknown', 'POST', '/api/claude_cli_feedback', 404],
    ]);
  });

  it('close() returns promptly while a request hangs', async () => {
    const other = await createFakeAnthropic();
    const { accessToken } = other.addAccount({ email: 'hang@example.com' });
    other.setMode('usage', 'hang');
    const pending = fetch(`${other.url}/api/oauth/usage`, {
      headers: { authorization: `Bearer ${accessToken}`, ...CC_HEADERS },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(other.stats.requests).toMatchObject([{ route: 'usage', status: null, email: 'hang@example.com' }]);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it('applies latency to every answer', async () => {
    fake.setLatency(150);
    try {
      const started = Date.now();
      await fetch(`${fake.url}/api/hello`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      fake.setLatency(0);
    }
  });
});
