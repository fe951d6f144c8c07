import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ON_LINUX } from '../support/platform';
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

/** A `notify-send` first on PATH that records each call as a JSON line. */
function recordingNotifySend(dir: string): { env: NodeJS.ProcessEnv; calls(): string[][] } {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const log = join(bin, 'notify-send.calls');
  writeFileSync(
    join(bin, 'notify-send'),
    `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  chmodSync(join(bin, 'notify-send'), 0o755);
  return {
    env: { PATH: `${bin}${delimiter}${process.env.PATH}` },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [],
  };
}

describe.runIf(ON_LINUX)('alerts through the real CLI', () => {
  it('every login dead: three refresh runs give exactly one all-inactive notification that says how to re-login', async () => {
    const slots = [
      { id: 'slot-1', email: 'one@example.com', accessExpiresAt: Date.now() - 60_000 },
      { id: 'slot-2', email: 'two@example.com', accessExpiresAt: Date.now() - 60_000 },
    ];
    home = createTempHome({ fake, slots, settings: { token_refresh: 'locked' } });
    for (const s of slots) fake.revokeLogin(s.email);
    const notify = recordingNotifySend(home.home);
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['refresh'], home.env(notify.env));
      expect(run.code).toBe(1); // every slot inactive: cron sees it in the exit code too
      home.age(60_000);
    }
    const calls = notify.calls();
    const allInactive = calls.filter((argv) => argv.join(' ').toLowerCase().includes('all'));
    expect(allInactive).toHaveLength(1);
    const text = allInactive[0].join(' ');
    expect(text).toContain('slot-1');
    expect(text).toContain('slot-2');
    expect(text).toContain('quota-broker relogin');
    expect(calls.length).toBeLessThanOrEqual(1 + slots.length);
    expect(readFileSync(join(home.stateDir, 'broker.log'), 'utf8')).toContain('ALERT');
  });

  it('a slot recovering gives one "usable again" notification', async () => {
    const slots = [
      { id: 'slot-1', email: 'one@example.com' },
      { id: 'slot-2', email: 'two@example.com', accessExpiresAt: Date.now() - 60_000 },
    ];
    home = createTempHome({ fake, slots, settings: { token_refresh: 'locked' } });
    fake.revokeLogin('two@example.com');
    const notify = recordingNotifySend(home.home);
    await runCli(['refresh'], home.env(notify.env));
    const before = notify.calls().length;
    const pair = fake.addAccount({ email: 'two@example.com' });
    home.writeCredentials('slot-2', { ...pair, expiresAt: Date.now() + 3600_000 });
    home.age(60_000);
    await runCli(['refresh'], home.env(notify.env));
    home.age(60_000);
    await runCli(['refresh'], home.env(notify.env));
    const after = notify.calls().slice(before);
    const back = after.filter((argv) => argv.join(' ').includes('usable again'));
    expect(back).toHaveLength(1);
    expect(back[0].join(' ')).toMatch(/slot-2/);
    // Nothing about slot-2's death repeats after it came back.
    expect(after.filter((argv) => argv.join(' ').includes('login died'))).toHaveLength(0);
  });
});
