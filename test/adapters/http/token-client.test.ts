import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAUDE_CODE_CLIENT_ID, refreshAccessToken } from '../../../shared/adapters/http/token-client';
import { createFakeAnthropic, type FakeAnthropic } from '../../fake-anthropic';

const EMAIL = 'token@example.com';
const SCOPES = ['user:profile', 'user:inference'];
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await createFakeAnthropic({ accessTtlS: 600, refreshTtlS: 86_400 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.addAccount({ email: EMAIL });
  fake.setMode('token', 'normal');
  fake.resetStats();
});

const refresh = (refreshToken: string, overrides: Partial<Parameters<typeof refreshAccessToken>[0]> = {}) =>
  refreshAccessToken({
    tokenUrl: fake.tokenUrl,
    refreshToken,
    scopes: SCOPES,
    timeoutMs: 2000,
    ...overrides,
  });

describe('refreshAccessToken against the fake Anthropic', () => {
  it('rotates: a new pair with lifetimes and scope, and the old refresh token is dead', async () => {
    const old = fake.currentRefreshToken(EMAIL)!;
    const result = await refresh(old);
    expect(result).toMatchObject({
      ok: true,
      expiresInS: 600,
      refreshTokenExpiresInS: 86_400,
      scope: 'user:profile user:inference',
    });
    if (!result.ok) throw new Error('unreachable');
    expect(result.accessToken).toMatch(/^sk-ant-oat01-test-/);
    expect(result.refreshToken).toBe(fake.currentRefreshToken(EMAIL));
    expect(result.refreshToken).not.toBe(old);
  });

  it('a second use of the same refresh token is invalid_grant and counted as reuse', async () => {
    const old = fake.currentRefreshToken(EMAIL)!;
    expect((await refresh(old)).ok).toBe(true);
    const again = await refresh(old);
    expect(again).toMatchObject({ ok: false, kind: 'invalid_grant', status: 400 });
    expect(!again.ok && again.message).toMatch(/Refresh token not found or invalid/);
    expect(JSON.stringify(again)).not.toContain(old);
    expect(fake.stats.refreshReuse).toBe(1);
    expect(fake.stats.tokenCalls[EMAIL]).toBe(2);
  });

  it('a revoked login is invalid_grant without counting as reuse', async () => {
    const current = fake.currentRefreshToken(EMAIL)!;
    fake.revokeLogin(EMAIL);
    expect(await refresh(current)).toMatchObject({ ok: false, kind: 'invalid_grant' });
    expect(fake.stats.refreshReuse).toBe(0);
  });

  it('posts the body docs/claude-code.md prescribes with a neutral User-Agent', async () => {
    let sent: { headers: Headers; body: unknown } | null = null;
    const spy: typeof fetch = (input, init) => {
      sent = { headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) };
      return fetch(input, init);
    };
    const token = fake.currentRefreshToken(EMAIL)!;
    expect((await refresh(token, { fetch: spy })).ok).toBe(true);
    expect(sent!.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: token,
      client_id: CLAUDE_CODE_CLIENT_ID,
      scope: 'user:profile user:inference',
    });
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(fake.stats.requests[0].userAgent).toBe('quota-broker/0.0.0-test');
  });

  it('a wrong client id is invalid_client', async () => {
    const result = await refresh(fake.currentRefreshToken(EMAIL)!, { clientId: 'not-the-client' });
    expect(result).toMatchObject({ ok: false, kind: 'invalid_client', status: 401 });
  });

  it('a 401 invalid_grant is invalid_grant too', async () => {
    const stub: typeof fetch = async () =>
      Response.json(
        { error: 'invalid_grant', error_description: 'revoked sk-ant-ort01-test-abcd1234' },
        { status: 401 },
      );
    const result = await refresh('sk-ant-ort01-test-abcd1234', { fetch: stub });
    expect(result).toMatchObject({ ok: false, kind: 'invalid_grant', status: 401 });
    expect(!result.ok && result.message).not.toContain('abcd1234');
  });

  it.each(['500', '429', 'html', 'garbage', 'binary', 'huge'] as const)(
    'a %s answer is transient',
    async (mode) => {
      fake.setMode('token', mode);
      const token = fake.currentRefreshToken(EMAIL)!;
      expect(await refresh(token)).toMatchObject({ ok: false, kind: 'transient' });
      fake.setMode('token', 'normal');
      expect((await refresh(token)).ok).toBe(true); // the refresh token was not spent
    },
  );

  it('a hanging endpoint is transient within the timeout', async () => {
    fake.setMode('token', 'hang');
    const result = await refresh(fake.currentRefreshToken(EMAIL)!, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, kind: 'transient', status: null });
    expect(!result.ok && result.message).toMatch(/within 300 ms/);
  });

  it('an unreachable endpoint is transient', async () => {
    const gone = await createFakeAnthropic();
    await gone.close();
    expect(await refresh('sk-ant-ort01-test-x', { tokenUrl: gone.tokenUrl })).toMatchObject({
      ok: false,
      kind: 'transient',
      status: null,
    });
  });
});
