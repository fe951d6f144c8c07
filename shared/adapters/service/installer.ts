/**
 * Installs, removes and inspects the background service that runs `quota-broker daemon`: a systemd user
 * unit on Linux, a launchd agent on macOS. The files come from pure generators; the tools run through an
 * injectable runner. Without a user systemd instance (containers) the unit is still written, and the
 * result says how to start it.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getLaunchdPlist } from '../../domain/service/launchd-plist';
import { LAUNCHD_LABEL, type ServiceSpec, SYSTEMD_UNIT_NAME } from '../../domain/service/service-spec';
import { getSystemdUnit } from '../../domain/service/systemd-unit';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ServiceToolRunner, ToolResult } from './run-service-tool';
import { getServiceLocation, type ServiceLocation } from './service-paths';

export interface InstallerOptions {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
  /** The user id for launchd's `gui/<uid>` domain. */
  uid: number;
  run: ServiceToolRunner;
}

export interface InstallResult {
  location: ServiceLocation;
  text: string;
  /** The service manager accepted and started it. */
  started: boolean;
  /** Why it was not started (the tool's own words), and the commands that start it. */
  problem: string | null;
  startCommands: string[];
}

const UNIT = `${SYSTEMD_UNIT_NAME}.service`;
const FILE_MODE = 0o644;

/** The platform's service file, or an error sentence for platforms without one. */
export function requireLocation(o: Pick<InstallerOptions, 'platform' | 'home' | 'env'>): ServiceLocation {
  const where = getServiceLocation(o.platform, o.home, o.env);
  if (!where)
    throw new Error(
      `quota-broker service supports macOS (launchd) and Linux (systemd), not ${o.platform}. Run "quota-broker daemon" under your own supervisor.`,
    );
  return where;
}

function firstLine(r: ToolResult): string {
  return r.stderr.split('\n')[0] || `exit ${r.exitCode}`;
}

/** Writes the unit/plist (0644; the log's dir is created 0700) and asks the service manager to start it. */
export async function installService(spec: ServiceSpec, o: InstallerOptions): Promise<InstallResult> {
  const location = requireLocation(o);
  const text = location.kind === 'systemd' ? getSystemdUnit(spec) : getLaunchdPlist(spec);
  const existed = await readFile(location.file, 'utf8').then(
    () => true,
    () => false,
  );
  await mkdir(dirname(spec.logPath), { recursive: true, mode: 0o700 });
  await mkdir(dirname(location.file), { recursive: true });
  await writeFileAtomic(location.file, text, { mode: FILE_MODE, dirMode: 0o755 });
  const result = {
    location,
    text,
    started: false,
    problem: null as string | null,
    startCommands: [] as string[],
  };
  if (location.kind === 'systemd') {
    result.startCommands = ['systemctl --user daemon-reload', `systemctl --user enable --now ${UNIT}`];
    const steps: string[][] = [
      ['--user', 'daemon-reload'],
      ['--user', 'enable', '--now', UNIT],
    ];
    if (existed) steps.push(['--user', 'restart', UNIT]); // pick up the new file when it was running
    for (const args of steps) {
      const r = await o.run('systemctl', args);
      if (!r.ok) return { ...result, problem: `systemctl ${args.join(' ')}: ${firstLine(r)}` };
    }
    return { ...result, started: true };
  }
  const domain = `gui/${o.uid}`;
  result.startCommands = [`launchctl bootstrap ${domain} ${location.file}`];
  await o.run('launchctl', ['bootout', `${domain}/${LAUNCHD_LABEL}`]); // not loaded yet is fine
  const r = await o.run('launchctl', ['bootstrap', domain, location.file]);
  return r.ok ? { ...result, started: true } : { ...result, problem: `launchctl bootstrap: ${firstLine(r)}` };
}

/** Stops and removes the service; `removed` is false when nothing was installed. */
export async function uninstallService(
  o: InstallerOptions,
): Promise<{ location: ServiceLocation; removed: boolean; problem: string | null }> {
  const location = requireLocation(o);
  const present = await readFile(location.file, 'utf8').then(
    () => true,
    () => false,
  );
  let problem: string | null = null;
  if (location.kind === 'systemd') {
    const r = await o.run('systemctl', ['--user', 'disable', '--now', UNIT]);
    if (!r.ok && present) problem = `systemctl --user disable --now ${UNIT}: ${firstLine(r)}`;
  } else {
    await o.run('launchctl', ['bootout', `gui/${o.uid}/${LAUNCHD_LABEL}`]);
  }
  await rm(location.file, { force: true });
  if (location.kind === 'systemd') await o.run('systemctl', ['--user', 'daemon-reload']);
  return { location, removed: present, problem };
}

/** Whether the service manager reports the service running: `active`, `inactive`, or `unknown` (no manager). */
export async function getServiceState(
  o: InstallerOptions,
): Promise<{ location: ServiceLocation; state: 'active' | 'inactive' | 'unknown'; detail: string }> {
  const location = requireLocation(o);
  if (location.kind === 'systemd') {
    const r = await o.run('systemctl', ['--user', 'is-active', UNIT]);
    const word = r.stdout.trim().split('\n')[0];
    if (r.ok) return { location, state: 'active', detail: word || 'active' };
    if (word && r.exitCode !== null && !/bus|connect/i.test(r.stderr))
      return { location, state: 'inactive', detail: word };
    return { location, state: 'unknown', detail: firstLine(r) };
  }
  const r = await o.run('launchctl', ['print', `gui/${o.uid}/${LAUNCHD_LABEL}`]);
  if (!r.ok) return { location, state: 'inactive', detail: 'not loaded' };
  const state = /state = running/.test(r.stdout) ? 'active' : 'inactive';
  return { location, state, detail: /state = (\w+)/.exec(r.stdout)?.[1] ?? 'loaded' };
}
