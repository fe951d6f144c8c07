/**
 * Parse a file once per change (docs/ARCHITECTURE.md, "Reading the registry and the cache"): the
 * registry's YAML costs ~20 ms at 5 slots and ~125 ms at 200, and the engine's cycle, the host's
 * snapshot and every `/api/state` read the same unchanged file. A read first `stat`s the file; when its
 * identity and times (device, inode, size, mtime and ctime in nanoseconds) are those of the last read and
 * that read is trusted, the last parse is reused without reading the file at all.
 *
 * Why a matching stat alone is not always enough: a file system's timestamps are coarse (a kernel tick,
 * or a whole second on some), so a second write of the same size within the same tick leaves every field
 * equal. A read whose file changed less than {@link RACY_MS} before it began is therefore not trusted
 * (git's "racily clean" rule): the next read re-reads the text and compares it with the text it parsed,
 * which is cheap beside the parse. ctime is in the key because no program can set it back (`touch -d`
 * and `cp -p` can set mtime); the inode catches an atomic rename over the file.
 *
 * The parsed value is deep-frozen in the memo and every caller gets its own copy (`copy`), so no caller
 * can change what another one reads; a reader that only reads (the host's snapshot, which is serialised
 * for the UIs) may take the frozen value itself and skip the copy.
 */
import { readFileSync, statSync } from 'node:fs';
import { readTextIfExists } from './atomic-write';

/**
 * How recent a change makes a read untrusted: above the coarsest timestamp resolution the broker meets
 * (1 s on HFS+ and FAT, 2 s on FAT's mtime) and a little clock skew on a network file system.
 */
export const RACY_MS = 2_500;
/**
 * Files up to this size are read synchronously (~20 µs for the 12 kB cache of 10 slots; the thread
 * pool's round trip is ~0.3 ms); a larger one — only a broken or hostile file — asynchronously.
 */
export const SYNC_READ_MAX_BYTES = 1024 * 1024;
/** Files remembered per memo: the registry or the cache of a few state dirs (tests use many). */
export const MEMO_MAX_FILES = 8;

export interface ParsedFileMemoOptions<T> {
  /** Turns the file's text into a value; an error should be a value too (it is remembered). */
  parse: (text: string, file: string) => T;
  /** A caller's own copy of a remembered value (the memo's is frozen). */
  copy: (value: T) => T;
  /** Wall clock, compared with the file system's ctime (tests move it). */
  clock?: () => number;
}

export interface ParsedFileMemo<T> {
  /**
   * The parsed content of `file` (a copy, or with `frozen` the memo's own frozen value, for a reader
   * that only reads), or null when it does not exist. Rejects with the node error when the file exists
   * but cannot be read (a directory, no permission).
   */
  load(file: string, options?: ReadOptions): Promise<T | null>;
}

export interface ReadOptions {
  /** The memo's own deep-frozen value instead of a copy: for readers that never change it. */
  frozen?: boolean;
}

interface Entry<T> {
  key: string;
  text: string;
  value: T;
  /** Whether a later change is sure to change `key` (see RACY_MS). */
  trusted: boolean;
}

function readTextSyncIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Freezes `value` and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}

/** Creates a memo; one per kind of file, shared by everything in the process that reads it. */
export function createParsedFileMemo<T>(options: ParsedFileMemoOptions<T>): ParsedFileMemo<T> {
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  const remember = (file: string, entry: Entry<T>) => {
    entries.delete(file);
    entries.set(file, entry);
    if (entries.size > MEMO_MAX_FILES) entries.delete(entries.keys().next().value as string);
  };
  return {
    async load(file, { frozen = false } = {}) {
      const give = (value: T) => (frozen ? value : options.copy(value));
      const startedAt = clock();
      // A synchronous stat: a few microseconds on the broker's own state dir (the host's watcher stats
      // these directories the same way), where the thread pool's round trip costs ~0.1 ms per read.
      const st = statSync(file, { bigint: true, throwIfNoEntry: false }) ?? null;
      const last = entries.get(file);
      if (!st) {
        entries.delete(file);
        return null;
      }
      const key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
      if (last?.trusted && last.key === key) return give(last.value);
      // The text is read after the stat: if it changes in between, the key is older than the text and
      // the next read sees a new key and reads again (never the other way round).
      // Only a regular file is read synchronously: a FIFO at the path would block the whole event loop.
      const text =
        st.isFile() && st.size <= SYNC_READ_MAX_BYTES
          ? readTextSyncIfExists(file)
          : await readTextIfExists(file);
      if (text === null) {
        entries.delete(file);
        return null;
      }
      const value = last && last.text === text ? last.value : deepFreeze(options.parse(text, file));
      const changedAt = Number(st.ctimeNs / 1_000_000n);
      remember(file, { key, text, value, trusted: startedAt - changedAt > RACY_MS });
      return give(value);
    },
  };
}
