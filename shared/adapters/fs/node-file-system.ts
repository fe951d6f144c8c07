/**
 * The real file system behind the FileSystem port (shared/ports/file-system.ts): node:fs. The promise
 * API is reached through `fs.promises` at call time, so a process that only uses the synchronous half
 * (the statusline) never loads it.
 */
import * as fs from 'node:fs';
import type { FileSystem } from '../../ports/file-system';

const CREATE_NEW = fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY;
const APPEND = fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_WRONLY;

/** The real file system (node:fs). */
export const nodeFileSystem: FileSystem = {
  async mkdirp(path, mode) {
    await fs.promises.mkdir(path, { recursive: true, mode });
  },
  async writeNewFile(path, data, mode, options) {
    const handle = await fs.promises.open(path, CREATE_NEW, mode);
    try {
      // The umask may have cleared bits of `mode` at creation; set it exactly.
      await handle.chmod(mode);
      await handle.writeFile(data);
      if (options?.durable !== false) await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (path) => fs.promises.unlink(path),
  async fsyncDir(path) {
    const handle = await fs.promises.open(path, fs.constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  readText: (path) => fs.promises.readFile(path, 'utf8'),
  realpath: (path) => fs.promises.realpath(path),

  mkdirpSync(path, mode) {
    fs.mkdirSync(path, { recursive: true, mode });
  },
  writeNewFileSync(path, data, mode, options) {
    const fd = fs.openSync(path, CREATE_NEW, mode);
    try {
      fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, data);
      if (options?.durable !== false) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  appendSync(path, data, mode) {
    const fd = fs.openSync(path, APPEND, mode);
    try {
      fs.writeFileSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
  },
  sizeSync(path) {
    return fs.statSync(path, { throwIfNoEntry: false })?.size ?? null;
  },
  truncateSync: (path, size) => fs.truncateSync(path, size),
};

/** The node error code of `error` (`'ENOENT'`, `'EACCES'`, …), or undefined. */
export function getErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
