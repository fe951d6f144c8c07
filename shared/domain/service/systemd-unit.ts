/** The systemd user unit for `quota-broker daemon` (systemd ≥ 240 for `append:` output). Pure. */
import { assertSafeServiceSpec, RESTART_DELAY_S, type ServiceSpec } from './service-spec';

/** Escapes `%` specifiers, which systemd expands in most settings. */
function escapeSpecifiers(s: string): string {
  return s.replace(/%/g, '%%');
}

/** One ExecStart argument: double-quoted, with `\`, `"` escaped, `$` and `%` doubled (no expansion). */
function execArg(s: string): string {
  return `"${escapeSpecifiers(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`;
}

/** `Environment="KEY=value"` with the value escaped for systemd's quoting. */
function environmentLine(key: string, value: string): string {
  return `Environment="${escapeSpecifiers(`${key}=${value}`).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The unit text: runs the daemon with the real node and script, restarts it on failure, and appends its
 * stdout and stderr to the broker's log file. Throws for a value with a line break.
 */
export function getSystemdUnit(spec: ServiceSpec): string {
  assertSafeServiceSpec(spec);
  const log = escapeSpecifiers(spec.logPath);
  return [
    `# Written by "quota-broker service install" (quota-broker ${spec.appVersion}).`,
    '# Re-run that command to update this file; "quota-broker service uninstall" removes it.',
    '[Unit]',
    'Description=Quota Broker: keeps Claude Code accounts healthy and visible',
    'StartLimitIntervalSec=300',
    'StartLimitBurst=5',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${[spec.nodePath, spec.binPath, 'daemon'].map(execArg).join(' ')}`,
    ...Object.entries(spec.env).map(([k, v]) => environmentLine(k, v)),
    'Restart=on-failure',
    `RestartSec=${RESTART_DELAY_S}`,
    `StandardOutput=append:${log}`,
    `StandardError=append:${log}`,
    'TimeoutStopSec=30',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}
