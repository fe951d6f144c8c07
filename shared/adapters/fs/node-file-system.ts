/**
 * The real file system behind the FileSystem port (shared/ports/file-system.ts): node:fs. The promise
 * API is reached through `fs.promises` at call time, so a process that only uses the synchronous half
 * (the statusline) never loads it.
 */
import * as fs from 'node:fs';
import type { FileSystem } from '../../ports/file-system';

// O_EXCL never follows a symlink at the path; O_NOFOLLOW makes appends and truncations refuse one (ELOOP).
const CREATE_NEW = fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const APPEND = fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_WRONLY | NOFOLLOW;
const TRUNCATE = fs.constants.O_WRONLY | NOFOLLOW;
/** Opening a FIFO with O_NONBLOCK returns at once instead of waiting for a writer; regular files ignore it. */
const READ_NONBLOCKING = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The most a bounded read asks for at once. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** An error with a node-style `code`. */
function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

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
  async isSymlink(path) {
    return (await fs.promises.lstat(path).catch(() => null))?.isSymbolicLink() ?? false;
  },
  async readRegularFile(path, maxBytes) {
    const handle = await fs.promises.open(path, READ_NONBLOCKING);
    try {
      const stats = await handle.stat();
      if (!stats.isFile())
        throw codedError('ENOTREG', `${path} is not a regular file (a FIFO, device or directory).`);
      if (stats.size > maxBytes)
        throw codedError('EFBIG', `${path} is ${stats.size} bytes, more than the ${maxBytes} allowed.`);
      // Read in chunks sized by what is there, never a buffer of maxBytes up front; a file that grew
      // past the bound after the stat is refused rather than read without end.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const room = Math.min(Math.max(stats.size - total, 0) + 1, READ_CHUNK_BYTES, maxBytes + 1 - total);
        const chunk = Buffer.allocUnsafe(room);
        const { bytesRead } = await handle.read(chunk, 0, room, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes)
          throw codedError('EFBIG', `${path} is more than the ${maxBytes} bytes allowed.`);
        chunks.push(chunk.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks, total).toString('utf8');
    } finally {
      await handle.close();
    }
  },

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
  isSymlinkSync(path) {
    return fs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  },
  appendSync(path, data, mode) {
    const fd = fs.openSync(path, APPEND, mode);
    try {
      fs.writeFileSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
  },
  sizeSync(path) {
    return fs.lstatSync(path, { throwIfNoEntry: false })?.size ?? null;
  },
  truncateSync(path, size) {
    const fd = fs.openSync(path, TRUNCATE);
    try {
      fs.ftruncateSync(fd, size);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** The node error code of `error` (`'ENOENT'`, `'EACCES'`, …), or undefined. */
export function getErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
