/**
 * The end of a text file the broker owns (broker.log): its last `maxBytes`, whole lines only, however
 * large the file. Opened without following a symlink (the logger never writes through one either,
 * docs/contracts.md "Security") and without blocking, so a FIFO at the path is an error, not a hang.
 */
import * as fs from 'node:fs';

const READ_TAIL_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

export interface FileTail {
  /** The last whole lines read, as text. */
  text: string;
  /** True when the file holds more than was read (older lines were left out). */
  cut: boolean;
}

/**
 * The last `maxBytes` of the regular file at `path`, starting at a line: a first line cut by the bound is
 * dropped. Null when nothing is there; rejects with the node error (`ELOOP` for a symlink, `ENOTREG` for
 * anything but a regular file).
 */
export async function readFileTail(path: string, maxBytes: number): Promise<FileTail | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, READ_TAIL_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw Object.assign(new Error(`${path} is not a regular file.`), { code: 'ENOTREG' });
    const length = Math.min(stats.size, maxBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, stats.size - length);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    const cut = stats.size > length;
    if (cut) text = text.slice(text.indexOf('\n') + 1);
    return { text, cut };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
