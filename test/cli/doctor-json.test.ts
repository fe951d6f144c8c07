import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ON_LINUX } from '../support/platform';
import { BIN, runCli } from '../support/run-cli';
import { waitUntil } from '../support/wait';
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

const slots = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `slot-${i + 1}`, email: `user${i + 1}@example.com` }));

describe('doctor --json (docs/doctor.md, version 1)', () => {
  it('the built CLI (a real process) gives the same report as the in-process runs below', async () => {
    h = createDoctorHome(fake, { slots: slots(2) });
    await runCli(['refresh'], h.env());
    const bundled = await runCli(['doctor', '--json'], h.env());
    const { run, report } = await h.json();
    expect(bundled.code).toBe(run.code);
    // Ages in the messages differ by the second between the runs; the verdicts may not.
    const verdicts = (r: typeof report) => ({
      keys: Object.keys(r),
      healthy: r.healthy,
      findings: r.findings.map((f) => [f.scope, f.level, f.code, f.fix]),
      slots: Object.keys(r.slots),
    });
    expect(verdicts(JSON.parse(bundled.stdout))).toEqual(verdicts(report));
  });

  it('has the documented shape', async () => {
    h = createDoctorHome(fake, { slots: slots(2) });
    await runCli(['refresh'], h.env());
    const { run, report } = await h.json();
    expect(run.code).toBe(0);
    expectNoToken(run);
    expect(Object.keys(report)).toEqual([
      'version',
      'generated_at',
      'online',
      'exit_code',
      'healthy',
      'summary',
      'findings',
      'what_to_do',
      'slots',
      'global',
      'open_alerts',
    ]);
    expect(report).toMatchObject({
      version: 1,
      online: false,
      exit_code: 0,
      healthy: true,
      summary: { problems: 0, slots: 2 },
    });
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(['level', 'scope', 'code', 'message', 'fix']);
      expect(['ok', 'warn', 'problem']).toContain(f.level);
      expect(f.code).toMatch(/^[a-z_]+$/);
    }
    expect(Object.keys(report.slots)).toEqual(['slot-1', 'slot-2']);
    expect(Object.keys(report.slots['slot-1'])).toEqual([
      'email',
      'config_dir',
      'config_dir_exists',
      'enabled',
      'status',
      'health',
      'credentials',
      'access_expires_at',
      'login_expires_at',
      'login_seen_at',
      'last_fetched',
      'last_error',
      'requests_last_hour',
      'backoff_until',
      'probe',
    ]);
    expect(report.slots['slot-1']).toMatchObject({
      email: 'user1@example.com',
      config_dir_exists: true,
      status: 'active',
      health: 'ok',
      credentials: { state: 'ok', where: h.home.credentialsPath('slot-1') },
      requests_last_hour: 1,
      probe: null,
    });
    expect(Object.keys(report.global)).toEqual([
      'state_dir',
      'registry',
      'slots_origin',
      'cache',
      'broker',
      'service',
      'cron',
      'log',
      'claude_bin',
      'token_refresh',
      'alerts',
    ]);
    expect(report.global.registry).toEqual({
      state: 'ok',
      path: h.home.registry,
      slots: 2,
      error: null,
      line: null,
      col: null,
    });
    expect(report.global.cache).toMatchObject({
      state: 'ok',
      path: h.home.cache,
      stale_threshold_s: 600,
      error: null,
    });
    expect(report.global.broker).toEqual({
      running: false,
      pid: null,
      surface: null,
      heartbeat_age_ms: null,
      last_cycle_at: null,
    });
    expect(report.global.service).toMatchObject({
      kind: process.platform === 'darwin' ? 'launchd' : 'systemd',
      installed: false,
    });
    expect(report.global.cron).toEqual({
      sources: ['crontab -l', '/etc/cron.d', '/etc/crontab'],
      note: null,
      lines: [],
    });
    expect(report.global.log).toMatchObject({ exists: true, recent_errors: [] });
  });

  it('an unparseable registry gives line and col in the JSON', async () => {
    h = createDoctorHome(fake, { slots: slots(1), registryText: 'accounts:\n  - id: slot-1\n   bad: [\n' });
    const { run, report } = await h.json();
    expect(run.code).toBe(1);
    expect(report.global.registry).toMatchObject({
      state: 'error',
      line: expect.any(Number),
      col: expect.any(Number),
    });
    expect(findingsOf(report, 'problem', 'global').map((f) => f.code)).toContain('registry_invalid');
  });

  it('reports every one of 10 slots offline (its speed is measured by npm run bench)', async () => {
    h = createDoctorHome(fake, { slots: slots(10) });
    await runCli(['refresh'], h.env());
    const { run, report } = await h.json();
    expect(run.code).toBe(0);
    expect(Object.keys(report.slots)).toHaveLength(10);
    expect(fake.stats.usageCalls).toEqual(Object.fromEntries(slots(10).map((s) => [s.email, 1]))); // the refresh only
  });
});

describe('doctor --online', () => {
  it('probes each slot once and reports the numbers', async () => {
    h = createDoctorHome(fake, { slots: slots(2) });
    await runCli(['refresh'], h.env());
    fake.resetStats();
    const { run, report } = await h.json(['--online']);
    expect(run.code).toBe(0);
    expect(fake.stats.usageCalls).toEqual({ 'user1@example.com': 1, 'user2@example.com': 1 });
    expect(report.online).toBe(true);
    expect(report.slots['slot-1'].probe).toMatchObject({ state: 'ok', five_hour: expect.any(Number) });
    expect(report.findings.filter((f) => f.code === 'probe_ok')).toHaveLength(2);
    expectNoToken(run);
  });

  it('respects a 429 back-off: no call, and says why', async () => {
    h = createDoctorHome(fake, { slots: slots(1) });
    fake.setMode('usage', '429', { retryAfter: '0' });
    await runCli(['refresh'], h.env());
    fake.resetStats();
    const { report } = await h.json(['--online']);
    expect(fake.stats.usageCalls['user1@example.com'] ?? 0).toBe(0);
    expect(report.slots['slot-1'].probe).toEqual({
      state: 'skipped',
      reason: 'rate-limited: the 429 back-off is running',
    });
    expect(report.findings.find((f) => f.code === 'backing_off')?.message).toMatch(
      /rate-limited \(429\): next usage call in [45]m/,
    );
  });

  it('a revoked access token is a problem with a fix', async () => {
    h = createDoctorHome(fake, { slots: slots(1) });
    await runCli(['refresh'], h.env());
    fake.revokeLogin('user1@example.com');
    const { run, report } = await h.json(['--online']);
    expect(run.code).toBe(1);
    // The engine's path: the 401 takes the locked refresh at once, whose invalid_grant names the death.
    expect(findingsOf(report, 'problem', 'slot-1')).toMatchObject([
      { code: 'login_dead', fix: 'run: quota-broker relogin slot-1' },
    ]);
    expect(report.slots['slot-1'].probe).toMatchObject({ state: 'login_dead' });
    expect(fake.stats.refreshReuse).toBe(0);
  });
});

describe('doctor and the running broker / installed service', () => {
  it('sees a running daemon', async () => {
    h = createDoctorHome(fake, { slots: slots(1) });
    const daemon = spawn(process.execPath, [BIN, 'daemon'], { env: h.env(), stdio: 'ignore' });
    try {
      const info = join(h.home.stateDir, 'broker.json');
      await waitUntil(() => existsSync(h.home.cache), "the daemon's first cycle", { timeoutMs: 15_000 });
      expect(existsSync(info)).toBe(true);
      const run = await h.doctor();
      expect(run.stdout).toContain(`✓ broker running: daemon pid ${daemon.pid}`);
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.once('exit', r));
    }
  });

  it.runIf(ON_LINUX)(
    'flags a hand-written unit that sends output to /dev/null, and one whose program is gone',
    async () => {
      h = createDoctorHome(fake, { slots: slots(1) });
      await runCli(['refresh'], h.env());
      const dir = join(h.home.home, '.config', 'systemd', 'user');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'quota-broker.service'),
        '[Service]\nExecStart=/usr/bin/node /opt/gone/quota-broker.cjs daemon\nStandardOutput=null\n',
      );
      const { run, report } = await h.json();
      expect(run.code).toBe(1);
      expect(findingsOf(report, 'problem', 'global').map((f) => [f.code, f.fix])).toEqual([
        // An installed service with no broker running: it is failing.
        ['broker_not_running', expect.stringContaining('systemctl --user status quota-broker')],
        [
          'service_output_discarded',
          'run: quota-broker service install (rewrites it to log to the state dir)',
        ],
        ['service_program_missing', 'run: quota-broker service install'],
      ]);
    },
  );
});
