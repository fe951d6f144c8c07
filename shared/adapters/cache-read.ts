/**
 * Reading `merged-quota-cache.json`: one schema (domain/schemas/cache.ts) decides what a cache says, for
 * every surface. The engine, CLI, host and doctor read through `readCache` (cache-store.ts), which applies
 * the schema itself; the statusline's per-update path reads through {@link readCacheSync}, which applies
 * the hand-checked copy of the same schema (cache-fast.ts, tested to give the same answers) because
 * loading valibot there costs start-up time. This file imports no valibot, on purpose.
 */
import { readFileSync } from 'node:fs';
import type { CacheParse } from '../domain/schemas/cache';
import { parseCacheTextFast } from '../domain/schemas/cache-fast';
import type { CacheFile } from '../domain/types';

export type CacheLoad =
  | { state: 'absent' }
  | { state: 'ok'; cache: CacheFile }
  | { state: 'error'; message: string };

/** The cache in `text`, read from `file` (null: the file does not exist), through `parse`. Never throws. */
export function getCacheLoad(
  file: string,
  text: string | null,
  parse: (text: string) => CacheParse,
): CacheLoad {
  if (text == null) return { state: 'absent' };
  const parsed = parse(text);
  return parsed.ok
    ? { state: 'ok', cache: parsed.cache }
    : { state: 'error', message: `${file}: ${parsed.reason}` };
}

/** Reads the cache synchronously (the statusline's path); an unreadable file is an error value. */
export function readCacheSync(file: string): CacheLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'error', message: `${file}: cannot read (${(e as Error).message})` };
  }
  return getCacheLoad(file, text, parseCacheTextFast);
}
