/**
 * `token_refresh: delegate` (docs/contracts.md "Token refresh modes"): Claude Code refreshes its own token. We run
 * `CLAUDE_CONFIG_DIR=<dir> claude auth status` (cleaned environment, timeout), then re-read the store:
 * a new expiresAt → refreshed; a logged-out stub → login dead; unchanged → transient.
 */
import { runAuthStatus } from '../../adapters/claude/auth-status';
import { readCredentials } from '../../adapters/credentials/credentials';
import { getClaudeConfigDirEnv } from '../../adapters/credentials/keychain-naming';
import type { OAuthTokens } from '../../domain/types';
import type { CredentialTarget } from '../../ports/credential-store';
import { DELEGATE_TIMEOUT_MS, type EngineDeps } from '../deps';
import type { TokenRefreshOutcome } from './types';

export async function delegateRefresh(
  deps: EngineDeps,
  target: CredentialTarget,
  before: OAuthTokens,
): Promise<TokenRefreshOutcome> {
  if (!deps.claudeBin) {
    return {
      type: 'config',
      message:
        'token_refresh is delegate but no claude CLI was found; install Claude Code, set QUOTA_BROKER_CLAUDE, or set token_refresh: locked.',
    };
  }
  const run = await runAuthStatus(deps.claudeBin, getClaudeConfigDirEnv(target) ?? null, {
    env: deps.env,
    timeoutMs: DELEGATE_TIMEOUT_MS,
  });
  const after = await readCredentials(deps.store, target);
  if (after.state === 'logged_out') {
    return {
      type: 'login_dead',
      message: 'Claude Code could not refresh this login (the refresh token is dead); re-login needed.',
    };
  }
  if (after.state === 'absent')
    return {
      type: 'login_dead',
      message: 'The credentials disappeared during the refresh; re-login needed.',
    };
  if (after.state === 'unreadable') return { type: 'transient', message: after.error };
  if (after.tokens.expiresAt !== before.expiresAt || after.tokens.accessToken !== before.accessToken) {
    return { type: 'refreshed', tokens: after.tokens, by: 'claude' };
  }
  const why = run.timedOut
    ? `timed out after ${DELEGATE_TIMEOUT_MS / 1000} s`
    : `exit ${run.exitCode ?? 'unknown'}`;
  return { type: 'transient', message: `claude auth status did not refresh the token (${why}); will retry.` };
}
