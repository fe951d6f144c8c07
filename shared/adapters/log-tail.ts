/**
 * The end of the broker's log for the log panel of the popover and the dashboard (docs/ui-contract.md,
 * `getLogTail`): its last lines, each redacted again (the logger already redacts; this is the last guard
 * before a page shows it). Only the last 64 KB are read, so a large log costs nothing.
 */
import { redact } from '../domain/redact';
import type { LogTail } from '../domain/types';
import { readFileTail } from './fs/read-tail';

/** How much of the file's end is read. */
export const LOG_TAIL_BYTES = 64 * 1024;

/**
 * The last `maxLines` lines of `path`, redacted. Never throws: a missing or unreadable log (or a symlink
 * where it should be) is `exists: false`.
 */
export async function readLogTail(path: string, maxLines: number): Promise<LogTail> {
  const tail = await readFileTail(path, LOG_TAIL_BYTES).catch(() => null);
  if (!tail) return { path, exists: false, lines: [], truncated: false };
  const lines = tail.text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return {
    path,
    exists: true,
    lines: lines.slice(-maxLines).map((line) => redact(line)),
    truncated: tail.cut || lines.length > maxLines,
  };
}
