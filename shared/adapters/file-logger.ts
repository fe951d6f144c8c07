/**
 * The broker's log (`<state dir>/broker.log`, rotated at 1 MB to `broker.old.log`), appended through the
 * state dir's FileSystem port like every other file there. Every line passes through `redact`, so a
 * token inside a library's error cannot reach the file. Lines keep the format electron-log wrote before
 * (`[y-m-d h:i:s.ms] [level] [scope] text`, local time), which the doctor reads (domain/doctor/log-lines.ts).
 */
import { dirname, join, parse } from 'node:path';
import { redact, redactUnknown } from '../domain/redact';
import type { FileSystem } from '../ports/file-system';
import type { Logger } from '../ports/logger';
import { appendOrRollBack } from './fs/append';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './fs/atomic-write';

export const LOG_MAX_BYTES = 1024 * 1024;

type Level = 'info' | 'warn' | 'error' | 'debug';

function render(message: string, fields?: Record<string, unknown>): string {
  const tail = fields && Object.keys(fields).length > 0 ? ` ${redactUnknown(fields)}` : '';
  return redact(message) + tail;
}

const two = (n: number) => String(n).padStart(2, '0');

/** One log line as the file holds it (without the newline). */
export function formatLogLine(
  date: Date,
  level: Exclude<Level, 'debug'>,
  scope: string,
  text: string,
): string {
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  return `[${day} ${time}.${ms}] ${`[${level}]`.padEnd(7)} [${scope}] ${text}`;
}

/** `broker.log` → `broker.old.log`. */
function archivePath(file: string): string {
  const { dir, name, ext } = parse(file);
  return join(dir, `${name}.old${ext}`);
}

/**
 * A Logger appending to `file` through `fs` (0600, parent 0700; debug lines are not written); `echo`
 * also mirrors warnings and errors to stderr. A line the disk refuses is dropped, never half-written:
 * a full or read-only state dir is reported by the writes that matter (the cycle's), not by the log.
 */
export function createFileLogger(
  file: string,
  fs: FileSystem,
  options: { echo?: boolean; scope?: string } = {},
): Logger {
  try {
    fs.mkdirpSync(dirname(file), PRIVATE_DIR_MODE);
  } catch {
    // No state dir to log into (read-only, not the user's own): each line is dropped, as below.
  }
  const scope = options.scope ?? `pid ${process.pid}`;
  const append = (level: Exclude<Level, 'debug'>, text: string) => {
    try {
      if ((fs.sizeSync(file) ?? 0) > LOG_MAX_BYTES) fs.renameSync(file, archivePath(file));
    } catch {
      // Not rotated this time (another process did, or the disk refuses): the line still goes in.
    }
    try {
      appendOrRollBack(file, `${formatLogLine(new Date(), level, scope, text)}\n`, PRIVATE_FILE_MODE, fs);
    } catch {
      // See above: dropped whole.
    }
  };
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    const line = render(message, fields);
    if (level !== 'debug') append(level, line);
    if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(`${line}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') };
}

/** A Logger that keeps lines in memory (tests, and the doctor's own dry runs). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`[${level}] ${render(message, fields)}`);
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error'), debug: push('debug') };
}
