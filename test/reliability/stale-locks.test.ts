/**
 * Stale locks (issue #8): lock directories a SIGKILLed broker leaves behind are recovered as Claude Code
 * recovers them — proper-lockfile judges a lock stale by its mtime (refresh locks 60 s, storage-write 15 s,
 * broker lock 30 s), so the tests move the mtime back instead of waiting.
 */
import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';
import { startBroker, waitFor } from './support/broker-process';
import { ageLockDirs, findLockDirs } from './support/locks';

const EMAIL = 'stale@example.com';
const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [{ id: 'slot-1', email: EMAIL, accessExpiresAt: Date.now() - 60_000 }],
    settings: { token_refresh: 'locked', request_timeout_s: 30 },
  });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  secrets.scanDirs([home.stateDir]);
  home.cleanup();
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

async function refreshOk() {
  const run = await runCli(['refresh'], home.env(), { timeoutMs: 60_000 });
  secrets.addText('refresh output', run.stdout + run.stderr);
  expect(run.code, run.stderr).toBe(0);
  expect(home.readCredentials('slot-1').claudeAiOauth.refreshToken).toBe(fake.currentRefreshToken(EMAIL));
  expect(home.readCache().slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
  expect(findLockDirs([home.dirOf('slot-1')])).toEqual([]);
  return run;
}

describe('lock directories left by a SIGKILL', () => {
  it('killed while holding .oauth_refresh.lock and <dir>.lock: once they are 61 s old the next broker takes them over, refreshes once and releases them', async () => {
    fake.setMode('token', 'hang'); // the request never completes, so nothing is rotated
    const dir = home.dirOf('slot-1');
    const held = [join(dir, '.oauth_refresh.lock'), `${dir}.lock`];
    const broker = startBroker(['refresh', '--quiet'], home.env());
    expect(await waitFor(() => fake.stats.requests.some((r) => r.route === 'token'), 15_000, 5)).toBe(true);
    expect(held.every((l) => existsSync(l))).toBe(true);
    broker.kill();
    await broker.done;
    expect(held.every((l) => existsSync(l))).toBe(true);
    fake.setMode('token', 'normal');
    fake.resetStats();
    ageLockDirs(findLockDirs([dir], home.stateDir), 61_000);
    await refreshOk();
    expect(fake.stats.tokenCalls[EMAIL]).toBe(1);
    expect(fake.stats.refreshReuse).toBe(0);
  });

  it('a .storage-write.lock left 16 s ago by a killed writer does not block the write of refreshed tokens', async () => {
    const lock = join(home.dirOf('slot-1'), '.storage-write.lock');
    mkdirSync(lock);
    const t = (Date.now() - 16_000) / 1000;
    utimesSync(lock, t, t);
    await refreshOk();
  });

  it('a broker lock left by a killed daemon: once 31 s old, `refresh` runs its own cycle instead of waiting for the dead holder', async () => {
    const daemon = startBroker(['daemon'], home.env());
    expect(await waitFor(() => existsSync(home.cache), 15_000, 10)).toBe(true);
    daemon.kill();
    await daemon.done;
    expect(existsSync(join(home.stateDir, 'broker.lock'))).toBe(true);
    ageLockDirs([join(home.stateDir, 'broker.lock')], 31_000);
    home.age(600_000);
    const run = await runCli(['refresh', '--json'], home.env());
    expect(run.code, run.stderr).toBe(0);
    // 'ran': its own cycle, not 'waited' for (or asked) the dead holder.
    expect(JSON.parse(run.stdout).refresh.outcome).toBe('ran');
  });
});
