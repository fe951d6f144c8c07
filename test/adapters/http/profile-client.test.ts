import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProfile, fetchProfile } from '../../../shared/adapters/http/profile-client';
import { createFakeAnthropic, type FakeAnthropic } from '../../fake-anthropic';

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await createFakeAnthropic();
});
afterAll(() => fake.close());

describe('fetchProfile against the fake Anthropic', () => {
  it('returns email, subscription and rate-limit tier', async () => {
    const { accessToken } = fake.addAccount({
      email: 'pro@example.com',
      subscription: 'pro',
      rateLimitTier: 'default_claude_pro',
    });
    const result = await fetchProfile({ apiBase: fake.url, accessToken, timeoutMs: 2000 });
    expect(result).toEqual({
      ok: true,
      status: 200,
      email: 'pro@example.com',
      subscription: 'pro',
      rateLimitTier: 'default_claude_pro',
    });
    expect(fake.stats.profileCalls).toBe(1);
  });

  it('classifies a revoked token as unauthorized and a 500 as server_error', async () => {
    const { accessToken } = fake.addAccount({ email: 'dead@example.com' });
    fake.revokeLogin('dead@example.com');
    expect(await fetchProfile({ apiBase: fake.url, accessToken, timeoutMs: 2000 })).toMatchObject({
      ok: false,
      kind: 'unauthorized',
    });
    fake.setMode('profile', '500');
    expect(await fetchProfile({ apiBase: fake.url, accessToken, timeoutMs: 2000 })).toMatchObject({
      kind: 'server_error',
    });
    fake.setMode('profile', 'normal');
  });

  it.each([
    [
      { account: { email_address: 'a@b.c', has_claude_max: true } },
      { email: 'a@b.c', subscription: 'max', rateLimitTier: null },
    ],
    [
      { organization: { organization_type: 'claude_team', rate_limit_tier: 't' } },
      { email: null, subscription: 'team', rateLimitTier: 't' },
    ],
    [{ something: 'else' }, null],
  ])('decodes %j', (input, expected) => {
    expect(decodeProfile(input)).toEqual(expected);
  });
});
