/**
 * The file operations the state-dir writers need, as a port: every writer of the state dir (cache,
 * engine state, alert state, history, observations, the registry, broker.json, broker.log) takes it
 * injected, so reliability tests can give them a disk that is full, read-only or slow, and a rule about
 * how the broker writes there (never through a symlink: appends and truncations refuse a link at the
 * path, writeFileAtomic refuses to replace one) is a change in one place. The real one is
 * shared/adapters/fs/node-file-system.ts; shared/adapters/fs/ builds the safe writes on top of it.
 *
 * Two halves: asynchronous operations for whole-file atomic replacement, and synchronous ones for the
 * appenders (a log line must be on disk even when the process ends right after it) and for the
 * statusline's hot path (the thread pool costs start-up time there). Errors are node errors (`code`).
 */
export interface FileSystem {
  /** Creates `path` and missing parents with `mode` (only newly created dirs get it). */
  mkdirp(path: string, mode: number): Promise<void>;
  /**
   * Creates a new file (fails if it exists), writes `data`, sets exactly `mode` and closes it; fsyncs
   * it before closing unless `durable` is false (data that is cheap to lose, on a hot path).
   */
  writeNewFile(path: string, data: string | Uint8Array, mode: number, options?: WriteOptions): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Flushes a directory entry to disk. Callers treat failures as best-effort. */
  fsyncDir(path: string): Promise<void>;
  /** The file's text as UTF-8. Rejects with the node error (code `ENOENT` when missing). */
  readText(path: string): Promise<string>;
  /** Resolves symlinks; rejects with `ENOENT` when `path` does not exist. */
  realpath(path: string): Promise<string>;
  /** True when `path` itself is a symbolic link (not followed); false for anything else or nothing. */
  isSymlink(path: string): Promise<boolean>;
  /**
   * The text of a regular file (or of one a symlink points to) of at most `maxBytes`, opened without
   * blocking: a FIFO, device or directory there rejects with code `ENOTREG` instead of hanging, a larger
   * file with `EFBIG`, a missing one with `ENOENT`.
   */
  readRegularFile(path: string, maxBytes: number): Promise<string>;

  /** {@link mkdirp}, synchronously. */
  mkdirpSync(path: string, mode: number): void;
  /** {@link writeNewFile}, synchronously. */
  writeNewFileSync(path: string, data: string | Uint8Array, mode: number, options?: WriteOptions): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  /** {@link isSymlink}, synchronously. */
  isSymlinkSync(path: string): boolean;
  /**
   * Appends `data` at the end of `path`, creating it with `mode` (as open(2) applies it) when missing.
   * A symlink at `path` is not followed: the append fails with `ELOOP`.
   */
  appendSync(path: string, data: string | Uint8Array, mode: number): void;
  /** The size in bytes of what is at `path` (a symlink's own size, not followed), or null when nothing is. */
  sizeSync(path: string): number | null;
  /** Cuts the file back to `size` bytes; a symlink at `path` is not followed (`ELOOP`). */
  truncateSync(path: string, size: number): void;
}

export interface WriteOptions {
  /** fsync the file before closing it. Default true. */
  durable?: boolean;
}
