/**
 * Recovers a refresh the broker journaled but did not finish storing (it crashed, or the disk refused):
 * under Claude Code's refresh locks, the journaled login is written back when the store still holds the
 * spent refresh token, or Claude Code's logged-out stub (it posted the spent token meanwhile and got
 * invalid_grant). Any other login in the store (a re-login) wins and the journal is dropped.
 */
import { acquireRefreshLocks, withStorageWriteLock } from '../../adapters/claude-locks';
import { readCredentials, updateTokens } from '../../adapters/credentials/credentials';
import { CREDENTIALS_FILE_NAME } from '../../adapters/credentials/file-store';
import {
  getRefreshTokenFingerprint,
  hasRefreshJournal,
  REFRESH_JOURNAL_NAME,
  readRefreshJournal,
  removeRefreshJournal,
} from '../../adapters/credentials/refresh-journal';
import { removeDeadTempFiles } from '../../adapters/fs/temp-litter';
import { redactUnknown } from '../../domain/redact';
import type { CredentialTarget } from '../../ports/credential-store';
import type { EngineDeps } from '../deps';

export type JournalRecovery = 'none' | 'restored' | 'already_stored' | 'dropped' | 'failed';

/** Recovers `target`'s refresh journal if there is one. Never throws; `failed` is retried next cycle. */
export async function recoverRefreshJournal(
  deps: EngineDeps,
  target: CredentialTarget,
  now: () => number,
): Promise<JournalRecovery> {
  const litter = await removeDeadTempFiles(target.configDir, [CREDENTIALS_FILE_NAME, REFRESH_JOURNAL_NAME]);
  if (litter > 0)
    deps.logger.info(`removed ${litter} temp file(s) a killed writer left`, { dir: target.configDir });
  if (!(await hasRefreshJournal(target.configDir))) return 'none';
  let release: () => Promise<void>;
  try {
    release = await acquireRefreshLocks(target.configDir);
  } catch (e) {
    deps.logger.warn(`refresh journal waits: Claude Code's refresh lock is held (${redactUnknown(e)})`);
    return 'failed';
  }
  try {
    const outcome = await recoverLocked(deps, target, now);
    deps.logger[outcome === 'failed' ? 'error' : 'info'](`refresh journal: ${outcome}`, {
      dir: target.configDir,
    });
    return outcome;
  } catch (e) {
    deps.logger.error(`refresh journal not recovered: ${redactUnknown(e)}`);
    return 'failed';
  } finally {
    await release();
  }
}

async function recoverLocked(
  deps: EngineDeps,
  target: CredentialTarget,
  now: () => number,
): Promise<JournalRecovery> {
  const journal = await readRefreshJournal(target.configDir);
  if (journal === null) return 'none';
  const drop = async (outcome: JournalRecovery) => {
    await removeRefreshJournal(target.configDir);
    return outcome;
  };
  if (journal === 'garbage') return drop('dropped');
  const stored = await readCredentials(deps.store, target);
  if (stored.state === 'unreadable') return 'failed';
  if (stored.state === 'absent') return drop('dropped');
  if (stored.state === 'ok') {
    const fp = getRefreshTokenFingerprint(stored.tokens.refreshToken);
    if (stored.tokens.refreshToken === journal.tokens.refreshToken) return drop('already_stored');
    if (fp !== journal.sent_fingerprint) return drop('dropped');
  }
  const loginExpiry = journal.tokens.refreshTokenExpiresAt;
  if (loginExpiry != null && loginExpiry <= now()) return drop('dropped');
  const written = await withStorageWriteLock(target.configDir, () =>
    updateTokens(
      deps.store,
      target,
      journal.tokens,
      stored.state === 'ok'
        ? { expectedRefreshToken: stored.tokens.refreshToken }
        : { replaceLoggedOut: true },
    ),
  );
  if (written.ok) return drop('restored');
  deps.logger.error(`refresh journal not written back: ${written.message}`);
  return written.reason === 'write_failed' || written.reason === 'unreadable' ? 'failed' : drop('dropped');
}
