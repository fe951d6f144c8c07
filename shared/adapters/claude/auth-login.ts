import { spawn } from 'node:child_process';
import { collectRedacted, createStreamRedactor } from '../../domain/redact-output';
import { RELOGIN_TIMEOUT_MS } from '../../domain/timing';
import { claudeChildEnv } from './clean-env';
import { findLoginUrl, sawLoginSuccess, stripAnsi } from './login-output';
import { terminateChild } from './run-child';

/** Progress of a re-login, in order: started, then url (once), output lines, then exited. */
export type LoginProgress =
  | { type: 'started'; pid: number | null }
  | { type: 'url'; url: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'exited'; result: LoginResult };

export interface LoginResult {
  /** Exit 0, not cancelled, not timed out: re-read the credentials now. */
  ok: boolean;
  exitCode: number | null;
  url: string | null;
  cancelled: boolean;
  timedOut: boolean;
  /** Claude Code printed `Login successful.` */
  sawSuccess: boolean;
  /** Spawn failure or the last part of stderr, tokens redacted. */
  error: string | null;
}

export interface LoginOptions {
  configDir: string | null;
  email: string;
  /** Base environment; cleaned with {@link claudeChildEnv}. Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to 5 minutes (docs/contracts.md "Re-login"). */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL on cancel or timeout. Defaults to 3 s. */
  killGraceMs?: number;
}

export interface LoginHandle {
  /** Settles (never rejects) once the child has exited. */
  readonly promise: Promise<LoginResult>;
  /** Ends the child: SIGTERM, then SIGKILL. */
  cancel(): void;
  /** Subscribes to progress; events already emitted are replayed. Returns an unsubscribe function. */
  onProgress(listener: (event: LoginProgress) => void): () => void;
  /** Answers Claude Code's `Paste code here if prompted >` with a code the user copied. */
  sendCode(code: string): void;
}

/**
 * Starts `claude auth login --claudeai --email <email>` for one config dir (docs/contracts.md "Re-login"): no shell,
 * no TTY, cleaned environment. Claude Code opens the browser and prints the sign-in URL, which is
 * reported as a `url` progress event for the UI's fallback link.
 */
export function startLogin(bin: string, options: LoginOptions): LoginHandle {
  const history: LoginProgress[] = [];
  const listeners = new Set<(event: LoginProgress) => void>();
  const emit = (event: LoginProgress) => {
    history.push(event);
    for (const listener of listeners) listener(event);
  };
  const grace = options.killGraceMs ?? 3000;
  // Raw, only to find the sign-in URL and the success line; what is shown or kept is redacted first.
  let output = '';
  const stderrTail = collectRedacted(1000);
  const live = { stdout: createStreamRedactor(), stderr: createStreamRedactor() };
  let url: string | null = null;
  let cancelled = false;
  let timedOut = false;
  let settled = false;
  let resolvePromise: (result: LoginResult) => void = () => {};
  const promise = new Promise<LoginResult>((resolve) => {
    resolvePromise = resolve;
  });

  const child = spawn(bin, ['auth', 'login', '--claudeai', '--email', options.email], {
    env: claudeChildEnv(options.env ?? process.env, options.configDir),
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
  });
  const timer = setTimeout(() => {
    timedOut = true;
    terminateChild(child, grace);
  }, options.timeoutMs ?? RELOGIN_TIMEOUT_MS);

  const finish = (exitCode: number | null, spawnError: string | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    const result: LoginResult = {
      ok: exitCode === 0 && !cancelled && !timedOut && spawnError === null,
      exitCode,
      url,
      cancelled,
      timedOut,
      sawSuccess: sawLoginSuccess(output),
      error: spawnError ?? (stderrTail.text().trim() || null),
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = stripAnsi(live[stream].end());
      if (rest.trim()) emit({ type: 'output', stream, text: rest });
    }
    emit({ type: 'exited', result });
    resolvePromise(result);
  };
  const onData = (stream: 'stdout' | 'stderr') => (chunk: string) => {
    output = (output + chunk).slice(-16_000);
    if (stream === 'stderr') stderrTail.push(chunk);
    // A token split across two chunks is redacted whole: the redactor holds a trailing run back.
    const text = stripAnsi(live[stream].push(chunk));
    if (text.trim()) emit({ type: 'output', stream, text });
    if (url === null) {
      url = findLoginUrl(output);
      if (url !== null) emit({ type: 'url', url });
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData('stdout'));
  child.stderr.setEncoding('utf8').on('data', onData('stderr'));
  child.stdin.on('error', () => {});
  child.on('error', (err: NodeJS.ErrnoException) =>
    finish(null, err.code ? `${err.code}: ${err.message}` : err.message),
  );
  child.on('close', (code) => finish(code, null));
  emit({ type: 'started', pid: child.pid ?? null });

  return {
    promise,
    cancel() {
      if (settled) return;
      cancelled = true;
      terminateChild(child, grace);
    },
    onProgress(listener) {
      for (const event of history) listener(event);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendCode(code: string) {
      if (!settled && child.stdin.writable) child.stdin.write(`${code.trim()}\n`);
    },
  };
}
