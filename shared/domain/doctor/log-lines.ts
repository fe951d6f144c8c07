/** Error lines in the broker's log (file-logger.ts format: `[y-m-d h:i:s.ms] [level] [scope] text`). Pure. */
import { redact } from '../redact';

const LINE =
  /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\]\s+\[error\]\s+(?:\[[^\]]*\]\s+)?(.*)$/;
const MAX_TEXT_CHARS = 200;

/**
 * The error lines of a log text, oldest first, at most `limit` (the newest). Times are read as local
 * time, as the logger writes them. Lines are redacted again and shortened: the doctor prints them.
 */
export function getLogErrors(text: string, limit = 20): { at: number | null; text: string }[] {
  const out: { at: number | null; text: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map((v) => Number(v ?? 0));
    const at = new Date(y, mo - 1, d, h, mi, s, ms).getTime();
    const clean = redact(m[8]).trim();
    out.push({
      at: Number.isFinite(at) ? at : null,
      text: clean.length > MAX_TEXT_CHARS ? `${clean.slice(0, MAX_TEXT_CHARS - 1)}…` : clean,
    });
  }
  return out.slice(-limit);
}
