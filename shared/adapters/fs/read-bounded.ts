/**
 * Reading a file another program owns without trusting it (docs/RELIABILITY.md "Hostile inputs"): a FIFO, device
 * or directory where a file should be, a file of unbounded size, or a read that never returns (a hung
 * network mount) each become an error with a code, within a deadline, instead of a cycle that waits
 * forever. Used for Claude Code's files in the config dirs.
 */
import type { FileSystem } from '../../ports/file-system';
import { getErrorCode, nodeFileSystem } from './node-file-system';

export interface ReadBoundedOptions {
  maxBytes: number;
  timeoutMs: number;
  fs?: FileSystem;
}

/**
 * The text of the regular file at `path` (a symlink to one is fine), or null when nothing is there.
 * Rejects with code `ENOTREG` (not a regular file), `EFBIG` (over `maxBytes`), `ETIMEDOUT` (no answer
 * within `timeoutMs`; the stuck read is abandoned) or the node error.
 */
export async function readBoundedFile(path: string, options: ReadBoundedOptions): Promise<string | null> {
  const fs = options.fs ?? nodeFileSystem;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`${path} did not answer within ${options.timeoutMs / 1000} s.`), {
            code: 'ETIMEDOUT',
          }),
        ),
      options.timeoutMs,
    );
  });
  try {
    return await Promise.race([fs.readRegularFile(path, options.maxBytes), deadline]);
  } catch (error) {
    if (getErrorCode(error) === 'ENOENT') return null;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
