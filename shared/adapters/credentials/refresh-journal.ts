/**
 * The refresh journal: a crash between the token endpoint rotating a login and the broker storing the new
 * pair would lose that login, because refresh tokens are single-use (docs/claude-code.md "Refreshing a token").
 * So the broker writes the answer, atomically and fsynced, to `<config_dir>/.quota-broker-refresh.json`
 * (0600, beside `.credentials.json`) the moment it arrives, before it waits for Claude Code's storage-write
 * lock; the next run recovers it under Claude Code's refresh locks. The file lives for milliseconds in the
 * normal case and holds no spent token (only a fingerprint of the one that was sent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type * as v from 'valibot';
import { parseRefreshJournal, type RefreshJournalSchema } from '../../domain/schemas/broker-files';
import type { FileSystem } from '../../ports/file-system';
import { readTextIfExists } from '../fs/atomic-write';
import { getErrorCode, nodeFileSystem } from '../fs/node-file-system';
import type { TokenPatch } from './credentials-json';

export const REFRESH_JOURNAL_NAME = '.quota-broker-refresh.json';

/** The journal's content (domain/schemas/broker-files.ts documents each field). */
export type RefreshJournal = v.InferOutput<typeof RefreshJournalSchema>;

/** The journal's path for a config dir. */
export function getRefreshJournalPath(configDir: string): string {
  return join(configDir, REFRESH_JOURNAL_NAME);
}

/** A short hash of one refresh token, so the journal can name the spent token without holding it. */
export function getRefreshTokenFingerprint(refreshToken: string): string {
  return createHash('sha256').update(refreshToken, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Writes the journal: a new 0600 temp file, fsynced, renamed over the journal. Synchronous on purpose:
 * between the token endpoint's answer and this rename a crash loses the login, and sync calls keep the
 * other slots' work (and any event-loop turn) out of that window. Throws the node error when the disk refuses.
 */
export function writeRefreshJournal(
  configDir: string,
  sentRefreshToken: string,
  tokens: TokenPatch,
  now: number,
): void {
  const journal: RefreshJournal = {
    version: 1,
    written_at: now,
    sent_fingerprint: getRefreshTokenFingerprint(sentRefreshToken),
    tokens,
  };
  const path = getRefreshJournalPath(configDir);
  const temp = join(
    configDir,
    `.${REFRESH_JOURNAL_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    try {
      writeSync(fd, JSON.stringify(journal));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The journal, `null` when there is none, `'garbage'` when it cannot be used (it is then removed). */
export async function readRefreshJournal(
  configDir: string,
  fs: FileSystem = nodeFileSystem,
): Promise<RefreshJournal | null | 'garbage'> {
  const text = await readTextIfExists(getRefreshJournalPath(configDir), fs);
  if (text === null) return null;
  // Only a complete login is worth recovering: the schema refuses anything that could be a stub.
  return parseRefreshJournal(text) ?? 'garbage';
}

/** Whether a journal waits for recovery (a cheap check made before every slot's credentials read). */
export async function hasRefreshJournal(
  configDir: string,
  fs: FileSystem = nodeFileSystem,
): Promise<boolean> {
  try {
    await fs.realpath(getRefreshJournalPath(configDir));
    return true;
  } catch {
    return false;
  }
}

/** Removes the journal; a missing one is fine. */
export async function removeRefreshJournal(
  configDir: string,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  try {
    await fs.unlink(getRefreshJournalPath(configDir));
  } catch (error) {
    if (getErrorCode(error) !== 'ENOENT') throw error;
  }
}
