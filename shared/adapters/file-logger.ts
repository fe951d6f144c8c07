/**
 * The broker's log (`<state dir>/broker.log`, rotated at 1 MB to `broker.old.log`) through electron-log's
 * Node entry. Every line passes through `redact`, so a token inside a library's error cannot reach the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import log from 'electron-log/node';
import { redact, redactUnknown } from '../domain/redact';
import type { Logger } from '../ports/logger';

export const LOG_MAX_BYTES = 1024 * 1024;

function render(message: string, fields?: Record<string, unknown>): string {
  const tail = fields && Object.keys(fields).length > 0 ? ` ${redactUnknown(fields)}` : '';
  return redact(message) + tail;
}

/** A Logger writing to `file` (0600, parent 0700); `echo` also mirrors warnings and errors to stderr. */
export function createFileLogger(file: string, options: { echo?: boolean; scope?: string } = {}): Logger {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const instance = log.create({ logId: `quota-broker:${file}` });
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.maxSize = LOG_MAX_BYTES;
  instance.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  instance.transports.file.format = `[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] [${options.scope ?? `pid ${process.pid}`}] {text}`;
  instance.transports.file.level = 'info';
  instance.transports.console.level = false;
  const write =
    (level: 'info' | 'warn' | 'error' | 'debug') => (message: string, fields?: Record<string, unknown>) => {
      const line = render(message, fields);
      instance[level](line);
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
