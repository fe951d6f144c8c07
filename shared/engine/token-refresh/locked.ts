/**
 * `token_refresh: locked` (docs/contracts.md "Token refresh modes"): refresh exactly as a second Claude Code process would. Take Claude
 * Code's two refresh locks, re-read the store, refresh only if still expired (or still the token the server
 * rejected), write both tokens back at once
 * (read-modify-write, siblings kept) under the storage-write lock. On invalid_grant, re-read: a changed refresh
 * token means someone else refreshed, not a death. Never writes a logged-out stub.
 *
 * The token endpoint spends the posted refresh token when it answers, so the answer is journaled (atomic,
 * fsynced) before anything else happens — before the wait for the storage-write lock — and the journal is
 * removed once the credentials hold the new pair. A crash in between is recovered on the next run
 * (recover-journal.ts). What remains: a crash while the request is in flight, or during the journal write.
 */
import { acquireRefreshLocks, type Release, withStorageWriteLock } from '../../adapters/claude-locks';
import { isAccessExpired, readCredentials, updateTokens } from '../../adapters/credentials/credentials';
import { removeRefreshJournal, writeRefreshJournal } from '../../adapters/credentials/refresh-journal';
import { refreshAccessToken } from '../../adapters/http/token-client';
import { redactUnknown } from '../../domain/redact';
import type { OAuthTokens } from '../../domain/types';
import type { CredentialTarget } from '../../ports/credential-store';
import type { EngineDeps } from '../deps';
import type { TokenRefreshOutcome } from './types';

export interface LockedRefreshOptions {
  /**
   * The access token the usage endpoint just refused although it is valid locally: refresh even though it
   * has not expired — unless the store now holds another one (someone refreshed meanwhile).
   */
  rejectedAccessToken?: string | null;
}

export async function lockedRefresh(
  deps: EngineDeps,
  target: CredentialTarget,
  timeoutMs: number,
  now: () => number,
  options: LockedRefreshOptions = {},
): Promise<TokenRefreshOutcome> {
  let release: Release;
  try {
    release = await acquireRefreshLocks(target.configDir);
  } catch (e) {
    return {
      type: 'transient',
      message: `Could not take Claude Code's refresh lock (${redactUnknown(e)}); will retry.`,
    };
  }
  try {
    const current = await readCredentials(deps.store, target);
    if (current.state === 'logged_out' || current.state === 'absent') {
      return { type: 'login_dead', message: 'The stored login is gone (logged out); re-login needed.' };
    }
    if (current.state === 'unreadable') return { type: 'transient', message: current.error };
    const rejected =
      options.rejectedAccessToken != null && current.tokens.accessToken === options.rejectedAccessToken;
    if (!isAccessExpired(current.tokens, now()) && !rejected)
      return { type: 'refreshed', tokens: current.tokens, by: 'someone_else' };
    const sent = current.tokens.refreshToken;
    if (release.compromised) {
      return {
        type: 'transient',
        message: "Claude Code's refresh lock was lost before the refresh; will retry.",
      };
    }
    const answer = await refreshAccessToken({
      tokenUrl: deps.paths.tokenUrl,
      refreshToken: sent,
      scopes: current.tokens.scopes ?? [],
      timeoutMs,
      fetch: deps.fetch,
    });
    if (answer.ok) {
      const at = now();
      const tokens: OAuthTokens = {
        ...current.tokens,
        accessToken: answer.accessToken,
        refreshToken: answer.refreshToken ?? sent,
        expiresAt: at + answer.expiresInS * 1000,
        ...(answer.refreshTokenExpiresInS != null
          ? { refreshTokenExpiresAt: at + answer.refreshTokenExpiresInS * 1000 }
          : {}),
      };
      const patch = {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
        ...(tokens.refreshTokenExpiresAt != null
          ? { refreshTokenExpiresAt: tokens.refreshTokenExpiresAt }
          : {}),
      };
      let journaled = false;
      try {
        writeRefreshJournal(target.configDir, sent, patch, at);
        journaled = true;
      } catch (e) {
        deps.logger.warn(`refresh journal not written (${redactUnknown(e)}); storing the tokens directly`);
      }
      const written = await withStorageWriteLock(target.configDir, () =>
        updateTokens(deps.store, target, patch, { expectedRefreshToken: sent }),
      );
      // Kept on a failed write (full disk, locked keychain): the next run retries from it.
      if (journaled && (written.ok || written.reason === 'changed')) {
        await removeRefreshJournal(target.configDir).catch((e: unknown) =>
          deps.logger.warn(`refresh journal not removed (${redactUnknown(e)})`),
        );
      }
      if (!written.ok) {
        deps.logger.error('refreshed tokens could not be written back', {
          reason: written.reason,
          message: written.message,
        });
        return { type: 'transient', message: written.message };
      }
      return { type: 'refreshed', tokens, by: 'broker' };
    }
    if (answer.kind === 'invalid_client') return { type: 'config', message: answer.message };
    if (answer.kind === 'transient') return { type: 'transient', message: answer.message };
    // invalid_grant: terminal only if the token we sent is still the one stored.
    const again = await readCredentials(deps.store, target);
    if (again.state === 'ok' && again.tokens.refreshToken !== sent) {
      return { type: 'refreshed', tokens: again.tokens, by: 'someone_else' };
    }
    if (again.state === 'unreadable') {
      // Cannot tell whether someone else refreshed meanwhile: never call a login dead on a guess.
      return {
        type: 'transient',
        message: `invalid_grant, and the store could not be re-read (${again.error}); will retry.`,
      };
    }
    return {
      type: 'login_dead',
      message: 'The token endpoint rejected the stored refresh token (invalid_grant); re-login needed.',
    };
  } catch (e) {
    return { type: 'transient', message: `Token refresh failed (${redactUnknown(e)}); will retry.` };
  } finally {
    await release();
  }
}
