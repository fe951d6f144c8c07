/** Reads and writes `merged-quota-cache.json` (product.md §4): atomic, 0600, no secrets. */
import type { CacheFile } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import { readTextIfExists, writeFileAtomic } from './fs/atomic-write';

export type CacheLoad =
  | { state: 'absent' }
  | { state: 'ok'; cache: CacheFile }
  | { state: 'error'; message: string };

/** Reads the cache; a garbage file is an error value, never an exception. */
export async function readCache(file: string): Promise<CacheLoad> {
  let text: string | null;
  try {
    text = await readTextIfExists(file);
  } catch (e) {
    return { state: 'error', message: `${file}: cannot read (${(e as Error).message})` };
  }
  if (text == null) return { state: 'absent' };
  try {
    const cache = JSON.parse(text) as CacheFile;
    if (!cache || typeof cache !== 'object' || typeof cache.slots !== 'object' || cache.slots === null) {
      return { state: 'error', message: `${file}: not a Quota Broker cache` };
    }
    return { state: 'ok', cache };
  } catch {
    return { state: 'error', message: `${file}: not valid JSON` };
  }
}

/** Writes the cache atomically (temp + fsync + rename, 0600) through `fs`. */
export async function writeCache(file: string, cache: CacheFile, fs: FileSystem): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600, fs });
}
