/** The real file system behind the FileSystem port (shared/ports/file-system.ts): node:fs/promises. */
import { constants } from 'node:fs';
import { mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import type { FileSystem } from '../../ports/file-system';

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
