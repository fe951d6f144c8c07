/** Lines of the broker's log (file-logger.ts format: `[y-m-d h:i:s.ms] [level] [scope] text`). Pure. */
import { DESKTOP_FAILURE_PREFIX, NOTIFY_COMMAND_FAILURE_PREFIX } from '../alerts/delivery-words';
import { redact } from '../redact';
import type { DeliveryFailure } from './types';

const LINE =
  /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\]\s+\[(error|warn|info)\]\s+(?:\[[^\]]*\]\s+)?(.*)$/;
const MAX_TEXT_CHARS = 200;

interface LogLine {
  at: number | null;
  level: string;
  text: string;
}

/** Every line in the logger's format, oldest first; times are local, as the logger writes them. */
function parseLines(text: string): LogLine[] {
  const out: LogLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map((v) => Number(v ?? 0));
    const at = new Date(y, mo - 1, d, h, mi, s, ms).getTime();
    out.push({ at: Number.isFinite(at) ? at : null, level: m[8], text: m[9] });
  }
  return out;
}

/** Redacted again and shortened: the doctor prints it. */
function clean(text: string): string {
  const t = redact(text).trim();
  return t.length > MAX_TEXT_CHARS ? `${t.slice(0, MAX_TEXT_CHARS - 1)}…` : t;
}

/**
 * The error lines of a log text, oldest first, at most `limit` (the newest). Times are read as local
 * time, as the logger writes them. Lines are redacted again and shortened: the doctor prints them.
 */
export function getLogErrors(text: string, limit = 20): { at: number | null; text: string }[] {
  return parseLines(text)
    .filter((l) => l.level === 'error')
    .map((l) => ({ at: l.at, text: clean(l.text) }))
    .slice(-limit);
}

/**
 * The alerts the log says could not be delivered (engine/deliver-alerts.ts writes these warnings): the
 * desktop notifier failed, or the notify_command failed, timed out or was not run. Oldest first.
 */
export function getDeliveryFailures(text: string, limit = 20): DeliveryFailure[] {
  const out: DeliveryFailure[] = [];
  for (const l of parseLines(text)) {
    if (l.level !== 'warn') continue;
    const channel = l.text.startsWith(DESKTOP_FAILURE_PREFIX)
      ? 'desktop'
      : l.text.startsWith(NOTIFY_COMMAND_FAILURE_PREFIX)
        ? 'notify_command'
        : null;
    if (channel) out.push({ at: l.at, channel, text: clean(l.text) });
  }
  return out.slice(-limit);
}
