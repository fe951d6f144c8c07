/**
 * Runs macOS's `security` tool with a hard timeout and no shell. Kept apart from the store so that the
 * process handling is small and the store only interprets answers.
 */
import { execFile } from 'node:child_process';
import { redact } from '../../domain/redact';

/** Claude Code's own path; the store uses the same tool so the item's access list stays as Claude Code leaves it. */
export const SECURITY_PATH = '/usr/bin/security';
/** A permission dialog or a wedged securityd must not hang a refresh cycle. */
export const SECURITY_TIMEOUT_MS = 10_000;
const SECURITY_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export type SecurityOutcome =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  | { kind: 'timeout' }
  | { kind: 'signalled'; signal: string }
  | { kind: 'spawn_failed'; errno: string };

/**
 * Runs `securityPath` with `args` (execFile, no shell) and reports how it ended. Never rejects.
 * `input` is written to its stdin (for `security -i`); without it stdin is closed at once. The caller
 * must not put `args` or `input` in any message: the write command carries the secret.
 */
export function runSecurity(
  securityPath: string,
  args: string[],
  timeoutMs: number,
  input = '',
): Promise<SecurityOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      securityPath,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        encoding: 'utf8',
        maxBuffer: SECURITY_MAX_OUTPUT_BYTES,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ kind: 'exited', exitCode: 0, stdout, stderr });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
        if (typeof e.code === 'number') {
          return resolve({ kind: 'exited', exitCode: e.code, stdout, stderr });
        }
        // ENOENT, EACCES, ERR_CHILD_PROCESS_STDIO_MAXBUFFER, …
        if (typeof e.code === 'string') return resolve({ kind: 'spawn_failed', errno: e.code });
        if (e.killed) return resolve({ kind: 'timeout' });
        resolve({ kind: 'signalled', signal: e.signal ?? 'unknown' });
      },
    );
    // A tool that exits without reading its stdin closes the pipe: the exit code says what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/**
 * The first line of `security`'s stderr, safe to show: tokens and long hex runs removed, length capped.
 * (`security` does not echo its arguments, but the write command's argument is the secret in hex.)
 */
export function getSafeStderr(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return redact(line.trim())
    .replace(/[0-9a-fA-F]{32,}/g, '[hex]')
    .slice(0, 200);
}
