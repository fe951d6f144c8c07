/**
 * Reads crontab text for the jobs that matter to the broker: ones that run `quota-broker`, and ones that
 * touch Claude Code logins (a home-made refresher, like the cron scripts whose silent failure this product
 * exists for). A job "discards its output" when it redirects stdout or stderr to /dev/null, or when cron's
 * MAILTO is empty and the job does not redirect to a file. Pure.
 */
import { redact } from '../redact';
import type { CronLine } from './types';

const MAX_TEXT_CHARS = 160;
const RUNS_BROKER = /quota-broker/;
const TOUCHES_CLAUDE =
  /\bclaude\b|claude-(?:swap|refresh|token|session)|CLAUDE_CONFIG_DIR|session-health|\.credentials\.json|oauth/i;
/** `>/dev/null`, `1> /dev/null`, `2>/dev/null`, `&>/dev/null`, `>& /dev/null`, `>>/dev/null`. */
const TO_DEV_NULL = /(?:^|[\s;&|])(?:[12]?>>?|&>>?|>&)\s*\/dev\/null\b/;
const TO_FILE = /(?:^|[\s;&|])(?:1?>>?|&>>?)\s*(?!\/dev\/null)[^\s&|;]+/;
const ENV_LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** The lines of one crontab (`source` names it in findings) that run the broker or touch Claude logins. */
export function getCronLines(text: string, source: string): CronLine[] {
  const out: CronLine[] = [];
  let mailDisabled = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const env = ENV_LINE.exec(line);
    if (env && !/^[@*0-9]/.test(line)) {
      if (env[1] === 'MAILTO') mailDisabled = /^(""|''|)$/.test(env[2].trim());
      return;
    }
    const runsBroker = RUNS_BROKER.test(line);
    if (!runsBroker && !TOUCHES_CLAUDE.test(line)) return;
    const discardsOutput = TO_DEV_NULL.test(line) || (mailDisabled && !TO_FILE.test(line));
    const clean = redact(line);
    out.push({
      source,
      lineNumber: index + 1,
      text: clean.length > MAX_TEXT_CHARS ? `${clean.slice(0, MAX_TEXT_CHARS - 1)}…` : clean,
      runsBroker,
      discardsOutput,
    });
  });
  return out;
}
