/**
 * Crash-safe file writes for everything the broker persists (credentials file, cache, registry, state):
 * a reader sees either the old content or the new, never a torn file, and a failed write leaves no litter.
 */
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from '../../ports/file-system';
import { getErrorCode, nodeFileSystem } from './node-file-system';

/** Files the broker writes are private (docs/contracts.md "Security"). */
export const PRIVATE_FILE_MODE = 0o600;
/** Directories the broker creates are private (docs/contracts.md "Security"). */
export const PRIVATE_DIR_MODE = 0o700;

export interface WriteFileAtomicOptions {
  /** Mode of the written file, set exactly (not filtered by the umask). Default 0600. */
  mode?: number;
  /** Mode for parent directories that have to be created. Default 0700. */
  dirMode?: number;
  /** File system to use; tests inject failing ones. Default: node:fs. */
  fs?: FileSystem;
  /**
   * fsync the file and its directory (default). False keeps the write atomic but not durable: for data
   * that is cheap to lose and written on a hot path (statusline observations).
   */
  durable?: boolean;
  /**
   * A symlink at `path`: `refuse` (the default) fails with `ELOOP` and writes nothing, so a link planted
   * in the state dir never redirects a write (docs/contracts.md "Security"); `follow` replaces the file
   * it points to and keeps the link — only for files Claude Code owns, which a dotfiles setup may link
   * (`.credentials.json`, `settings.json`: docs/claude-code.md "Where the tokens are").
   */
  symlink?: 'refuse' | 'follow';
}

/** The error a refused symlink gives: node's ELOOP, with a sentence saying what to do. */
function symlinkRefused(path: string): Error {
  return Object.assign(
    new Error(
      `${path} is a symbolic link; the broker does not write through links here. Remove it: rm ${path}`,
    ),
    { code: 'ELOOP' },
  );
}

/**
 * Writes `data` to `path` atomically: a uniquely named temp file in the same directory is written,
 * fsynced and renamed over `path`, then the directory is fsynced (best-effort). Missing parent
 * directories are created with 0700. A symlink at `path` is refused (`ELOOP`), or with `symlink:
 * 'follow'` the file it points to is replaced and the link kept. On failure the temp file is removed and
 * the original node error (with its `code`, e.g. `EACCES`, `ENOSPC`, `EROFS`) is rethrown; `path` is
 * untouched. (The rename replaces whatever is at the path itself: a link planted between the check and
 * the rename is replaced, never written through.)
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const durable = options.durable !== false;
  let target = path;
  if (options.symlink === 'follow') target = await resolveTarget(fs, path);
  else if (await fs.isSymlink(path)) throw symlinkRefused(path);
  const dir = dirname(target);
  await fs.mkdirp(dir, options.dirMode ?? PRIVATE_DIR_MODE);
  const temp = getTempPath(target);
  try {
    await fs.writeNewFile(temp, data, mode, { durable });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // Makes the rename itself durable; some file systems cannot fsync a directory, which is fine.
  if (durable) await fs.fsyncDir(dir).catch(() => undefined);
}

/**
 * {@link writeFileAtomic} with the synchronous half of the port, for the statusline's hot path (no
 * thread pool). A symlink at `path` is refused (`ELOOP`); `symlink: 'follow'` is not offered here.
 */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): void {
  const fs = options.fs ?? nodeFileSystem;
  if (fs.isSymlinkSync(path)) throw symlinkRefused(path);
  fs.mkdirpSync(dirname(path), options.dirMode ?? PRIVATE_DIR_MODE);
  const temp = getTempPath(path);
  try {
    fs.writeNewFileSync(temp, data, options.mode ?? PRIVATE_FILE_MODE, {
      durable: options.durable !== false,
    });
    fs.renameSync(temp, path);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // The temp file was never created.
    }
    throw error;
  }
}

/**
 * `.<name>.<pid>.<12 hex>.tmp` beside the target (temp-litter.ts recognises the pattern). The file is
 * created exclusively, so the name only has to be unlikely to collide; Math.random keeps node:crypto
 * (dozens of modules) out of the statusline's start-up.
 */
function getTempPath(target: string): string {
  const hex = () =>
    Math.floor(Math.random() * 0x1000000)
      .toString(16)
      .padStart(6, '0');
  return join(dirname(target), `.${basename(target)}.${process.pid}.${hex()}${hex()}.tmp`);
}

/** The text of `path` as UTF-8, or null when the file does not exist. Other errors are rethrown. */
export async function readTextIfExists(
  path: string,
  fs: FileSystem = nodeFileSystem,
): Promise<string | null> {
  try {
    return await fs.readText(path);
  } catch (error) {
    if (getErrorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The real path of an existing file (following symlinks), else `path` itself. */
async function resolveTarget(fs: FileSystem, path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (getErrorCode(error) === 'ENOENT') return path;
    throw error;
  }
}
