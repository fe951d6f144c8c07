/**
 * The few file operations the atomic helpers need, behind an interface so that reliability tests can
 * inject a disk that is full, read-only or slow. `nodeFileSystem` is the real one.
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';

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

/** The real file system (node:fs/promises). */
export const nodeFileSystem: FileSystem = {
  async mkdirp(path, mode) {
    await mkdir(path, { recursive: true, mode });
  },
  async writeNewFile(path, data, mode) {
    const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
    try {
      // The umask may have cleared bits of `mode` at creation; set it exactly.
      await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  async fsyncDir(path) {
    const handle = await open(path, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  readText: (path) => readFile(path, 'utf8'),
  realpath: (path) => realpath(path),
};

/** The node error code of `error` (`'ENOENT'`, `'EACCES'`, …), or undefined. */
export function getErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
