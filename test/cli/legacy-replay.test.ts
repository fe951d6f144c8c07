/**
 * The original incident on first contact, black-box against the fake server: three slots, two
 * logins revoked on the server, the old scripts' 11-hour-old cache, the old registry in the user's own
 * folder and the old crontab. The first commands a new user runs must each give the right answer: no
 * crash, the data's age, the session's slot, every dead login named with its re-login command, the cron
 * jobs and the other cache writer named — and the live slot left as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { type CliRun, runCli } from '../support/run-cli';
import { expectNoToken } from './doctor-support';
import {
  createLegacyHome,
  expectLinesInOrder,
  LEGACY,
  type LegacyHome,
  linesOf,
  waitForDetachedRefresh,
} from './legacy-home';

let fake: FakeAnthropic;
let h: LegacyHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  h = createLegacyHome(fake);
});
afterEach(async () => {
  h.home.cleanup();
  await fake.close();
});

/** The output with the temp home written as `~`. */
const shown = (run: CliRun) => linesOf(run.stdout.replaceAll(h.home.home, '~'));

const FIND_OUT = 'run: quota-broker doctor --online (tries the refresh the broker would make)';
const CRON_LINES = [
  "  ✗ crontab -l line 2 runs a home-made token refresher with its output sent to /dev/null, so its failures are invisible: 0 * * * * bash $HOME/_claude-configs/hot-swap/scripts/refresh-token.sh --daemon >/dev/null 2>&1 → remove it (crontab -e): refresh tokens are single-use, so a second refresher beside Claude Code logs accounts out; the broker refreshes under Claude Code's own locks",
  '  ✗ crontab -l line 3 runs a home-made quota fetcher that writes the quota cache with its output sent to /dev/null, so its failures are invisible: */5 * * * * bash $HOME/_claude-configs/hot-swap/scripts/fetch-quotas.sh > /dev/null 2>&1 → remove it (crontab -e): it overwrites the cache the broker writes; keep the broker running instead: quota-broker service install',
];
const FOREIGN_WRITER =
  '  ✗ the cache ~/.claude/session-health/merged-quota-cache.json was last written by another program (it has no "writer" field: an old home-made script writes this shape) — likely crontab -l line 3; it and the broker overwrite each other\'s numbers → stop that program (remove its cron job: crontab -e), then run: quota-broker refresh';

describe('first contact with the old registry (QUOTA_BROKER_SESSIONS points at it)', () => {
  it('status, doctor, doctor --online and the statusline each tell the truth; the live slot is untouched', async () => {
    const env = h.env({ QUOTA_BROKER_SESSIONS: h.oldRegistry });
    const liveCredentials = readFileSync(h.home.credentialsPath('slot-3'), 'utf8');
    const liveRefreshToken = fake.currentRefreshToken('third@example.com');

    // status: the old cache read as it is, with its age; no crash ("reading 'replace'").
    const status = await runCli(['status'], env);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(shown(status)).toEqual([
      'SLOT    EMAIL               STATUS    HEALTH  5H   WEEKLY  AGE          LAST ERROR',
      'slot-1  first@example.com   inactive  —       37%  51%     3d (stale)',
      'slot-2  second@example.com  inactive  —       12%  23%     2d (stale)',
      'slot-3  third@example.com   active    —       64%  51%     22h (stale)',
      '',
      'cache written 11h ago (stale)',
      'slot-1: login needed — run: quota-broker relogin slot-1',
      'slot-2: login needed — run: quota-broker relogin slot-2',
      'Something looks wrong: run quota-broker doctor for causes and fixes.',
      'broker: not running — run: quota-broker service install (or keep quota-broker daemon running)',
    ]);

    // doctor, offline: what is unknown is said to be unknown, with the command that finds out.
    const offline = await runCli(['doctor'], env);
    expect(offline.code).toBe(1);
    expectLinesInOrder(shown(offline), [
      '  ✓ registry ~/_claude-configs/hot-swap/claude-sessions.yaml parses: 3 slots',
      '  ✗ cache written 11h ago (stale after 10m); no broker is running → run: quota-broker service install (or keep quota-broker daemon running)',
      FOREIGN_WRITER,
      ...CRON_LINES,
      'slot-1 (first@example.com, ~/.claude-1)',
      `  ✗ inactive (status: inactive in the registry) for a reason the broker did not record; no usage calls are made, and whether its login still works is unknown → ${FIND_OUT}`,
      '  · data 3d old: last success 3d ago, stale after 10m',
      'slot-2 (second@example.com, ~/.claude-2)',
      `  ✗ inactive (status: inactive in the registry) for a reason the broker did not record; no usage calls are made, and whether its login still works is unknown → ${FIND_OUT}`,
      'slot-3 (third@example.com, ~/.claude-3)',
      '  ✓ login stored in ~/.claude-3/.credentials.json',
      /^ {2}✓ access token valid for [45]h$/,
      'What to do:',
      `  5. ${FIND_OUT}`,
    ]);
    expect(offline.stdout).not.toMatch(/will (have Claude Code )?refresh/);
    expect(fake.stats.requests).toEqual([]);

    // doctor --online: the engine's refresh path names both dead logins; slot-3 is only read.
    const online = await runCli(['doctor', '--online'], env);
    expect(online.code).toBe(1);
    const dead = (id: string) =>
      `  ✗ login dead: checked online just now, the refresh token was rejected (The token endpoint rejected the stored refresh token (invalid_grant); re-login needed.); only a re-login helps → run: quota-broker relogin ${id}`;
    expectLinesInOrder(shown(online), [
      FOREIGN_WRITER,
      ...CRON_LINES,
      'slot-1 (first@example.com, ~/.claude-1)',
      dead('slot-1'),
      'slot-2 (second@example.com, ~/.claude-2)',
      dead('slot-2'),
      'slot-3 (third@example.com, ~/.claude-3)',
      /^ {2}✓ access token valid for [45]h$/,
      /^ {2}✓ usage endpoint answered: 5-hour \d+%, weekly \d+%$/,
      'What to do:',
      '  5. run: quota-broker relogin slot-1',
      '  6. run: quota-broker relogin slot-2',
    ]);
    expect(online.stdout).not.toContain(FIND_OUT);
    expect(fake.stats.tokenCalls).toEqual({ 'first@example.com': 1, 'second@example.com': 1 });
    expect(fake.stats.usageCalls).toEqual({ 'third@example.com': 1 });
    expect(fake.stats.refreshReuse).toBe(0);
    expect(readFileSync(h.home.credentialsPath('slot-3'), 'utf8')).toBe(liveCredentials);
    expect(fake.currentRefreshToken('third@example.com')).toBe(liveRefreshToken);
    expectNoToken(online);

    // The statusline: the old cache names no config dirs, the registry does.
    const line = await runCli(
      ['statusline'],
      { ...env, CLAUDE_CONFIG_DIR: h.home.dirOf('slot-2') },
      {
        input: '{}',
      },
    );
    expect(line.code).toBe(0);
    expect(line.stdout).toMatch(/^slot-2 ⛔inactive ⏱:reset 📅:\d+h\(23%\)@\w{3}🔺\n$/);
    // Its data is stale and no broker runs: it started one detached refresh, which now writes the cache.
    await waitForDetachedRefresh(h);
    expect(readFileSync(h.home.credentialsPath('slot-3'), 'utf8')).toBe(liveCredentials);
  });
});

describe('after adopting the setup (slots discover --add)', () => {
  it('the old registry is unchanged, dead logins are unknown offline and named online', async () => {
    const env = h.env();
    const oldText = readFileSync(join(LEGACY, 'claude-sessions.yaml'), 'utf8');
    const add = await runCli(['slots', 'discover', '--add'], env);
    expect(add.code).toBe(0);
    expect(readFileSync(h.oldRegistry, 'utf8')).toBe(oldText);

    const offline = await runCli(['doctor'], env);
    const expired = `  ! access token expired 9h ago; whether the login (refresh token) still works is unknown until a refresh is tried → ${FIND_OUT}`;
    expectLinesInOrder(shown(offline), [
      '  ✓ registry ~/.claude/session-health/claude-sessions.yaml parses: 3 slots',
      'slot-1 (first@example.com, ~/.claude-1)',
      '  ✓ login stored in ~/.claude-1/.credentials.json',
      expired,
      'slot-2 (second@example.com, ~/.claude-2)',
      '  ✓ login stored in ~/.claude-2/.credentials.json',
      expired,
      'slot-3 (third@example.com, ~/.claude-3)',
      'What to do:',
      `  5. ${FIND_OUT}`,
    ]);
    expect(offline.stdout).not.toContain('setup_not_adopted');
    expect(offline.stdout).not.toContain('an existing setup the broker does not watch');

    const online = await runCli(['doctor', '--online'], env);
    expectLinesInOrder(shown(online), [
      'slot-1 (first@example.com, ~/.claude-1)',
      /^ {2}✗ login dead: .*invalid_grant.* → run: quota-broker relogin slot-1$/,
      'slot-2 (second@example.com, ~/.claude-2)',
      /^ {2}✗ login dead: .*invalid_grant.* → run: quota-broker relogin slot-2$/,
      'slot-3 (third@example.com, ~/.claude-3)',
      /^ {2}✓ usage endpoint answered: /,
    ]);

    // The statusline now finds the session's slot through the adopted registry.
    const line = await runCli(
      ['statusline'],
      { ...h.env(), CLAUDE_CONFIG_DIR: h.home.dirOf('slot-3') },
      {
        input: '{}',
      },
    );
    expect(line.stdout).toMatch(/^slot-3 ⏱:reset 📅:\d+h\(51%\)@\w{3}🔺\n$/);
    await waitForDetachedRefresh(h);
  });

  it('before adoption, doctor points at the old setup it found', async () => {
    const run = await runCli(['doctor'], h.env());
    expect(run.code).toBe(1);
    expectLinesInOrder(shown(run), [
      "  ✗ an existing setup the broker does not watch: registry ~/_claude-configs/hot-swap/claude-sessions.yaml (3 slots not in use) → run: quota-broker slots discover --add (keeps an old registry's ids, emails, labels and order; the old file is not changed)",
    ]);
  });
});
