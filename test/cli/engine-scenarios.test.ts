import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCliInProcess } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home?.cleanup();
  await fake.close();
});

const three = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: 'two@example.com' },
  { id: 'slot-3', email: 'three@example.com' },
];
const expired = () => Date.now() - 60_000;

describe('slot health through the real CLI', () => {
  it('a dead login deactivates only its slot, keeps the registry comments, and stops calls for it', async () => {
    home = createTempHome({
      fake,
      slots: three.map((s) => (s.id === 'slot-2' ? { ...s, accessExpiresAt: expired() } : s)),
      settings: { token_refresh: 'locked' },
    });
    fake.revokeLogin('two@example.com');
    const run = await runCliInProcess(['refresh'], home.env());
    expect(run.code).toBe(0);
    const cache = home.readCache();
    expect(cache.slots['slot-2']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(cache.slots['slot-2'].last_error?.message).toContain('quota-broker relogin slot-2');
    expect(cache.slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
    expect(cache.slots['slot-3']).toMatchObject({ status: 'active', health: 'ok' });
    expect(cache.all_inactive).toBe(false);
    const yaml = readFileSync(home.registry, 'utf8');
    expect(yaml).toContain('# Test registry — this comment must survive broker writes');
    expect(yaml).toContain('# slot slot-2');
    expect(yaml).toMatch(/id: slot-2\s+# slot slot-2\n\s+config_dir: .*\n\s+status: inactive/);
    expect(yaml).toMatch(/id: slot-1\s+# slot slot-1\n\s+config_dir: .*\n\s+status: active/);
    // The stored login is untouched: no stub written by the broker.
    expect(home.readCredentials('slot-2').claudeAiOauth.refreshToken).toMatch(/^sk-ant-ort01-test-/);
    expect(run.stdout).toContain('run: quota-broker relogin slot-2');
    fake.resetStats();
    await runCliInProcess(['refresh'], home.env());
    expect(fake.stats.tokenCalls['two@example.com'] ?? 0).toBe(0);
    expect(fake.stats.usageCalls['two@example.com'] ?? 0).toBe(0);
  });

  it('all logins dead → all_inactive, and a re-login elsewhere reactivates the slot by itself', async () => {
    home = createTempHome({
      fake,
      slots: three.map((s) => ({ ...s, accessExpiresAt: expired() })),
      settings: { token_refresh: 'locked' },
    });
    for (const s of three) fake.revokeLogin(s.email);
    expect((await runCliInProcess(['refresh'], home.env())).code).toBe(1);
    const cache = home.readCache();
    expect(cache.all_inactive).toBe(true);
    expect(cache.recommended).toBeNull();
    const status = await runCliInProcess(['status'], home.env());
    expect(status.stdout).toContain('ALL SLOTS INACTIVE');
    // The person logs in again as slot-3 (Claude Code writes new credentials).
    const pair = fake.addAccount({ email: 'three@example.com' });
    home.writeCredentials('slot-3', { ...pair, expiresAt: Date.now() + 3600_000 });
    await runCliInProcess(['refresh'], home.env());
    const after = home.readCache();
    expect(after.slots['slot-3']).toMatchObject({ status: 'active', health: 'ok' });
    expect(after.all_inactive).toBe(false);
    expect(after.recommended).toBe('slot-3');
    expect(readFileSync(home.registry, 'utf8')).toMatch(/id: slot-3 .*\n.*\n\s+status: active/);
  });

  it('locked mode writes rotated tokens back with every sibling kept and mode 0600', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com', accessExpiresAt: expired() }],
      settings: { token_refresh: 'locked' },
    });
    const before = home.readCredentials('slot-1');
    await runCliInProcess(['refresh'], home.env());
    const after = home.readCredentials('slot-1');
    expect(after.claudeAiOauth.refreshToken).toBe(fake.currentRefreshToken('one@example.com'));
    expect(after.claudeAiOauth.refreshToken).not.toBe(before.claudeAiOauth.refreshToken);
    expect(after.claudeAiOauth.expiresAt as number).toBeGreaterThan(Date.now() + 3600_000);
    expect(after.mcpOAuth).toEqual(before.mcpOAuth);
    expect(after.organizationUuid).toBe('org-test-1');
    expect(after.claudeAiOauth.futureField).toEqual({ keep: true });
    expect(after.claudeAiOauth.scopes).toEqual(before.claudeAiOauth.scopes);
    expect(statSync(home.credentialsPath('slot-1')).mode & 0o777).toBe(0o600);
    expect(home.readCache().slots['slot-1'].health).toBe('ok');
    expect(fake.stats.refreshReuse).toBe(0);
    const tokenAgents = fake.stats.requests.filter((r) => r.route === 'token').map((r) => r.userAgent ?? '');
    expect(tokenAgents.every((ua) => !ua.startsWith('claude-code/'))).toBe(true);
  });

  it('never mode only reads: an expired token shows token_expired and no token call is made', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com', accessExpiresAt: expired() }],
      settings: { token_refresh: 'never' },
    });
    await runCliInProcess(['refresh'], home.env());
    expect(home.readCache().slots['slot-1']).toMatchObject({ status: 'active', health: 'token_expired' });
    expect(fake.stats.tokenCalls['one@example.com'] ?? 0).toBe(0);
  });
});

describe('transient failures', () => {
  it('429 keeps the slot active with its last good numbers and backs off across separate runs', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    await runCliInProcess(['refresh'], home.env());
    fake.setMode('usage', '429', { retryAfter: '0' });
    fake.resetStats();
    home.age(60_000);
    await runCliInProcess(['refresh'], home.env());
    const c1 = home.readCache().slots['slot-1'];
    expect(c1).toMatchObject({ status: 'active', health: 'rate_limited', five_hour: { utilization: 52 } });
    expect(c1.next_attempt_at! - Date.now()).toBeGreaterThan(290_000);
    // A second, separate `refresh` (cron) honours the persisted back-off: no call at all.
    home.age(60_000);
    await runCliInProcess(['refresh'], home.env());
    expect(fake.stats.usageCalls['one@example.com']).toBe(1);
    expect(home.readCache().slots['slot-1'].health).toBe('rate_limited');
  });

  it.each(['500', 'html', 'garbage', 'binary'] as const)(
    '%s answer → offline, active, last good numbers kept',
    async (mode) => {
      home = createTempHome({
        fake,
        slots: [
          { id: 'slot-1', email: 'one@example.com' },
          { id: 'slot-2', email: 'two@example.com' },
        ],
      });
      await runCliInProcess(['refresh'], home.env());
      fake.setMode('usage', mode);
      home.age(60_000);
      await runCliInProcess(['refresh'], home.env());
      const s = home.readCache().slots['slot-1'];
      expect(s).toMatchObject({ status: 'active', health: 'offline', five_hour: { utilization: 52 } });
      expect(s.last_error?.kind).toMatch(/server_error|bad_response/);
    },
  );

  it('a hanging endpoint does not hold the cycle past the request timeout', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com' }],
      settings: { request_timeout_s: 2 },
    });
    fake.setMode('usage', 'hang');
    // The endpoint never answers: the run can only finish because the request timed out.
    const run = await runCliInProcess(['refresh'], home.env());
    expect(run.code).toBe(0);
    expect(home.readCache().slots['slot-1']).toMatchObject({
      health: 'offline',
      last_error: { kind: 'timeout' },
    });
  });
});

describe('bad input loses nothing', () => {
  it('an unparseable registry is reported with line:col and never overwritten', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    await runCliInProcess(['refresh'], home.env());
    const broken = 'accounts:\n  - id: slot-1\n    config_dir: [unclosed\n';
    writeFileSync(home.registry, broken);
    const run = await runCliInProcess(['refresh'], home.env());
    expect(run.stderr).toMatch(/claude-sessions\.yaml:\d+:\d+/);
    expect(readFileSync(home.registry, 'utf8')).toBe(broken);
    // The last good registry keeps the slot polled.
    expect(home.readCache().slots['slot-1'].health).toBe('ok');
  });

  it('broken credentials JSON is isolated to its slot and left byte-identical', async () => {
    home = createTempHome({ fake, slots: three });
    writeFileSync(home.credentialsPath('slot-2'), '{"claudeAiOauth": {"accessToken": ');
    await runCliInProcess(['refresh'], home.env());
    const cache = home.readCache();
    expect(cache.slots['slot-2'].last_error?.kind).toBe('credentials_unreadable');
    expect(cache.slots['slot-2'].status).toBe('active');
    expect(cache.slots['slot-1'].health).toBe('ok');
    expect(cache.slots['slot-3'].health).toBe('ok');
    expect(readFileSync(home.credentialsPath('slot-2'), 'utf8')).toBe('{"claudeAiOauth": {"accessToken": ');
  });

  it('an email named nowhere is learned once from the profile endpoint', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'hidden@example.com' }] });
    rmSync(join(home.dirOf('slot-1'), '.claude.json'));
    await runCliInProcess(['refresh'], home.env());
    expect(home.readCache().slots['slot-1'].email).toBe('hidden@example.com');
    home.age(60_000);
    await runCliInProcess(['refresh'], home.env());
    expect(fake.stats.profileCalls).toBe(1);
    expect(home.readCache().slots['slot-1'].email).toBe('hidden@example.com');
  });

  it('with no registry, discovers the logged-in default account (~/.claude)', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'x', email: 'me@example.com', dirName: '.claude' }],
      noRegistry: true,
    });
    const run = await runCliInProcess(['refresh'], home.env());
    expect(run.code).toBe(0);
    expect(home.readCache().slots.default).toMatchObject({ email: 'me@example.com', health: 'ok' });
  });
});

describe('one broker', () => {
  it('4 concurrent refresh runs on expired tokens: exactly one token refresh per slot, zero reuse, all exit 0', async () => {
    home = createTempHome({
      fake,
      slots: three.map((s) => ({ ...s, accessExpiresAt: expired() })),
      settings: { token_refresh: 'locked' },
    });
    const runs = await Promise.all([1, 2, 3, 4].map(() => runCliInProcess(['refresh'], home.env())));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    for (const s of three) {
      expect(fake.stats.tokenCalls[s.email]).toBe(1);
      expect(fake.stats.usageCalls[s.email]).toBe(1);
      expect(home.readCredentials(s.id).claudeAiOauth.refreshToken).toBe(fake.currentRefreshToken(s.email));
    }
    expect(fake.stats.refreshReuse).toBe(0);
  });
});

describe('refresh now', () => {
  it('a second refresh within 10 s reuses the first one’s answer instead of calling again', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    await runCliInProcess(['refresh'], home.env());
    await runCliInProcess(['refresh'], home.env());
    expect(fake.stats.usageCalls['one@example.com']).toBe(1);
    home.age(60_000);
    await runCliInProcess(['refresh'], home.env());
    expect(fake.stats.usageCalls['one@example.com']).toBe(2);
  });
});
