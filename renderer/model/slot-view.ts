/** What the UI needs to know about a slot, derived from the cache once per render. Pure. */
import type { CacheFile, CacheSlot } from '../../shared/domain/types';

/** Used when the cache does not say which threshold its writer used (product.md §2 default). */
export const DEFAULT_STALE_THRESHOLD_S = 600;
/** A login expiring sooner than this is called out (product.md §7: 3 days). */
export const LOGIN_EXPIRY_WARNING_MS = 3 * 24 * 60 * 60 * 1000;

export interface SlotView {
  id: string;
  /** Label, else email, else id. */
  name: string;
  /** Shown under the name when the name is not already the email. */
  subtitle: string | null;
  slot: CacheSlot;
  enabled: boolean;
  recommended: boolean;
  /** The numbers are older than the stale threshold (or the engine says so). */
  stale: boolean;
  /** now − last_fetched, null before the first success. */
  ageMs: number | null;
  /** The login is gone: offer re-login. */
  needsLogin: boolean;
  /** End of a 429 back-off still ahead of `now`, else null. */
  nextAttemptAt: number | null;
  loginExpiresInMs: number | null;
  loginExpiringSoon: boolean;
}

/** The threshold (ms) the cache's writer used, or the default. */
export function getStaleThresholdMs(cache: CacheFile): number {
  return (cache.stale_threshold_s ?? DEFAULT_STALE_THRESHOLD_S) * 1000;
}

/** True when the cache file itself has not been written for longer than the threshold. */
export function isCacheStale(cache: CacheFile, now: number): boolean {
  // A cache that does not say when it was written (an old writer's) counts as stale.
  return cache.ts == null || now - cache.ts > getStaleThresholdMs(cache);
}

/** Derives one slot's view. */
export function getSlotView(id: string, slot: CacheSlot, cache: CacheFile, now: number): SlotView {
  const ageMs = slot.last_fetched === null ? null : now - slot.last_fetched;
  const enabled = slot.enabled !== false && slot.health !== 'disabled';
  const needsLogin = slot.health === 'login_dead' || slot.health === 'no_credentials';
  const backoffEnd = slot.next_attempt_at ?? null;
  const nextAttemptAt =
    backoffEnd !== null && (backoffEnd > now || slot.health === 'rate_limited') ? backoffEnd : null;
  const loginExpiresInMs = slot.login_expires_at === null ? null : slot.login_expires_at - now;
  return {
    id,
    name: slot.label || slot.email || id,
    subtitle: slot.label && slot.email ? slot.email : slot.label || slot.email ? id : null,
    slot,
    enabled,
    recommended: cache.recommended === id,
    stale: slot.health === 'stale' || (ageMs !== null && ageMs > getStaleThresholdMs(cache)),
    ageMs,
    needsLogin: enabled && needsLogin,
    nextAttemptAt,
    loginExpiresInMs,
    loginExpiringSoon: loginExpiresInMs !== null && loginExpiresInMs < LOGIN_EXPIRY_WARNING_MS,
  };
}

/** All slots in registry (insertion) order. */
export function getSlotViews(cache: CacheFile, now: number): SlotView[] {
  return Object.entries(cache.slots).map(([id, slot]) => getSlotView(id, slot, cache, now));
}
