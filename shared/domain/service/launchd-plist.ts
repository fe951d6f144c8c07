/** The launchd agent (~/Library/LaunchAgents) for `quota-broker daemon`. Pure. */
import { assertSafeServiceSpec, LAUNCHD_LABEL, RESTART_DELAY_S, type ServiceSpec } from './service-spec';

/** Escapes text for an XML element. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const str = (s: string) => `<string>${escapeXml(s)}</string>`;

/**
 * The plist text: runs the daemon at login, restarts it when it exits with a failure (KeepAlive
 * SuccessfulExit false), and appends stdout and stderr to the broker's log (launchd's default is /dev/null).
 * Throws for a value with a line break.
 */
export function getLaunchdPlist(spec: ServiceSpec): string {
  assertSafeServiceSpec(spec);
  const env = Object.entries(spec.env).flatMap(([k, v]) => [
    `      <key>${escapeXml(k)}</key>`,
    `      ${str(v)}`,
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    `<!-- Written by "quota-broker service install" (quota-broker ${escapeXml(spec.appVersion)}). Re-run it to update this file. -->`,
    '<plist version="1.0">',
    '  <dict>',
    '    <key>Label</key>',
    `    ${str(LAUNCHD_LABEL)}`,
    '    <key>ProgramArguments</key>',
    '    <array>',
    `      ${str(spec.nodePath)}`,
    `      ${str(spec.binPath)}`,
    `      ${str('daemon')}`,
    '    </array>',
    '    <key>EnvironmentVariables</key>',
    '    <dict>',
    ...env,
    '    </dict>',
    '    <key>RunAtLoad</key>',
    '    <true/>',
    '    <key>KeepAlive</key>',
    '    <dict>',
    '      <key>SuccessfulExit</key>',
    '      <false/>',
    '    </dict>',
    '    <key>ThrottleInterval</key>',
    `    <integer>${RESTART_DELAY_S}</integer>`,
    '    <key>ProcessType</key>',
    `    ${str('Background')}`,
    '    <key>StandardOutPath</key>',
    `    ${str(spec.logPath)}`,
    '    <key>StandardErrorPath</key>',
    `    ${str(spec.logPath)}`,
    '  </dict>',
    '</plist>',
    '',
  ].join('\n');
}
