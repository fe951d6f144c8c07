/**
 * A state dir or registry someone else controls (docs/RELIABILITY.md "Hostile inputs"), through the built CLI: a
 * registry another user can write must not make this user run its notify_command, and links planted in
 * the state dir must not redirect the broker's writes into this user's other files.
 */
import { chmodSync, chownSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgeOwnership } from '../../shared/adapters/fs/state-trust';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
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

/** One slot without a login: every cycle ends all-inactive, whose critical alert runs notify_command. */
function homeWithNotifyCommand(): { marker: string } {
  home = createTempHome({ fake, slots: [{ id: 'gone', email: 'gone@example.com', noCredentials: true }] });
  const marker = join(home.home, 'notify-command-ran');
  writeFileSync(
    home.registry,
    `${readFileSync(home.registry, 'utf8')}  alerts:\n    notify_command: "touch ${marker}"\n`,
  );
  return { marker };
}

describe('a state dir or registry others control', () => {
  it('a world-writable state dir: refresh refuses with one sentence, runs no notify_command and writes nothing; after chmod it runs', async () => {
    const { marker } = homeWithNotifyCommand();
    chmodSync(home.stateDir, 0o777);
    const refused = await runCli(['refresh'], home.env());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `quota-broker: The state dir ${home.stateDir} is writable by its group and others (mode 0777), so the broker will not write there or run its notify_command; run: chmod go-w ${home.stateDir}\n`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(home.cache)).toBe(false);
    expect(existsSync(join(home.stateDir, 'broker.log'))).toBe(false);

    const doctor = await runCli(['doctor'], home.env());
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      new RegExp(`the state dir ${home.stateDir} is yours, mode 0777: the broker will not write there`),
    );
    expect(doctor.stdout).toContain(`run: chmod go-w ${home.stateDir}`);
    expect(doctor.stdout).not.toContain('chmod 700');
    expect((await runCli(['status'], home.env())).stderr).toContain('is writable by its group and others');

    // The positive control: the same home, once the dir is private, runs the cycle and the command.
    chmodSync(home.stateDir, 0o700);
    const ran = await runCli(['refresh'], home.env());
    expect(ran.code).toBe(1); // all inactive
    expect(existsSync(home.cache)).toBe(true);
    expect(existsSync(marker)).toBe(true);
  });

  it('a group-writable registry outside the state dir: no notify_command, no write to it', async () => {
    const { marker } = homeWithNotifyCommand();
    const shared = join(home.home, 'claude-sessions.yaml');
    writeFileSync(shared, readFileSync(home.registry, 'utf8'));
    chmodSync(shared, 0o664);
    const env = home.env({ QUOTA_BROKER_SESSIONS: shared });
    const refused = await runCli(['refresh'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The registry ${shared} is writable by its group (mode 0664)`);
    const added = await runCli(['slots', 'add', 'more', '/tmp/more'], env);
    expect(added.code).toBe(2);
    expect(readFileSync(shared, 'utf8')).not.toContain('more');
    expect(existsSync(marker)).toBe(false);
    expect((await runCli(['doctor'], env)).stdout).toContain(`registry ${shared} is yours, mode 0664`);
  });

  it.runIf(process.getuid?.() === 0)(
    'a state dir owned by another user: refused, and doctor names the owner (needs root to chown)',
    async () => {
      const { marker } = homeWithNotifyCommand();
      chownSync(home.stateDir, 4242, 4242);
      const refused = await runCli(['refresh'], home.env());
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `The state dir ${home.stateDir} belongs to uid 4242, not to you (uid 0)`,
      );
      expect(refused.stderr).toContain('point QUOTA_BROKER_HOME at a directory of your own');
      expect(existsSync(marker)).toBe(false);
      expect((await runCli(['doctor'], home.env())).stdout).toContain(
        "is uid 4242's, not yours (uid 0), mode 0700",
      );
    },
  );

  it('links planted for the cache and broker.log: the files they point to stay as they were', async () => {
    home = createTempHome({ fake, slots: [{ id: 'one', email: 'one@example.com' }] });
    const victimCache = join(home.home, 'victim-cache.txt');
    const victimLog = join(home.home, 'victim-log.txt');
    writeFileSync(victimCache, 'precious 1\n');
    writeFileSync(victimLog, 'precious 2\n');
    symlinkSync(victimCache, home.cache);
    symlinkSync(victimLog, join(home.stateDir, 'broker.log'));
    const run = await runCli(['refresh'], home.env());
    expect(readFileSync(victimCache, 'utf8')).toBe('precious 1\n');
    expect(readFileSync(victimLog, 'utf8')).toBe('precious 2\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${home.cache} is a symbolic link`);
    expect(run.stderr).toContain(`Remove it: rm ${home.cache}`);
  });

  it('judges owner and mode bits', () => {
    expect(judgeOwnership('state dir', '/s', { uid: 7, mode: 0o40700 }, 7)).toBeNull();
    expect(judgeOwnership('state dir', '/s', { uid: 7, mode: 0o41755 }, 7)).toBeNull();
    expect(judgeOwnership('state dir', '/s', { uid: 8, mode: 0o40700 }, 7)?.reason).toBe('owner');
    expect(judgeOwnership('registry', '/r', { uid: 7, mode: 0o100620 }, 7)?.reason).toBe('group-writable');
    expect(judgeOwnership('registry', '/r', { uid: 7, mode: 0o100602 }, 7)?.reason).toBe('other-writable');
  });
});
