/**
 * Reads and writes `<stateDir>/alert-state.json`: atomic (temp file, fsync, rename), mode 0600 in a
 * 0700 dir. A file that cannot be parsed is never overwritten: it is renamed aside and the broker
 * starts from an empty state with a logged warning. `withAlertStateLock` serialises processes.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { lock } from 'proper-lockfile';
import { openEpisodes } from '../../domain/alerts/episodes';
import { createEmptyAlertState, parseAlertState } from '../../domain/alerts/state';
import type { AlertState, Episode } from '../../domain/alerts/types';
import { redactUnknown } from '../../domain/redact';
import type { FileSystem } from '../../ports/file-system';
import type { Logger } from '../../ports/logger';
import { silentLogger } from '../../ports/logger';
import { PRIVATE_DIR_MODE, writeFileAtomic } from '../fs/atomic-write';
import { nodeFileSystem } from '../fs/node-file-system';

/** proper-lockfile's stale time: a crashed holder's lock is taken over after this. */
const LOCK_STALE_MS = 10_000;
/** How long a cycle waits for another process's load→decide→persist (a few ms in practice). */
const LOCK_RETRIES = { retries: 30, factor: 1.3, minTimeout: 20, maxTimeout: 300 };

export interface LoadAlertStateOptions {
  /** Rename a garbage file aside (default). Read-only callers (status, doctor) pass false. */
  quarantine?: boolean;
  /** Used as the suffix of a quarantined file's name. */
  now?: number;
  /** The file system that renames a garbage file aside (the engine passes its own). Default: node:fs. */
  fs?: FileSystem;
}

/** Loads the alert state; missing → empty; garbage → quarantined (renamed aside) and empty. */
export async function loadAlertState(
  path: string,
  logger: Logger,
  options: LoadAlertStateOptions = {},
): Promise<AlertState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return createEmptyAlertState();
    throw err;
  }
  let parsed: AlertState | null = null;
  try {
    parsed = parseAlertState(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (parsed) return parsed;
  if (options.quarantine === false) return createEmptyAlertState();
  const aside = `${path}.corrupt-${options.now ?? Date.now()}`;
  await (options.fs ?? nodeFileSystem).rename(path, aside);
  logger.warn(
    `Alert state ${path} could not be read; moved it to ${basename(aside)} and started fresh (open alerts may repeat once).`,
    { path: aside },
  );
  return createEmptyAlertState();
}

/** Writes the state atomically through `fs` with mode 0600, creating the state dir (0700) when needed. */
export async function saveAlertState(path: string, state: AlertState, fs: FileSystem): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, fs });
}

/**
 * Runs `fn` while holding the alert-state lock (`<path>.lock`), so two processes finishing a cycle at
 * once cannot both deliver the same alert. Keep `fn` short: load, decide, persist.
 */
export async function withAlertStateLock<T>(
  path: string,
  logger: Logger,
  fs: FileSystem,
  fn: () => Promise<T>,
): Promise<T> {
  await fs.mkdirp(dirname(path), PRIVATE_DIR_MODE);
  const release = await lock(path, {
    realpath: false,
    stale: LOCK_STALE_MS,
    retries: LOCK_RETRIES,
    // The default throws from a timer, which would crash the process.
    onCompromised: (err) => logger.warn(`Alert state lock was compromised: ${redactUnknown(err)}`),
  });
  try {
    return await fn();
  } finally {
    await release().catch((err) =>
      logger.warn(`Could not release the alert state lock: ${redactUnknown(err)}`),
    );
  }
}

/** The open problem episodes for `status` and `doctor`: read-only (no lock, no quarantine); [] when unreadable. */
export async function readOpenEpisodes(path: string, logger: Logger = silentLogger): Promise<Episode[]> {
  try {
    return openEpisodes(await loadAlertState(path, logger, { quarantine: false }));
  } catch {
    return [];
  }
}
