/**
 * Reads crontab text for the jobs that matter to the broker: ones that run `quota-broker`, and ones that
 * touch Claude Code logins or its quota (a home-made refresher or cache writer, like the cron scripts whose
 * silent failure this product exists for). A job "discards its output" when it redirects stdout or stderr
 * to /dev/null, or when cron's MAILTO is empty and the job does not redirect to a file. Pure.
 */
import { redact } from '../redact';
import type { CronJobKind, CronLine } from './types';

const MAX_TEXT_CHARS = 160;
const RUNS_BROKER = /quota-broker/;
/**
 * A job that touches Claude Code or its quota: any word or path containing `claude` (`_claude-configs/`
 * has no word boundary before it), `refresh-token`, `hot-swap`, `quota` (not inside a word such as
 * `repquota`), `session-health`, `fetch-quotas`, a credentials file or OAuth.
 */
const TOUCHES_CLAUDE =
  /claude|refresh[-_]?tokens?|hot[-_]?swap|(?<![a-z])quotas?|session[-_]health|\.credentials\.json|oauth/i;
/** A home-made token refresher: two refreshers beside Claude Code log accounts out (single-use tokens). */
const REFRESHES_TOKENS =
  /refresh[-_]?tokens?|tokens?[-_]?refresh|oauth|\.credentials\.json|claude-(?:swap|refresh|token)/i;
/** A home-made quota fetcher: it writes (or feeds) the cache the broker writes. */
const WRITES_CACHE = /fetch[-_]?quotas?|(?<![a-z])quotas?|session[-_]health|merged-quota-cache/i;
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
      kind: getCronJobKind(line, runsBroker),
    });
  });
  return out;
}

/** What a job is, from its command line (the broker's own jobs first). */
function getCronJobKind(line: string, runsBroker: boolean): CronJobKind {
  if (runsBroker) return 'broker';
  if (REFRESHES_TOKENS.test(line)) return 'refresher';
  if (WRITES_CACHE.test(line)) return 'cache_writer';
  return 'claude';
}
