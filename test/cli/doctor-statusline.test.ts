/** doctor and the installed statusLine: an old-form command is named with the re-install that upgrades it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createDoctorHome, type DoctorHome, findingsOf } from './doctor-support';

let fake: FakeAnthropic;
let h: DoctorHome;
beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  h?.home.cleanup();
  await fake.close();
});

describe('doctor: the installed statusLine', () => {
  it('names an old-form command and the --install that upgrades it; quiet once upgraded', async () => {
    h = createDoctorHome(fake, {
      slots: [
        { id: 'slot-1', email: 'one@example.com' },
        { id: 'slot-2', email: 'two@example.com' },
      ],
    });
    const dir = h.home.dirOf('slot-2');
    const settings = join(dir, 'settings.json');
    // What `statusline --install` wrote before this version: node started with the session's CA file.
    writeFileSync(
      settings,
      `${JSON.stringify({ model: 'opus', statusLine: { type: 'command', command: `${process.execPath} /opt/qb/bin/quota-broker.cjs statusline`, padding: 0 } }, null, 2)}\n`,
    );
    const before = await h.json();
    const old = before.report.findings.filter((f) => f.code === 'statusline_old_command');
    expect(old).toEqual([
      expect.objectContaining({
        level: 'warn',
        scope: 'slot-2',
        fix: `run: quota-broker statusline --install --config-dir ${dir}`,
      }),
    ]);
    expect(old[0].message).toContain(settings);

    const install = await runCli(['statusline', '--install', '--config-dir', dir], h.env());
    expect(install.code).toBe(0);
    expect(JSON.parse(readFileSync(settings, 'utf8')).statusLine.command).toMatch(
      /^QUOTA_BROKER_EXTRA_CA_CERTS="\$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= /,
    );
    const after = await h.json();
    expect(after.report.findings.filter((f) => f.code === 'statusline_old_command')).toEqual([]);
    expect(findingsOf(after.report, 'warn', 'slot-2')).toEqual(
      findingsOf(before.report, 'warn', 'slot-2').filter((f) => f.code !== 'statusline_old_command'),
    );
  });
});
