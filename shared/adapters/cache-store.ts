/** Reads and writes `merged-quota-cache.json` (docs/contracts.md "The cache file"): atomic, 0600, no secrets. */
import { parseCacheText } from '../domain/schemas/cache';
import type { CacheFile } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import { type CacheLoad, getCacheLoad } from './cache-read';
import { readTextIfExists, writeFileAtomic } from './fs/atomic-write';

export type { CacheLoad } from './cache-read';

/**
 * Reads the cache through the cache schema (domain/schemas/cache.ts): a garbage file is an error value,
 * never an exception, and an old writer's cache is read with what it does not say as null.
 */
export async function readCache(file: string): Promise<CacheLoad> {
  let text: string | null;
  try {
    text = await readTextIfExists(file);
  } catch (e) {
    return { state: 'error', message: `${file}: cannot read (${(e as Error).message})` };
  }
  return getCacheLoad(file, text, parseCacheText);
}

/** Writes the cache atomically (temp + fsync + rename, 0600) through `fs`. */
export async function writeCache(file: string, cache: CacheFile, fs: FileSystem): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600, fs });
}
