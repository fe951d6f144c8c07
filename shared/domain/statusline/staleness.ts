/**
 * Staleness as the statusline judges it (product.md §4: two levels, the cache's `ts` and the slot's
 * `last_fetched`; a fresh `ts` never hides a stale slot), and whether a detached refresh could help. Pure.
 */
import type { CacheFile, CacheSlot } from '../types';

export const DEFAULT_STALE_THRESHOLD_S = 600;

/** The threshold the cache's writer used, else the default (600 s), in milliseconds. */
export function getStaleThresholdMs(cache: Pick<CacheFile, 'stale_threshold_s'> | null): number {
  const s = cache?.stale_threshold_s;
  return (typeof s === 'number' && Number.isFinite(s) && s > 0 ? s : DEFAULT_STALE_THRESHOLD_S) * 1000;
}

/** True when `at` (epoch ms) is missing or older than the threshold. */
export function isOlderThan(at: unknown, now: number, thresholdMs: number): boolean {
  return typeof at !== 'number' || !Number.isFinite(at) || now - at > thresholdMs;
}

/** Cache-level staleness: no cache, or its `ts` is older than the threshold. */
export function isCacheStale(cache: Pick<CacheFile, 'ts'> | null, now: number, thresholdMs: number): boolean {
  return !cache || isOlderThan(cache.ts, now, thresholdMs);
}

/** Slot-level staleness: never fetched, fetched too long ago, or marked stale by the engine. */
export function isSlotStale(
  slot: Pick<CacheSlot, 'last_fetched' | 'health'>,
  now: number,
  thresholdMs: number,
): boolean {
  return slot.health === 'stale' || isOlderThan(slot.last_fetched, now, thresholdMs);
}

/**
 * False for a slot a refresh cannot bring back: inactive or disabled, a dead or missing login, or a
 * 429 back-off still running. Spawning refreshes for those would only repeat the same failure.
 */
export function canRefreshHelp(
  slot: Pick<CacheSlot, 'status' | 'health' | 'enabled' | 'next_attempt_at'>,
  now: number,
): boolean {
  if (slot.status === 'inactive' || slot.enabled === false) return false;
  if (slot.health === 'login_dead' || slot.health === 'no_credentials' || slot.health === 'disabled')
    return false;
  return !(
    slot.health === 'rate_limited' &&
    typeof slot.next_attempt_at === 'number' &&
    slot.next_attempt_at > now
  );
}

export interface RefreshDecisionInput {
  cache: CacheFile | null;
  /** The session's slot in the cache, if any. */
  slot: CacheSlot | null;
  /** True when the line shows a statusline observation younger than the threshold. */
  observationFresh: boolean;
  now: number;
}

/**
 * Whether the statusline should ask for a refresh (it still has to find no live broker first):
 * no usable cache, a stale cache, or a stale slot that a refresh can help and no fresh observation covers.
 */
export function shouldStartRefresh(input: RefreshDecisionInput): boolean {
  const { cache, slot, now } = input;
  const threshold = getStaleThresholdMs(cache);
  if (isCacheStale(cache, now, threshold)) return true;
  if (!slot || input.observationFresh) return false;
  return isSlotStale(slot, now, threshold) && canRefreshHelp(slot, now);
}
