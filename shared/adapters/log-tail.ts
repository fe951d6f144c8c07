/**
 * The end of the broker's log for the dashboard's log panel (docs/ui-contract.md, `getLogTail`): its last
 * lines, each redacted again (the logger already redacts; this is the last guard before a page shows it).
 * Only the last 64 KB are read, so a large log costs nothing.
 */
import { open } from 'node:fs/promises';
import { redact } from '../domain/redact';
import type { LogTail } from '../domain/types';

/** How much of the file's end is read. */
export const LOG_TAIL_BYTES = 64 * 1024;

/** The last `maxLines` lines of `path`. Never throws: a missing or unreadable file is `exists: false`. */
export async function readLogTail(path: string, maxLines: number): Promise<LogTail> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    let lines = buffer.toString('utf8').split(/\r?\n/);
    if (size > length) lines = lines.slice(1); // the first line was cut
    if (lines.at(-1) === '') lines.pop();
    const cut = size > length || lines.length > maxLines;
    return { path, exists: true, lines: lines.slice(-maxLines).map((l) => redact(l)), truncated: cut };
  } catch {
    return { path, exists: false, lines: [], truncated: false };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
