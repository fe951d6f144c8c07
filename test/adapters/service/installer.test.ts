import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getServiceState,
  installService,
  uninstallService,
} from '../../../shared/adapters/service/installer';
import type { ServiceToolRunner } from '../../../shared/adapters/service/run-service-tool';
import type { ServiceSpec } from '../../../shared/domain/service/service-spec';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'qb-svc-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function recorder(answers: Record<string, { ok: boolean; stdout?: string; stderr?: string }> = {}) {
  const calls: string[] = [];
  const run: ServiceToolRunner = async (tool, args) => {
    const line = `${tool} ${args.join(' ')}`;
    calls.push(line);
    const a = Object.entries(answers).find(([prefix]) => line.startsWith(prefix))?.[1] ?? { ok: true };
    return { ok: a.ok, exitCode: a.ok ? 0 : 1, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
  };
  return { calls, run };
}

const spec = (): ServiceSpec => ({
  nodePath: '/usr/local/bin/node',
  binPath: '/opt/qb/bin/quota-broker.cjs',
  logPath: join(home, 'state', 'broker.log'),
  env: { QUOTA_BROKER_HOME: join(home, 'state') },
  appVersion: '0.1.0',
});

describe('launchd (macOS)', () => {
  it('install writes the agent and bootstraps it into gui/<uid>', async () => {
    const r = recorder({ 'launchctl bootout': { ok: false, stderr: 'Boot-out failed: 3: No such process' } });
    const result = await installService(spec(), { platform: 'darwin', home, env: {}, uid: 501, run: r.run });
    const file = join(home, 'Library', 'LaunchAgents', 'com.quota-broker.daemon.plist');
    expect(result).toMatchObject({ started: true, problem: null, location: { kind: 'launchd', file } });
    expect(r.calls).toEqual([
      'launchctl bootout gui/501/com.quota-broker.daemon',
      `launchctl bootstrap gui/501 ${file}`,
    ]);
    expect(readFileSync(file, 'utf8')).toContain(
      `<key>StandardOutPath</key>\n    <string>${join(home, 'state', 'broker.log')}</string>`,
    );
  });

  it('a failed bootstrap is reported with the command to run', async () => {
    const r = recorder({
      'launchctl bootstrap': { ok: false, stderr: 'Bootstrap failed: 5: Input/output error' },
    });
    const result = await installService(spec(), { platform: 'darwin', home, env: {}, uid: 501, run: r.run });
    expect(result.started).toBe(false);
    expect(result.problem).toBe('launchctl bootstrap: Bootstrap failed: 5: Input/output error');
    expect(result.startCommands).toEqual([`launchctl bootstrap gui/501 ${result.location.file}`]);
  });

  it('status reads launchctl print; uninstall boots out and removes the file', async () => {
    const r = recorder({
      'launchctl print': { ok: true, stdout: 'gui/501/com.quota-broker.daemon = {\n\tstate = running\n' },
    });
    const o = { platform: 'darwin' as const, home, env: {}, uid: 501, run: r.run };
    await installService(spec(), o);
    expect(await getServiceState(o)).toMatchObject({ state: 'active', detail: 'running' });
    expect(await uninstallService(o)).toMatchObject({ removed: true, problem: null });
    expect(r.calls.at(-1)).toBe('launchctl bootout gui/501/com.quota-broker.daemon');
  });
});

describe('systemd (Linux)', () => {
  it('honours XDG_CONFIG_HOME and says "unknown" without a user bus', async () => {
    const r = recorder({
      'systemctl --user is-active': { ok: false, stderr: 'Failed to connect to bus: No medium found' },
    });
    const o = {
      platform: 'linux' as const,
      home,
      env: { XDG_CONFIG_HOME: join(home, 'cfg') },
      uid: 1000,
      run: r.run,
    };
    const result = await installService(spec(), o);
    expect(result.location.file).toBe(join(home, 'cfg', 'systemd', 'user', 'quota-broker.service'));
    expect(await getServiceState(o)).toMatchObject({
      state: 'unknown',
      detail: 'Failed to connect to bus: No medium found',
    });
  });

  it('other platforms get a sentence, not a half-written file', async () => {
    const r = recorder();
    await expect(
      installService(spec(), { platform: 'win32', home, env: {}, uid: 0, run: r.run }),
    ).rejects.toThrow(/supports macOS \(launchd\) and Linux \(systemd\), not win32/);
  });
});
