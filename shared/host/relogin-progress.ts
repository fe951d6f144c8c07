/** How a `claude auth login` child's events read in the UI (contract `ReloginProgress`). Pure. */
import type { LoginProgress, LoginResult } from '../adapters/claude/auth-login';
import { RELOGIN_TIMEOUT_MS } from '../domain/timing';
import type { ReloginProgress } from '../ipc/contract';

/** The progress a finished login reports, before the verifying refresh. */
export function getExitProgress(
  slot: string,
  result: LoginResult,
  timeoutMs = RELOGIN_TIMEOUT_MS,
): ReloginProgress {
  if (result.cancelled) return { slot, phase: 'cancelled', url: result.url, message: 'Re-login cancelled.' };
  if (result.timedOut) {
    const limit = timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} minutes` : `${timeoutMs} ms`;
    return { slot, phase: 'failed', url: result.url, message: `The sign-in did not finish within ${limit}.` };
  }
  if (!result.ok) {
    const detail = result.error ? `: ${result.error}` : '';
    const exit = result.exitCode === null ? 'could not start' : `exit ${result.exitCode}`;
    return { slot, phase: 'failed', url: result.url, message: `claude auth login failed (${exit})${detail}` };
  }
  return { slot, phase: 'verifying', url: result.url, message: 'Signed in; reading the new credentials…' };
}

/**
 * Maps one login event to UI progress, or null for events the UI does not show (output lines: they are
 * in the log; the exit: the manager reports it after deciding whether to verify).
 */
export function getLoginProgress(slot: string, event: LoginProgress, email: string): ReloginProgress | null {
  if (event.type === 'started')
    return { slot, phase: 'starting', url: null, message: `Starting claude auth login for ${email}…` };
  if (event.type === 'url') {
    return {
      slot,
      phase: 'waiting_for_browser',
      url: event.url,
      message: 'Finish signing in in your browser.',
    };
  }
  return null;
}
