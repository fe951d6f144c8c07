/**
 * A 401/403 from the usage endpoint while the stored access token is valid locally: the server ended the
 * session (the original incident). The next step is the token-refresh path at once — dead within one
 * cycle, revived within one cycle, never deactivated on the 401 alone, and never recommended meanwhile.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestDeps } from '../support/engine-deps';
import { createStandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
const SLOTS = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: 'two@example.com' },
  { id: 'slot-3', email: 'three@example.com' },
];
const VALID = () => Date.now() + 5 * 3_600_000;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

function makeHome(mode: 'locked' | 'delegate' | 'never') {
  home = createTempHome({
    fake,
    slots: SLOTS.map((s) => ({ ...s, accessExpiresAt: VALID() })),
    settings: { token_refresh: mode },
  });
  return home;
}

const tokenCalls = (email: string) => fake.stats.tokenCalls[email] ?? 0;

describe('a 401 with a locally valid token', () => {
  it('locked: the login the server ended is found dead in the same cycle; the others are untouched', async () => {
    makeHome('locked');
    fake.revokeLogin('two@example.com');
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache.slots['slot-2']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(cache.slots['slot-2'].last_error?.message).toContain('quota-broker relogin slot-2');
    for (const id of ['slot-1', 'slot-3'])
      expect(cache.slots[id]).toMatchObject({ status: 'active', health: 'ok' });
    expect(tokenCalls('two@example.com')).toBe(1);
    expect(tokenCalls('one@example.com')).toBe(0);
    expect(fake.stats.refreshReuse).toBe(0);
    expect(home.readCredentials('slot-2').claudeAiOauth.refreshToken).toMatch(/^sk-ant-ort01-test-/);
  });

  it('delegate: the same, through Claude Code’s locks — `claude auth status` is not asked (it would see a valid token)', async () => {
    makeHome('delegate');
    const bin = createStandInBin(home.home);
    const claude = bin.addRecorder('claude');
    fake.revokeLogin('two@example.com');
    const { deps } = createTestDeps(home);
    const { cache } = await runCycle({ ...deps, claudeBin: claude }, Date.now);
    expect(cache.slots['slot-2']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(bin.calls('claude')).toEqual([]);
  });

  it('a session ended but the login alive (only the access token revoked): refreshed and fetched again, active and recommended', async () => {
    makeHome('locked');
    const before = home.readCredentials('slot-1').claudeAiOauth.accessToken;
    fake.expireAccess('one@example.com');
    fake.resetStats();
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache.slots['slot-1']).toMatchObject({ status: 'active', health: 'ok', token_rejected_at: null });
    expect(fake.stats.usageCalls['one@example.com']).toBe(2); // refused, then answered with the new token
    expect(tokenCalls('one@example.com')).toBe(1);
    const after = home.readCredentials('slot-1');
    expect(after.claudeAiOauth.accessToken).not.toBe(before);
    expect(after.mcpOAuth).toBeDefined(); // siblings kept
  });

  it('unresolved (the token endpoint down): still active, never deactivated on a 401 alone, and not recommended', async () => {
    makeHome('locked');
    // slot-1 has the most headroom: it would be recommended if it were usable.
    fake.setUsage('two@example.com', { five_hour: { utilization: 80, resets_at: null } });
    fake.setUsage('three@example.com', { five_hour: { utilization: 70, resets_at: null } });
    fake.expireAccess('one@example.com');
    fake.setMode('token', '500');
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache.slots['slot-1']).toMatchObject({ status: 'active', health: 'token_expired' });
    expect(cache.slots['slot-1'].token_rejected_at).toEqual(expect.any(Number));
    expect(cache.recommended).toBe('slot-3');
    expect(readFileSync(home.registry, 'utf8')).not.toMatch(/id: slot-1[\s\S]*?status: inactive/);
  });

  it('never: waits for Claude Code, no token call, the slot stays active', async () => {
    makeHome('never');
    fake.revokeLogin('two@example.com');
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache.slots['slot-2']).toMatchObject({ status: 'active', health: 'token_expired' });
    expect(tokenCalls('two@example.com')).toBe(0);
  });
});
