/** Plain-language wording of a slot's notice (shared/domain/slot-notice.ts decides which and its tone). */

import { formatAgo, formatCountdown } from '../../shared/domain/format/duration';
import type { SlotNotice } from '../../shared/domain/slot-notice';
import type { SlotCondition } from '../../shared/domain/slot-state';
import type { ErrorKind } from '../../shared/domain/types';
import { formatClock } from './time';

/** One sentence per error class. None says "re-login": the card's button does, once. */
const ERROR_SENTENCES: Record<ErrorKind, string> = {
  offline: 'Could not reach Anthropic. The broker keeps retrying.',
  timeout: 'Anthropic did not answer in time. The broker retries.',
  server_error: 'Anthropic had a server problem. The broker retries with back-off.',
  rate_limited: 'Anthropic asked us to slow down (429). The last numbers stay until the back-off ends.',
  unauthorized: 'The access token was refused. The broker is refreshing it.',
  forbidden: 'This login may not read usage (a setup token?). Log in with claude for this slot.',
  bad_response: 'The usage endpoint sent an answer we could not read.',
  login_dead: 'The login has ended.',
  no_credentials: 'No login is stored for this config dir.',
  credentials_unreadable: 'The stored login could not be read (keychain locked or file damaged).',
  config: 'A configuration problem stops this slot. quota-broker doctor says which.',
  refresh_failed: 'Refreshing the token failed for now. The broker tries again later.',
  storage: 'A file could not be written. Check disk space and permissions of the state dir.',
};

/** What a login notice says when no error was recorded (an inactive slot from an old tool). */
const LOGIN_SENTENCES: Partial<Record<SlotCondition, string>> = {
  login_dead: ERROR_SENTENCES.login_dead,
  no_credentials: ERROR_SENTENCES.no_credentials,
  inactive: 'Marked inactive: the broker does not poll it until a new login.',
};

/** One plain sentence for an error class. */
export function describeErrorKind(kind: ErrorKind): string {
  return ERROR_SENTENCES[kind] ?? 'Something went wrong. quota-broker doctor says what.';
}

export interface NoticeText {
  /** `2 m ago`, `Earlier (2 h ago)`; null when no time is known. */
  heading: string | null;
  /** The plain sentence. */
  summary: string;
  /** The engine's own words when they add something, else null. */
  detail: string | null;
  /** `Next try 14:05 (in 4m)`, or null. */
  next: string | null;
}

/** Notices that can stand without a recorded error: their sentence. */
const KIND_SENTENCES: Partial<Record<SlotNotice['kind'], string>> = {
  rate_limited: ERROR_SENTENCES.rate_limited,
  offline: ERROR_SENTENCES.offline,
  token: ERROR_SENTENCES.unauthorized,
};

function getSummary(notice: SlotNotice, condition: SlotCondition): string {
  const kind = notice.errorKind;
  if (notice.kind === 'login') {
    // A login notice is about the login, whatever error came last (an inactive slot may show an old 429).
    if (kind === 'login_dead' || kind === 'no_credentials') return ERROR_SENTENCES[kind];
    return LOGIN_SENTENCES[condition] ?? ERROR_SENTENCES.login_dead;
  }
  if (kind) return describeErrorKind(kind);
  return KIND_SENTENCES[notice.kind] ?? describeErrorKind('config');
}

/** Everything a slot's notice says. */
export function formatNotice(notice: SlotNotice, condition: SlotCondition, now: number): NoticeText {
  const summary = getSummary(notice, condition);
  const ago = notice.at === null ? null : formatAgo(now - notice.at);
  const heading = notice.kind === 'resolved' && ago ? `Earlier (${ago})` : ago;
  const next =
    notice.nextAttemptAt !== null && notice.nextAttemptAt > now
      ? `Next try ${formatClock(notice.nextAttemptAt, now)} (in ${formatCountdown(notice.nextAttemptAt - now)})`
      : null;
  return { heading, summary, detail: notice.cause && notice.cause !== summary ? notice.cause : null, next };
}
