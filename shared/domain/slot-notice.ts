/**
 * The one notice a slot's card shows under its numbers (docs/ui-contract.md "What a slot shows"), decided
 * from the shared slot state (slot-state.ts): red only for what needs the person (a login to redo, a
 * setup to fix), amber for what the broker is waiting out (a 429 back-off, the network) with its next
 * attempt, quiet for an error a later success already resolved. Pure; the UI words it.
 */
import type { SlotState } from './slot-state';
import type { CacheSlot, ErrorKind } from './types';

export type NoticeTone = 'bad' | 'warn' | 'muted';

export type NoticeKind =
  /** Only a new login brings it back (login dead, none stored, deactivated). */
  | 'login'
  /** The usage endpoint answered 429: the broker backs off and keeps the last numbers. */
  | 'rate_limited'
  /** The network or Anthropic failed: the broker retries by itself. */
  | 'offline'
  /** The access token expired (or was refused) and is being refreshed. */
  | 'token'
  /** Another unresolved error. */
  | 'error'
  /** An error older than the last success: history. */
  | 'resolved';

export interface SlotNotice {
  kind: NoticeKind;
  tone: NoticeTone;
  /** The engine's error class, when an error is behind the notice. */
  errorKind: ErrorKind | null;
  /** The engine's own sentence without a fix the UI already offers (no "Run: …", no "re-login needed"). */
  cause: string | null;
  /** When the error happened; null when none is recorded. */
  at: number | null;
  /** When the broker tries again (a 429's back-off end, a network retry), else null. */
  nextAttemptAt: number | null;
}

/** Error classes only the person can fix: a re-login, a setup token, a locked keychain, the disk. */
const NEEDS_PERSON: ReadonlySet<ErrorKind> = new Set([
  'login_dead',
  'no_credentials',
  'forbidden',
  'credentials_unreadable',
  'config',
  'storage',
]);

/**
 * The engine's message without the fix it appends for the CLI and logs ("…; re-login needed. Run:
 * quota-broker relogin slot-2"): the card offers that fix as a button.
 */
export function getErrorCause(message: string | null | undefined): string | null {
  if (!message) return null;
  const cause = message
    .replace(/\s*Run: \S.*$/s, '')
    .replace(/[;,.]?\s*re-?login (?:is )?needed\.?$/i, '')
    .trim();
  if (!cause) return null;
  return /[.!?]$/.test(cause) ? cause : `${cause}.`;
}

/** The notice for a slot, or null when there is nothing to say (healthy, or disabled by the person). */
export function getSlotNotice(slot: CacheSlot, state: SlotState): SlotNotice | null {
  if (!state.enabled) return null;
  const error = slot.last_error ?? null;
  const base = {
    errorKind: error?.kind ?? null,
    cause: getErrorCause(error?.message),
    at: error?.at ?? null,
    nextAttemptAt: state.nextAttemptAt,
  };
  if (state.needsLogin) {
    // About the login: an older error of another kind (a 429 before it died) is not its cause.
    const about = error?.kind === 'login_dead' || error?.kind === 'no_credentials';
    return {
      ...base,
      ...(about ? {} : { errorKind: null, cause: null, at: null }),
      kind: 'login',
      tone: 'bad',
    };
  }
  const resolved = error !== null && slot.last_fetched !== null && error.at < slot.last_fetched;
  if (error && !resolved && NEEDS_PERSON.has(error.kind)) return { ...base, kind: 'error', tone: 'bad' };
  switch (state.condition) {
    case 'rate_limited':
      return { ...base, kind: 'rate_limited', tone: 'warn' };
    case 'offline':
      return { ...base, kind: 'offline', tone: 'warn' };
    case 'token_expired':
      return { ...base, kind: 'token', tone: 'warn' };
    default:
      break;
  }
  if (!error) return null;
  return resolved ? { ...base, kind: 'resolved', tone: 'muted' } : { ...base, kind: 'error', tone: 'warn' };
}
