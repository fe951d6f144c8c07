import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ON_LINUX } from '../support/platform';
import { BIN, runCli } from '../support/run-cli';
import { createStandInBin, type StandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
let bin: StandInBin;

const unitPath = () => join(home.home, '.config', 'systemd', 'user', 'quota-broker.service');
const env = () => home.env({ PATH: bin.path });

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
  bin = createStandInBin(home.home);
  bin.add('crontab', 'exit 1');
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

describe.runIf(ON_LINUX)('quota-broker service (systemd user unit; systemctl is a stand-in)', () => {
  it('install writes a unit that runs this node and this quota-broker, logs to the state dir, and starts it', async () => {
    bin.addRecorder('systemctl');
    const run = await runCli(['service', 'install'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote the systemd user unit ${unitPath()}`);
    expect(run.stdout).toContain('Started.');
    expect(bin.calls('systemctl')).toEqual([
      '--user daemon-reload',
      '--user enable --now quota-broker.service',
    ]);
    const unit = readFileSync(unitPath(), 'utf8');
    const log = join(home.stateDir, 'broker.log');
    expect(unit).toContain(`ExecStart="${process.execPath}" "${realpathSync(BIN)}" "daemon"`);
    expect(unit).toContain(`StandardOutput=append:${log}\nStandardError=append:${log}\n`);
    expect(unit).toContain('Restart=on-failure');
    // The installing shell's QUOTA_BROKER_* variables are kept, so a custom state dir stays in use.
    expect(unit).toContain(`Environment="QUOTA_BROKER_HOME=${home.stateDir}"`);
    expect(unit).toContain(`Environment="QUOTA_BROKER_API_URL=${fake.url}"`);
    expect(unit).toContain(`Environment="PATH=${bin.path}"`);
    expect(unit).not.toContain('/dev/null');

    // Doctor sees it and where its output goes; installing again restarts it with the new file.
    const doctor = await runCli(['doctor'], env());
    expect(doctor.stdout).toContain(`✓ systemd user unit installed: ${unitPath()}; output → append:${log}`);
    await runCli(['service', 'install'], env());
    expect(bin.calls('systemctl').slice(2)).toEqual([
      '--user daemon-reload',
      '--user enable --now quota-broker.service',
      '--user restart quota-broker.service',
    ]);
  });

  it('without a user systemd (containers) the unit is written and the output says how to start it', async () => {
    bin.addRecorder('systemctl', { stderr: 'Failed to connect to bus: No medium found', code: 1 });
    const run = await runCli(['service', 'install'], env());
    expect(run.code).toBe(1);
    expect(existsSync(unitPath())).toBe(true);
    expect(run.stderr).toContain(
      'The service was NOT started: systemctl --user daemon-reload: Failed to connect to bus: No medium found',
    );
    expect(run.stderr).toContain(
      '  systemctl --user daemon-reload\n  systemctl --user enable --now quota-broker.service\n',
    );
  });

  it('status reports installed, running and the output; uninstall removes it', async () => {
    bin.addRecorder('systemctl', { stdout: 'active' });
    expect((await runCli(['service', 'status'], env())).code).toBe(1);
    await runCli(['service', 'install'], env());
    const status = await runCli(['service', 'status'], env());
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`systemd service: ${unitPath()}`);
    expect(status.stdout).toMatch(/state: {2}active/);
    expect(status.stdout).toContain(`output: append:${join(home.stateDir, 'broker.log')}`);
    const un = await runCli(['service', 'uninstall'], env());
    expect(un.code).toBe(0);
    expect(un.stdout).toContain(`Removed ${unitPath()}`);
    expect(existsSync(unitPath())).toBe(false);
    expect(bin.calls('systemctl')).toContain('--user disable --now quota-broker.service');
  });

  it('status flags a unit whose output goes to /dev/null', async () => {
    bin.addRecorder('systemctl', { stdout: 'active' });
    await runCli(['service', 'install'], env());
    writeFileSync(unitPath(), readFileSync(unitPath(), 'utf8').replace(/append:[^\n]+/g, 'null'));
    const status = await runCli(['service', 'status'], env());
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('its output goes to /dev/null: run: quota-broker service install');
  });

  it('install refuses a QUOTA_BROKER_* value with a line break instead of writing it as a directive', async () => {
    bin.addRecorder('systemctl');
    const marker = join(home.home, 'pwned');
    const run = await runCli(
      ['service', 'install'],
      home.env({ PATH: bin.path, QUOTA_BROKER_NOTE: `x\nExecStartPre=/bin/touch ${marker}` }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'quota-broker: service install refuses QUOTA_BROKER_NOTE: it holds a line break or NUL, which would add lines of its own to the service file. Nothing was written; fix it and run it again.\n',
    );
    expect(existsSync(unitPath())).toBe(false);
    expect(bin.calls('systemctl')).toEqual([]);
  });

  it('rejects an unknown subcommand with usage', async () => {
    const run = await runCli(['service', 'start'], env());
    expect(run.code).toBe(64);
    expect(run.stderr).toBe(
      'quota-broker: service has no subcommand "start" (install|uninstall|status). Run: quota-broker service --help\n',
    );
  });
});

/** Runs systemd-analyze verify on a unit; null when it cannot run here (the reason is returned instead). */
function verifyUnit(file: string): { ok: boolean; output: string } | string {
  const runtime = mkdtempSync(join(tmpdir(), 'qb-xdg-'));
  try {
    const attempts = [
      ['verify', '--user', file],
      ['verify', file],
    ];
    let why = '';
    for (const args of attempts) {
      const r = spawnSync('systemd-analyze', args, {
        env: { ...process.env, XDG_RUNTIME_DIR: runtime },
        encoding: 'utf8',
        timeout: 20_000,
      });
      if (r.error) return `systemd-analyze is not available (${(r.error as NodeJS.ErrnoException).code})`;
      const output = `${r.stdout}${r.stderr}`;
      if (/Failed to (initialize manager|lookup RuntimeDirectory|connect)/i.test(output)) {
        why = output.trim().split('\n')[0];
        continue;
      }
      // Problems in the file are printed as "<file>:<line>: …" (systemd only warns, exit 0, for many of them).
      return { ok: r.status === 0 && !output.includes(file), output };
    }
    return `systemd-analyze verify cannot run in this container: ${why}`;
  } finally {
    rmSync(runtime, { recursive: true, force: true });
  }
}

describe.runIf(ON_LINUX)('systemd-analyze verify', () => {
  it('accepts the generated unit (and rejects a broken one, so the check can fail)', async () => {
    bin.addRecorder('systemctl');
    await runCli(['service', 'install'], env());
    const good = verifyUnit(unitPath());
    // systemd-analyze is a test prerequisite on Linux (`npm test` provides it): not running is a failure.
    if (typeof good === 'string') throw new Error(good);
    expect(good.output).toBe('');
    expect(good.ok).toBe(true);
    writeFileSync(
      unitPath(),
      readFileSync(unitPath(), 'utf8').replace('Restart=on-failure', 'Restart=sometimes'),
    );
    const bad = verifyUnit(unitPath());
    expect(bad).toMatchObject({
      ok: false,
      output: expect.stringContaining('Failed to parse service restart specifier'),
    });
  });
});
