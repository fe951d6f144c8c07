import { spawn } from 'node:child_process';
import { collectRedacted } from '../../domain/redact-output';

/** What {@link runChild} reports once the child has exited (or could not start). */
export interface ChildResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The first `maxOutputChars` of stdout, tokens redacted. */
  stdout: string;
  /** The last `maxOutputChars` of stderr, tokens redacted. */
  stderr: string;
  timedOut: boolean;
  /** Set when the process could not be started (ENOENT, EACCES, …). */
  spawnError: string | null;
}

export interface RunChildOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL once the timeout fires. */
  killGraceMs?: number;
  /** Output kept per stream (stdout's head, stderr's tail), redacted before it is cut. */
  maxOutputChars?: number;
  cwd?: string;
}

/** Sends SIGTERM, then SIGKILL after `graceMs` if the child is still running. */
export function terminateChild(
  child: {
    pid?: number;
    exitCode: number | null;
    signalCode: NodeJS.Signals | null;
    kill(s: NodeJS.Signals): boolean;
  },
  graceMs: number,
): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, graceMs);
  timer.unref();
}

/**
 * Runs an executable without a shell, with stdin closed, collecting its output, and ends it
 * (SIGTERM, then SIGKILL) when `timeoutMs` passes. Never rejects.
 */
export function runChild(
  file: string,
  args: readonly string[],
  options: RunChildOptions,
): Promise<ChildResult> {
  const max = options.maxOutputChars ?? 64_000;
  return new Promise((resolve) => {
    const stdout = collectRedacted(max, 'head');
    const stderr = collectRedacted(max, 'tail');
    let timedOut = false;
    let settled = false;
    const finish = (result: Omit<ChildResult, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, stdout: stdout.text(), stderr: stderr.text(), timedOut });
    };
    const child = spawn(file, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      terminateChild(child, options.killGraceMs ?? 2000);
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        exitCode: null,
        signal: null,
        spawnError: err.code ? `${err.code}: ${err.message}` : err.message,
      });
    });
    child.on('close', (code, signal) => finish({ exitCode: code, signal, spawnError: null }));
  });
}
