/**
 * The file operations the state-dir writers need, as a port: the engine and the stores take it injected,
 * so reliability tests can give them a disk that is full, read-only or slow. The real one is
 * shared/adapters/fs/node-file-system.ts.
 */
export interface FileSystem {
  /** Creates `path` and missing parents with `mode` (only newly created dirs get it). */
  mkdirp(path: string, mode: number): Promise<void>;
  /** Creates a new file (fails if it exists), writes `data`, sets exactly `mode`, fsyncs and closes it. */
  writeNewFile(path: string, data: string | Uint8Array, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Flushes a directory entry to disk. Callers treat failures as best-effort. */
  fsyncDir(path: string): Promise<void>;
  /** The file's text as UTF-8. Rejects with the node error (code `ENOENT` when missing). */
  readText(path: string): Promise<string>;
  /** Resolves symlinks; rejects with `ENOENT` when `path` does not exist. */
  realpath(path: string): Promise<string>;
}
