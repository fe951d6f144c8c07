/**
 * Logging in the app (docs/contracts.md "Files and environment"): electron-log's main-process file at its standard per-OS place
 * (macOS: ~/Library/Logs/Quota Broker/main.log), and the engine's Logger routed there as well as to
 * the broker's own `broker.log`. Every line is redacted before it is written.
 */

import { redact, redactUnknown } from '../shared/domain/redact';
import type { Logger } from '../shared/ports/logger';

/** The part of electron-log/main the app uses. */
export interface ElectronLogLike {
  initialize(options?: { preload?: boolean; spyRendererConsole?: boolean }): void;
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
  debug(...params: unknown[]): void;
  transports: {
    file: { level: string | false; maxSize: number; getFile(): { path: string } };
    console: { level: string | false };
  };
  errorHandler: { startCatching(options?: { showDialog?: boolean }): void };
}

export const APP_LOG_MAX_BYTES = 2 * 1024 * 1024;

/** Configures electron-log for the main process; returns the log file's path. */
export function setupLogging(log: ElectronLogLike, options: { dev: boolean }): string {
  // No preload injection: the sandboxed renderer gets nothing but window.quotaApi.
  log.initialize({ preload: false, spyRendererConsole: false });
  log.transports.file.level = options.dev ? 'debug' : 'info';
  log.transports.file.maxSize = APP_LOG_MAX_BYTES;
  log.transports.console.level = options.dev ? 'debug' : false;
  log.errorHandler.startCatching({ showDialog: false });
  return log.transports.file.getFile().path;
}

function line(message: string, fields?: Record<string, unknown>): string {
  const tail = fields && Object.keys(fields).length > 0 ? ` ${redactUnknown(fields)}` : '';
  return redact(message) + tail;
}

/** The engine's Logger interface over electron-log. */
export function createElectronLogger(
  log: Pick<ElectronLogLike, 'info' | 'warn' | 'error' | 'debug'>,
): Logger {
  return {
    info: (m, f) => log.info(line(m, f)),
    warn: (m, f) => log.warn(line(m, f)),
    error: (m, f) => log.error(line(m, f)),
    debug: (m, f) => log.debug(line(m, f)),
  };
}

/** A Logger writing every line to each of `loggers` (the app log and broker.log). */
export function teeLogger(...loggers: Logger[]): Logger {
  const each =
    (level: keyof Logger) =>
    (m: string, f?: Record<string, unknown>): void => {
      for (const l of loggers) l[level](m, f);
    };
  return { info: each('info'), warn: each('warn'), error: each('error'), debug: each('debug') };
}
