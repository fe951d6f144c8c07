/**
 * Claude Code's own lock protocol (docs/claude-code.md "Refreshing a token"), so the broker refreshing a token is as
 * safe as a second Claude Code process: proper-lockfile directory locks with Claude Code's exact options.
 */
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { LOCK_UPDATE_MS, REFRESH_LOCK_STALE_MS, STORAGE_LOCK_STALE_MS } from '../domain/timing';

const REFRESH_LOCK_OPTIONS = {
  realpath: false,
  stale: REFRESH_LOCK_STALE_MS,
  update: LOCK_UPDATE_MS,
} as const;
const STORAGE_LOCK_OPTIONS = {
  realpath: false,
  stale: STORAGE_LOCK_STALE_MS,
  update: LOCK_UPDATE_MS,
} as const;
/** On ELOCKED: a few retries with 1–2 s random waits, as Claude Code does. */
const RETRIES = { retries: 8, minTimeout: 1_000, maxTimeout: 2_000, randomize: true } as const;

/** Releases the locks; `compromised` turns true if one was lost (stalled past its stale time, or removed). */
export type Release = (() => Promise<void>) & { readonly compromised: boolean };

/**
 * Takes one directory lock. proper-lockfile keys its in-process bookkeeping by the locked `file`, so two
 * locks "on" the same config dir would overwrite each other's entry and one would never be released;
 * keying each by its own lock path keeps them apart. On disk only `lockfilePath` matters, which is what
 * Claude Code's processes see.
 */
function lockPath(
  lockfilePath: string,
  options: typeof REFRESH_LOCK_OPTIONS | typeof STORAGE_LOCK_OPTIONS,
  onCompromised: () => void,
) {
  // proper-lockfile's default onCompromised throws from a timer, which would crash the daemon or the app
  // (a laptop that sleeps mid-refresh); a flag lets the refresh stop before it posts or writes instead.
  return lockfile.lock(lockfilePath, { ...options, lockfilePath, retries: RETRIES, onCompromised });
}

/** `<config_dir>/.oauth_refresh.lock`, then the legacy `<realpath(config_dir)>.lock`. Released in reverse. */
export async function acquireRefreshLocks(configDir: string): Promise<Release> {
  let compromised = false;
  const lost = () => {
    compromised = true;
  };
  const first = await lockPath(join(configDir, '.oauth_refresh.lock'), REFRESH_LOCK_OPTIONS, lost);
  try {
    const real = await realpath(configDir);
    const second = await lockPath(`${real}.lock`, REFRESH_LOCK_OPTIONS, lost);
    const release = async () => {
      await second().catch(() => undefined);
      await first().catch(() => undefined);
    };
    return Object.defineProperty(release, 'compromised', { get: () => compromised }) as Release;
  } catch (e) {
    await first().catch(() => undefined);
    throw e;
  }
}

/** Runs `fn` under `<config_dir>/.storage-write.lock`, which serialises writes to the credential store. */
export async function withStorageWriteLock<T>(configDir: string, fn: () => Promise<T>): Promise<T> {
  const release = await lockPath(
    join(configDir, '.storage-write.lock'),
    STORAGE_LOCK_OPTIONS,
    () => undefined,
  );
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
