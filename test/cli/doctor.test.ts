import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createDoctorHome, type DoctorHome, expectNoToken, findingsOf } from './doctor-support';

let fake: FakeAnthropic;
let h: DoctorHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  h?.home.cleanup();
  await fake.close();
});

const three = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: 'two@example.com' },
  { id: 'slot-3', email: 'three@example.com' },
];

describe('quota-broker doctor (offline)', () => {
  it('a healthy setup exits 0, names every slot and prints no token', async () => {
    h = createDoctorHome(fake, { slots: three });
    expect((await runCli(['refresh'], h.env())).code).toBe(0);
    fake.resetStats();
    const run = await h.doctor();
    expect(run.code).toBe(0);
    for (const s of three) expect(run.stdout).toContain(`${s.id} (${s.email}`);
    expect(run.stdout).toContain('access token valid for');
    expect(run.stdout).toMatch(/last success \d+s ago/);
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toMatch(/Healthy/);
    expectNoToken(run);
    // Offline: not one request reached the server.
    expect(fake.stats.requests).toHaveLength(0);
  });

  it('with no registry it checks the discovered default account (email from ~/.claude.json)', async () => {
    h = createDoctorHome(fake, {
      noRegistry: true,
      slots: [{ id: 'x', email: 'me@example.com', dirName: '.claude' }],
    });
    // No cycle has run: the email can only come from the default account's own ~/.claude.json.
    const { report } = await h.json();
    expect(report.slots.default).toMatchObject({ email: 'me@example.com' });
    expect(report.slots.default.credentials).toMatchObject({ state: 'ok' });
  });

  it('a dead login exits 1 and names the slot, the cause and the fix', async () => {
    const slots = three.map((s) =>
      s.id === 'slot-2' ? { ...s, accessExpiresAt: Date.now() - 3 * 3600_000 } : s,
    );
    h = createDoctorHome(fake, { slots, settings: { token_refresh: 'locked' } });
    fake.revokeLogin('two@example.com');
    await runCli(['refresh'], h.env());
    const run = await h.doctor();
    expect(run.code).toBe(1);
    const line = run.stdout.split('\n').find((l) => l.includes('login dead'));
    expect(line).toMatch(/access token expired 3h ago/);
    expect(line).toMatch(/refresh token was rejected .*invalid_grant/);
    expect(line).toContain('→ run: quota-broker relogin slot-2');
    expect(run.stdout).toMatch(/What to do:\n\s+1\. run: quota-broker relogin slot-2/);
    // The log's errors are pointed at, too.
    expect(run.stdout).toMatch(/log .*broker\.log: \d+ errors? in the last 24h/);
    expectNoToken(run);
    const { report } = await h.json();
    expect(findingsOf(report, 'problem').map((f) => [f.scope, f.code])).toEqual([['slot-2', 'login_dead']]);
  });

  it('an expired access token: offline the login is unknown; --online renews it the way the engine does', async () => {
    h = createDoctorHome(fake, { slots: [three[0]] });
    await runCli(['refresh'], h.env());
    const creds = h.home.readCredentials('slot-1').claudeAiOauth as {
      accessToken: string;
      refreshToken: string;
    };
    h.home.writeCredentials('slot-1', { ...creds, expiresAt: Date.now() - 2 * 3600_000 });
    const run = await h.doctor();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '! access token expired 2h ago; whether the login (refresh token) still works is unknown until a refresh is tried → run: quota-broker doctor --online (tries the refresh the broker would make)',
    );
    expect(run.stdout).not.toMatch(/will (have Claude Code )?refresh/);
    expect(run.stdout).toMatch(/What to do:\n {2}1\. run: quota-broker doctor --online/);
    expectNoToken(run);

    fake.resetStats();
    const online = await h.doctor(['--online']);
    expect(online.code).toBe(0);
    expect(online.stdout).toContain('✓ access token had expired 2h ago; renewed just now: the login works');
    expect(online.stdout).toMatch(/✓ usage endpoint answered \(after renewing the access token\): 5-hour/);
    // Renewed as the engine renews: one rotation, no reuse, both tokens and every sibling stored.
    expect(fake.stats.tokenCalls).toEqual({ 'one@example.com': 1 });
    expect(fake.stats.refreshReuse).toBe(0);
    const stored = h.home.readCredentials('slot-1');
    expect(stored.claudeAiOauth.refreshToken).toBe(fake.currentRefreshToken('one@example.com'));
    expect(stored.claudeAiOauth.expiresAt as number).toBeGreaterThan(Date.now());
    expect(stored).toMatchObject({
      mcpOAuth: { 'server-a': expect.any(Object) },
      organizationUuid: 'org-test-1',
    });
    expectNoToken(online);
  });

  it('with token_refresh: never, an expired access token says how to let Claude Code refresh it', async () => {
    h = createDoctorHome(fake, {
      slots: [{ ...three[0], accessExpiresAt: Date.now() - 60_000 }],
      settings: { token_refresh: 'never' },
    });
    await runCli(['refresh'], h.env());
    const run = await h.doctor();
    expect(run.stdout).toContain('token_refresh is never');
    expect(run.stdout).toContain(`→ run: CLAUDE_CONFIG_DIR=${h.home.dirOf('slot-1')} claude auth status`);
  });

  it('an unparseable registry exits 1 with line and column, and the last good slots are still checked', async () => {
    h = createDoctorHome(fake, { slots: [three[0]] });
    await runCli(['refresh'], h.env());
    writeFileSync(h.home.registry, 'accounts:\n  - id: slot-1\n    config_dir: [unclosed\n');
    const run = await h.doctor();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ .*claude-sessions\.yaml:\d+:\d+: the slot registry is not valid YAML/);
    expect(run.stdout).toMatch(/→ edit .*claude-sessions\.yaml at line \d+, column \d+/);
    expect(run.stdout).toContain('Meanwhile the broker uses the last good registry.');
    expect(run.stdout).toContain('slot-1 (one@example.com');
  });

  it('a stale cache with no broker running exits 1 and says to start one', async () => {
    h = createDoctorHome(fake, { slots: three });
    await runCli(['refresh'], h.env());
    h.home.age(11 * 3600_000);
    const run = await h.doctor();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /✗ cache written 11h ago \(stale after 10m\); no broker is running → run: quota-broker service install/,
    );
    expect(run.stdout).toMatch(/✗ data 11h old: last success 11h ago, stale after 10m/);
    expect(run.stdout).toMatch(/! no broker is running/);
  });

  it('a crontab line that sends the broker output to /dev/null is a problem with its fix', async () => {
    const line = '*/5 * * * * /usr/local/bin/quota-broker refresh >/dev/null 2>&1';
    h = createDoctorHome(fake, {
      slots: [three[0]],
      crontab: `# m h dom mon dow command\nMAILTO=me@example.com\n${line}`,
    });
    await runCli(['refresh'], h.env());
    const run = await h.doctor();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `✗ crontab -l line 3 runs quota-broker with its output sent to /dev/null, so its failures are invisible: ${line}`,
    );
    expect(run.stdout).toMatch(
      /→ send its output to the log \(>> .*broker\.log 2>&1\), or replace the cron job: quota-broker service install/,
    );
    const { report } = await h.json();
    expect(report.global.cron).toMatchObject({
      lines: [{ source: 'crontab -l', line: 3, runs_broker: true, discards_output: true }],
    });
  });

  it('a home-made token refresher in cron with MAILTO="" is flagged; a logged broker job is fine', async () => {
    const crontab = [
      'MAILTO=""',
      '0 * * * * CLAUDE_CONFIG_DIR=~/.claude-2 claude -p hi',
      '*/5 * * * * quota-broker refresh >> ~/qb.log 2>&1',
    ].join('\n');
    h = createDoctorHome(fake, { slots: [three[0]], crontab });
    await runCli(['refresh'], h.env());
    const { report } = await h.json();
    const cron = report.findings.filter((f) => f.code.startsWith('cron_'));
    expect(cron.map((f) => [f.level, f.code])).toEqual([
      ['problem', 'cron_output_discarded'],
      ['ok', 'cron_job'],
    ]);
    expect(cron[0].message).toContain('line 2 touches Claude Code logins');
  });

  it('a missing config dir and a missing login each get their own fix', async () => {
    h = createDoctorHome(fake, { slots: [three[0], { ...three[1], noCredentials: true }] });
    await runCli(['refresh'], h.env());
    writeFileSync(
      h.home.registry,
      `accounts:\n  - id: slot-1\n    config_dir: ${h.home.dirOf('slot-1')}\n  - id: slot-2\n    config_dir: ${h.home.dirOf('slot-2')}\n  - id: slot-9\n    config_dir: ${h.home.home}/.claude-gone\n`,
    );
    const { run, report } = await h.json();
    expect(run.code).toBe(1);
    const problems = findingsOf(report, 'problem').map((f) => [f.scope, f.code, f.fix]);
    expect(problems).toContainEqual(['slot-2', 'no_credentials', 'run: quota-broker relogin slot-2']);
    expect(problems).toContainEqual([
      'slot-9',
      'config_dir_missing',
      expect.stringContaining('correct config_dir in'),
    ]);
  });

  it('all logins dead is said once, on top, with every re-login', async () => {
    h = createDoctorHome(fake, {
      slots: three.map((s) => ({ ...s, accessExpiresAt: Date.now() - 60_000 })),
      settings: { token_refresh: 'locked' },
    });
    for (const s of three) fake.revokeLogin(s.email);
    await runCli(['refresh'], h.env());
    const { report } = await h.json();
    expect(report.findings[0]).toMatchObject({
      level: 'problem',
      scope: 'global',
      code: 'all_inactive',
      fix: 'run: quota-broker relogin slot-1; run: quota-broker relogin slot-2; run: quota-broker relogin slot-3',
    });
  });

  it('every login dead after a success: each re-login once under What to do, old data not ticked as fine', async () => {
    h = createDoctorHome(fake, { slots: three, settings: { token_refresh: 'locked' } });
    expect((await runCli(['refresh'], h.env())).code).toBe(0);
    for (const s of three) {
      const { claudeAiOauth: o } = h.home.readCredentials(s.id);
      h.home.writeCredentials(s.id, {
        accessToken: o.accessToken as string,
        refreshToken: o.refreshToken as string,
        expiresAt: Date.now() - 60_000,
      });
      fake.revokeLogin(s.email);
    }
    h.home.age(11 * 3600_000);
    const dead = await runCli(['refresh'], h.env());
    expect(dead.code, dead.stdout + dead.stderr).toBe(1);
    const run = await h.doctor();
    expect(run.code).toBe(1);
    const steps = run.stdout
      .split('What to do:\n')[1]
      .split('\n\n')[0]
      .split('\n')
      .map((l) => l.trim());
    expect(steps).toEqual([
      '1. run: quota-broker relogin slot-1',
      '2. run: quota-broker relogin slot-2',
      '3. run: quota-broker relogin slot-3',
    ]);
    // The data's age is context for the dead login: neither a tick nor a problem of its own.
    const ageLines = run.stdout.split('\n').filter((l) => /data 11h old/.test(l));
    expect(ageLines).toHaveLength(3);
    for (const line of ageLines) expect(line).toMatch(/^\s+· data 11h old/);
    const { report } = await h.json();
    expect(report.what_to_do).toEqual(steps.map((s) => s.replace(/^\d+\. /, '')));
    expect(findingsOf(report, 'info').map((f) => f.code)).toEqual([
      'last_success',
      'last_success',
      'last_success',
    ]);
  });

  it('a broken environment is exit 2 (doctor could not run)', async () => {
    h = createDoctorHome(fake, { slots: [three[0]] });
    const run = await h.doctor([], { QUOTA_BROKER_CREDENTIALS: 'bogus' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('QUOTA_BROKER_CREDENTIALS must be');
  });
});
