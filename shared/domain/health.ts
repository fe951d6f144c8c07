import type { ErrorKind, SlotHealth } from './types';

/** What happened to one slot in one cycle; the engine records it, `getSlotHealth` names it. */
export type SlotOutcome =
  | { type: 'disabled' }
  | { type: 'no_credentials' }
  /** `malformed`: the JSON is broken (a person must fix or re-login); else the store could not be reached. */
  | { type: 'unreadable'; malformed: boolean }
  | { type: 'login_dead' }
  | { type: 'fetched' }
  | { type: 'observed' }
  | { type: 'skipped' }
  | { type: 'backing_off' }
  | { type: 'token_expired' }
  | { type: 'failed'; kind: ErrorKind };

/** Healths that name a standing transient problem; a skipped cycle keeps them until a call succeeds. */
const STICKY: ReadonlySet<SlotHealth> = new Set(['rate_limited', 'offline', 'token_expired']);

/** Whether data fetched at `lastFetched` is older than the threshold (never-fetched data is stale). */
export function isStale(lastFetched: number | null, now: number, staleThresholdS: number): boolean {
  return lastFetched == null || now - lastFetched > staleThresholdS * 1000;
}

/** Maps a failed call's kind to the health it shows (docs/contracts.md "Slot health"). */
export function healthForFailure(kind: ErrorKind): SlotHealth {
  switch (kind) {
    case 'rate_limited':
      return 'rate_limited';
    case 'unauthorized':
      return 'token_expired';
    case 'login_dead':
      return 'login_dead';
    case 'no_credentials':
    case 'credentials_unreadable':
      return 'no_credentials';
    default:
      return 'offline';
  }
}

/** The health a slot shows after a cycle (docs/contracts.md "Slot health"). */
export function getSlotHealth(
  outcome: SlotOutcome,
  previous: SlotHealth | null,
  lastFetched: number | null,
  now: number,
  staleThresholdS: number,
): SlotHealth {
  const byAge: SlotHealth = isStale(lastFetched, now, staleThresholdS) ? 'stale' : 'ok';
  switch (outcome.type) {
    case 'disabled':
      return 'disabled';
    case 'no_credentials':
      return 'no_credentials';
    case 'unreadable':
      // A locked keychain or an unreachable keyring is not "no login": saying so would push a re-login,
      // which revokes the account's tokens everywhere.
      return outcome.malformed ? 'no_credentials' : 'offline';
    case 'login_dead':
      return 'login_dead';
    case 'fetched':
    case 'observed':
      return byAge;
    case 'backing_off':
      return 'rate_limited';
    case 'token_expired':
      return 'token_expired';
    case 'failed':
      return healthForFailure(outcome.kind);
    case 'skipped':
      return previous && STICKY.has(previous) ? previous : byAge;
  }
}

/** Outcomes after which the slot must be deactivated (status written to the registry). */
export function deactivates(outcome: SlotOutcome): boolean {
  return outcome.type === 'login_dead' || outcome.type === 'no_credentials';
}
