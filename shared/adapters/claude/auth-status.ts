import { keepRedacted } from '../../domain/redact-output';
import { parseAuthStatusJson } from '../../domain/schemas/claude-json';
import { claudeChildEnv } from './clean-env';
import { runChild } from './run-child';

/** The outcome of one `claude auth status` run. Never contains a token. */
export interface AuthStatusResult {
  /** Exit code; null when the child was killed or could not start. 2.1.332 exits 0 logged in, 1 not. */
  exitCode: number | null;
  /** `loggedIn` from the JSON answer; null when the answer could not be read. */
  loggedIn: boolean | null;
  email: string | null;
  /** `authMethod` (`claude.ai`, `none`, …) when present. */
  authMethod: string | null;
  timedOut: boolean;
  /** The last part of stderr, tokens redacted (or the spawn error). */
  stderrTail: string;
}

export interface AuthStatusOptions {
  /** Base environment; cleaned with {@link claudeChildEnv}. Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to 20 s; a healthy run takes ~0.3 s, a refresh over the network ~1 s. */
  timeoutMs?: number;
}

const STDERR_TAIL_CHARS = 1000;

/** Reads `claude auth status` output tolerantly: JSON (default) with a text fallback. */
export function parseAuthStatus(stdout: string): Pick<AuthStatusResult, 'loggedIn' | 'email' | 'authMethod'> {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const status = parseAuthStatusJson(JSON.parse(stdout.slice(start, end + 1)));
      if (status) return status;
    } catch {
      // fall through to the text form
    }
  }
  if (/not logged in/i.test(stdout)) return { loggedIn: false, email: null, authMethod: null };
  return { loggedIn: null, email: null, authMethod: null };
}

/**
 * Runs `claude auth status` for one config dir (no shell, cleaned environment, timeout, killed on
 * timeout). With an expired access token Claude Code refreshes it itself under its own locks
 * (docs/claude-code.md "Letting Claude Code refresh"), so the caller re-reads the credential store afterwards.
 *
 * @param bin - the `claude` executable (see `findClaude`).
 * @param configDir - the slot's config dir, or null for the default account.
 */
export async function runAuthStatus(
  bin: string,
  configDir: string | null,
  options: AuthStatusOptions = {},
): Promise<AuthStatusResult> {
  const result = await runChild(bin, ['auth', 'status'], {
    env: claudeChildEnv(options.env ?? process.env, configDir),
    timeoutMs: options.timeoutMs ?? 20_000,
    killGraceMs: 1000,
  });
  const parsed = parseAuthStatus(result.stdout);
  const stderr = result.spawnError ?? result.stderr;
  return {
    exitCode: result.exitCode,
    ...parsed,
    timedOut: result.timedOut,
    stderrTail: keepRedacted(stderr, STDERR_TAIL_CHARS).trim(),
  };
}
