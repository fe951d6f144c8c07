/**
 * A state dir that refuses writes, through the FileSystem port every state-dir writer uses: read-only
 * (EROFS), full before any byte (ENOSPC), or full half-way through a file or an appended line. Reads,
 * and creating a directory that already exists, behave as on the real disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { FileSystem } from '../../../shared/ports/file-system';

export type DiskFault = 'EROFS' | 'ENOSPC';

function nodeError(code: DiskFault, syscall: string, path: string): Error {
  const text = code === 'EROFS' ? 'read-only file system' : 'no space left on device';
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path });
}

function half(data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return bytes.subarray(0, bytes.length >> 1);
}

/** The real disk, except that every write fails with `code`; `partial` writes half the bytes first. */
export function createFailingDisk(code: DiskFault, partial = false): FileSystem & { refused: string[] } {
  const refused: string[] = [];
  const refuse = (syscall: string, path: string) => {
    refused.push(`${syscall} ${path}`);
    return nodeError(code, syscall, path);
  };
  // A full disk still renames and removes; a read-only one does neither.
  const readOnly = code === 'EROFS';
  return {
    ...nodeFileSystem,
    refused,
    async mkdirp(path, mode) {
      if (!existsSync(path)) throw refuse('mkdir', path);
      await nodeFileSystem.mkdirp(path, mode);
    },
    mkdirpSync(path, mode) {
      if (!existsSync(path)) throw refuse('mkdir', path);
      nodeFileSystem.mkdirpSync(path, mode);
    },
    async writeNewFile(path, data, mode, options) {
      if (partial) await nodeFileSystem.writeNewFile(path, half(data), mode, options);
      throw refuse(partial ? 'write' : 'open', path);
    },
    writeNewFileSync(path, data, mode, options) {
      if (partial) nodeFileSystem.writeNewFileSync(path, half(data), mode, options);
      throw refuse(partial ? 'write' : 'open', path);
    },
    appendSync(path, data, mode) {
      if (partial) nodeFileSystem.appendSync(path, half(data), mode);
      throw refuse(partial ? 'write' : 'open', path);
    },
    async rename(from, to) {
      if (readOnly) throw refuse('rename', from);
      await nodeFileSystem.rename(from, to);
    },
    renameSync(from, to) {
      if (readOnly) throw refuse('rename', from);
      nodeFileSystem.renameSync(from, to);
    },
    async unlink(path) {
      if (readOnly) throw refuse('unlink', path);
      await nodeFileSystem.unlink(path);
    },
    unlinkSync(path) {
      if (readOnly) throw refuse('unlink', path);
      nodeFileSystem.unlinkSync(path);
    },
    truncateSync(path, size) {
      if (readOnly) throw refuse('truncate', path);
      nodeFileSystem.truncateSync(path, size);
    },
  };
}

/** Every file under `dir` (relative path → bytes), recursively. */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) out.set(relative(dir, path), readFileSync(path));
  }
  return out;
}

/** Files under `dir` (recursively) that look like a writer's temp file. */
export function tempFilesUnder(dir: string): string[] {
  return [...snapshotFiles(dir).keys()].filter((p) => /\.tmp$/.test(p) || /\.\d+\.[0-9a-f]+\.tmp/.test(p));
}

/** Size of a file, or -1 when it does not exist. */
export function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : -1;
}
