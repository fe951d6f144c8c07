/** Plain-language wording of the engine's error classes. */

import { formatAgo } from '../../shared/domain/format/duration';
import type { ErrorKind, SlotError } from '../../shared/domain/types';

const ERROR_SENTENCES: Record<ErrorKind, string> = {
  offline: 'Could not reach Anthropic. Check the network; the broker keeps retrying.',
  timeout: 'Anthropic did not answer in time. The broker retries on the next cycle.',
  server_error: 'Anthropic had a server problem. The broker retries with back-off.',
  rate_limited: 'Anthropic asked us to slow down. The last good numbers stay until the back-off ends.',
  unauthorized: 'The access token was refused. It is being refreshed; re-login if this persists.',
  forbidden: 'This login may not read usage (a setup token?). Log in with `claude` for this slot.',
  bad_response: 'The usage endpoint sent an answer we could not read.',
  login_dead: 'The login has ended. Re-login to bring this slot back.',
  no_credentials: 'No login found for this config dir. Log in to use this slot.',
  credentials_unreadable: 'The stored login could not be read (keychain locked or file damaged).',
  config: 'A configuration problem stops this slot. Run `quota-broker doctor`.',
  refresh_failed: 'Refreshing the token failed for now. The broker tries again later.',
  storage: 'A file could not be written. Check disk space and permissions of the state dir.',
};

/** One plain sentence for an error class. */
export function describeErrorKind(kind: ErrorKind): string {
  return ERROR_SENTENCES[kind] ?? 'Something went wrong. Run `quota-broker doctor` for details.';
}

export interface ErrorText {
  /** The plain sentence for the class. */
  summary: string;
  /** The engine's own message when it adds something, else null. */
  detail: string | null;
  /** `3 m ago`. */
  when: string;
}

/** Everything the UI says about a slot's last error. */
export function formatSlotError(error: SlotError, now: number): ErrorText {
  const summary = describeErrorKind(error.kind);
  const message = error.message.trim();
  return {
    summary,
    detail: message && message !== summary ? message : null,
    when: formatAgo(now - error.at),
  };
}
