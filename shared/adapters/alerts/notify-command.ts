/**
 * Runs the user's `notify_command` (ntfy, Slack, a phone…) through `/bin/sh -c` with the alert as JSON
 * on stdin and a few QUOTA_BROKER_ALERT_* variables. A failure or a hang past the timeout is returned
 * as a value, never thrown: a broken hook must not break the refresh cycle.
 */
import { spawn } from 'node:child_process';
import type { Alert } from '../../domain/alerts/types';
import { redact } from '../../domain/redact';
import { collectRedacted } from '../../domain/redact-output';

export const NOTIFY_COMMAND_TIMEOUT_MS = 10_000;
/** Keep only the end of the command's stderr for the log (redacted before it is cut). */
const STDERR_KEEP_CHARS = 500;

export type NotifyCommandResult = { ok: true } | { ok: false; error: string };

export interface NotifyCommandOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  shell?: string;
}

/** The JSON the command reads on stdin: the alert itself, one line. */
export function formatAlertJson(alert: Alert): string {
  return `${JSON.stringify(alert)}\n`;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL'); // the shell and whatever it started
  } catch {
    // already gone
  }
}

/** Runs `command` once for `alert`. Resolves when it exits, fails, or times out. */
export function runNotifyCommand(
  command: string,
  alert: Alert,
  options: NotifyCommandOptions = {},
): Promise<NotifyCommandResult> {
  const timeoutMs = options.timeoutMs ?? NOTIFY_COMMAND_TIMEOUT_MS;
  const env = {
    ...(options.env ?? process.env),
    QUOTA_BROKER_ALERT_ID: alert.id,
    QUOTA_BROKER_ALERT_KIND: alert.kind,
    QUOTA_BROKER_ALERT_SEVERITY: alert.severity,
    QUOTA_BROKER_ALERT_SLOT: alert.slot ?? '',
    QUOTA_BROKER_ALERT_TITLE: alert.title,
    QUOTA_BROKER_ALERT_BODY: alert.body,
  };
  return new Promise((resolve) => {
    const stderr = collectRedacted(STDERR_KEEP_CHARS);
    let settled = false;
    const finish = (result: NotifyCommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(options.shell ?? '/bin/sh', ['-c', command], {
      env,
      detached: true, // its own process group, so a timeout kills the whole pipeline
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish({ ok: false, error: `notify_command timed out after ${timeoutMs / 1000} s and was stopped.` });
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    child.on('error', (err) =>
      finish({ ok: false, error: redact(`notify_command could not start: ${err.message}`) }),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return finish({ ok: true });
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      const kept = stderr.text().trim();
      const tail = kept ? `: ${kept}` : '';
      finish({ ok: false, error: redact(`notify_command ${how}${tail}`) });
    });
    // A command that ignores stdin closes the pipe early; that is not a failure.
    child.stdin.on('error', () => {});
    child.stdin.end(formatAlertJson(alert));
  });
}
