import { compareIds } from './compare-ids';
import { getCachedPace } from './pace/cached-pace';
import { isRunningOut, PACE_WINDOWS } from './pace/window-pace';
import { getSlotState, type SlotStateSettings } from './slot-state';
import type { CacheSlot } from './types';

function headroom(window: CacheSlot['five_hour']): number {
  return window ? 100 - window.utilization : 100;
}

/**
 * True when the engine's pace (`pace` in the cache entry, for the windows it holds now) says a window
 * reaches 100 % before its reset, or already has. No pace, or too little history, is not evidence.
 */
export function isSlotRunningOut(slot: CacheSlot, now: number): boolean {
  return PACE_WINDOWS.some((name) => isRunningOut(getCachedPace(slot, name, slot[name] ?? null, now)));
}

/**
 * The recommended slot, among the usable ones (shared slot state), decided in this order:
 * 1. one that will not run out before its reset (pace) over one that will;
 * 2. the most 5-hour headroom; 3. the most weekly headroom; 4. fresh data over stale; 5. the id, for a
 * stable answer.
 */
export function getRecommendedSlot(
  slots: Record<string, CacheSlot>,
  now: number,
  settings: SlotStateSettings,
): string | null {
  const candidates = Object.entries(slots).filter(([id, s]) => getSlotState(id, s, now, settings).usable);
  if (candidates.length === 0) return null;
  const runsOut = new Map(candidates.map(([id, s]) => [id, isSlotRunningOut(s, now)]));
  candidates.sort(([idA, a], [idB, b]) => {
    const pace = Number(runsOut.get(idA)) - Number(runsOut.get(idB));
    if (pace !== 0) return pace;
    const five = headroom(b.five_hour) - headroom(a.five_hour);
    if (five !== 0) return five;
    const week = headroom(b.seven_day) - headroom(a.seven_day);
    if (week !== 0) return week;
    const fresh = Number(a.health === 'stale') - Number(b.health === 'stale');
    if (fresh !== 0) return fresh;
    return compareIds(idA, idB);
  });
  return candidates[0][0];
}

/** True when every enabled slot is inactive (and there is at least one enabled slot). */
export function isAllInactive(slots: Record<string, CacheSlot>): boolean {
  const enabled = Object.values(slots).filter((s) => s.enabled !== false);
  return enabled.length > 0 && enabled.every((s) => s.status === 'inactive');
}
