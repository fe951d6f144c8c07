/** Reads and writes `merged-quota-cache.json` (docs/contracts.md "The cache file"): atomic, 0600, no secrets. */
import { parseCacheText } from '../domain/schemas/cache';
import type { CacheFile } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import { type CacheLoad, getCacheLoad } from './cache-read';
import { writeFileAtomic } from './fs/atomic-write';
import { createParsedFileMemo, type ReadOptions } from './fs/parsed-file-memo';

export type { CacheLoad } from './cache-read';

/** One parse per change of the cache file for the whole process (parsed-file-memo.ts). */
const cacheMemo = createParsedFileMemo<Exclude<CacheLoad, { state: 'absent' }>>({
  parse: (text, file) => getCacheLoad(file, text, parseCacheText) as Exclude<CacheLoad, { state: 'absent' }>,
  copy: (load) => (load.state === 'ok' ? { state: 'ok', cache: structuredClone(load.cache) } : load),
});

/**
 * Reads the cache through the cache schema (domain/schemas/cache.ts): a garbage file is an error value,
 * never an exception, and an old writer's cache is read with what it does not say as null. The file is
 * parsed again only when it changed since the last read in this process; each caller gets its own copy,
 * or with `frozen` the process's shared, deep-frozen one (for a reader that never changes it).
 */
export async function readCache(file: string, options?: ReadOptions): Promise<CacheLoad> {
  try {
    return (await cacheMemo.load(file, options)) ?? { state: 'absent' };
  } catch (e) {
    return { state: 'error', message: `${file}: cannot read (${(e as Error).message})` };
  }
}

/** Writes the cache atomically (temp + fsync + rename, 0600) through `fs`. */
export async function writeCache(file: string, cache: CacheFile, fs: FileSystem): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600, fs });
}
