/**
 * Claude Code's own lock protocol (interop doc "Refreshing a token"), so the broker refreshing a token is as
 * safe as a second Claude Code process: proper-lockfile directory locks with Claude Code's exact options.
 */
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

const REFRESH_LOCK_OPTIONS = { realpath: false, stale: 60_000, update: 5_000 } as const;
const STORAGE_LOCK_OPTIONS = { realpath: false, stale: 15_000, update: 5_000 } as const;
/** On ELOCKED: a few retries with 1–2 s random waits, as Claude Code does. */
const RETRIES = { retries: 8, minTimeout: 1_000, maxTimeout: 2_000, randomize: true } as const;

export type Release = () => Promise<void>;

/** `<config_dir>/.oauth_refresh.lock`, then the legacy `<realpath(config_dir)>.lock`. Released in reverse. */
export async function acquireRefreshLocks(configDir: string): Promise<Release> {
  const first = await lockfile.lock(configDir, {
    ...REFRESH_LOCK_OPTIONS,
    lockfilePath: join(configDir, '.oauth_refresh.lock'),
    retries: RETRIES,
  });
  try {
    const real = await realpath(configDir);
    const second = await lockfile.lock(real, { ...REFRESH_LOCK_OPTIONS, lockfilePath: `${real}.lock`, retries: RETRIES });
    return async () => {
      await second().catch(() => undefined);
      await first().catch(() => undefined);
    };
  } catch (e) {
    await first().catch(() => undefined);
    throw e;
  }
}

/** Runs `fn` under `<config_dir>/.storage-write.lock`, which serialises writes to the credential store. */
export async function withStorageWriteLock<T>(configDir: string, fn: () => Promise<T>): Promise<T> {
  const release = await lockfile.lock(configDir, {
    ...STORAGE_LOCK_OPTIONS,
    lockfilePath: join(configDir, '.storage-write.lock'),
    retries: RETRIES,
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
