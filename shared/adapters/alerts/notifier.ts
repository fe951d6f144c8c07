/**
 * Headless delivery through the platform's notifier: `notify-send` on Linux, `osascript`'s
 * `display notification` on macOS, run with execFile (no shell) and a timeout. Where neither exists
 * the alert goes to the log only (deliverCycleAlerts logs every alert anyway).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AlertSeverity } from '../../domain/alerts/types';
import { keepRedacted } from '../../domain/redact-output';
import type { Logger } from '../../ports/logger';
import type { Notifier, NotifyResult } from '../../ports/notifier';
import { findExecutable } from './find-executable';

export const NOTIFIER_TIMEOUT_MS = 5_000;
const APP_NAME = 'Quota Broker';

export interface HeadlessNotifierOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** The uid whose session bus cron runs can reach (`/run/user/<uid>/bus`). */
  uid?: number;
}

const URGENCY: Record<AlertSeverity, string> = { critical: 'critical', warning: 'normal', info: 'low' };

// `on run argv` passes title and body as data, so no AppleScript quoting is needed. The fixed first
// argument keeps osascript from reading a title that starts with '-' as an option.
const OSASCRIPT_LINES = [
  'on run argv',
  'display notification (item 3 of argv) with title (item 1 of argv) subtitle (item 2 of argv)',
  'end run',
];

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<NotifyResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, _out, stderr) => {
      if (!err) return resolve({ ok: true });
      const detail = String(stderr).trim() || err.message;
      resolve({ ok: false, error: keepRedacted(`${file} failed: ${detail}`, 500, 'head') });
    });
  });
}

/**
 * cron starts jobs without DBUS_SESSION_BUS_ADDRESS, so notify-send cannot reach the desktop; point it
 * at the user's session bus when one exists.
 */
function withSessionBus(env: NodeJS.ProcessEnv, uid: number | undefined): NodeJS.ProcessEnv {
  if (env.DBUS_SESSION_BUS_ADDRESS || uid === undefined) return env;
  const bus = `/run/user/${uid}/bus`;
  return existsSync(bus) ? { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${bus}` } : env;
}

/** A notifier that only relies on the log line deliverCycleAlerts writes for every alert. */
export function createLogNotifier(logger?: Logger): Notifier {
  return {
    name: 'log',
    async notify(alert) {
      logger?.debug('No desktop notifier found; the alert is in the log only.', { id: alert.id });
      return { ok: true };
    },
  };
}

/** Picks the platform notifier found on PATH, else the log notifier. */
export async function createHeadlessNotifier(
  options: HeadlessNotifierOptions = {},
  logger?: Logger,
): Promise<Notifier> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? NOTIFIER_TIMEOUT_MS;
  if (platform === 'darwin') {
    const osascript = await findExecutable('osascript', env);
    if (osascript) {
      return {
        name: 'osascript',
        notify: (a) =>
          run(
            osascript,
            [...OSASCRIPT_LINES.flatMap((l) => ['-e', l]), APP_NAME, a.title, a.body],
            env,
            timeoutMs,
          ),
      };
    }
  } else {
    const notifySend = await findExecutable('notify-send', env);
    if (notifySend) {
      const childEnv = withSessionBus(env, options.uid ?? process.getuid?.());
      return {
        name: 'notify-send',
        notify: (a) =>
          run(
            notifySend,
            [`--app-name=${APP_NAME}`, `--urgency=${URGENCY[a.severity]}`, '--', a.title, a.body],
            childEnv,
            timeoutMs,
          ),
      };
    }
  }
  return createLogNotifier(logger);
}
