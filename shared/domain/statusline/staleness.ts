/**
 * Whether the statusline should start a detached refresh: the cache's two staleness levels (its `ts` and
 * the slot's data; a fresh `ts` never hides a stale slot) judged by the shared slot state. Pure.
 */
import { getSlotState, getSlotStateSettings, isCacheStale } from '../slot-state';
import type { CacheFile, CacheSlot } from '../types';

export interface RefreshDecisionInput {
  cache: CacheFile | null;
  /** The session's slot id and cache entry, if any. */
  slotId: string | null;
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
  if (isCacheStale(cache, now)) return true;
  if (!slot || input.observationFresh) return false;
  const state = getSlotState(input.slotId ?? '', slot, now, getSlotStateSettings(cache));
  return state.stale && state.refreshCanHelp;
}
