import { getSlotState, type SlotStateSettings } from './slot-state';
import type { CacheSlot } from './types';

function headroom(window: CacheSlot['five_hour']): number {
  return window ? 100 - window.utilization : 100;
}

/**
 * The recommended slot: a usable one (shared slot state) with the most 5-hour headroom; weekly headroom
 * breaks ties, then fresh data over stale, then the id for a stable answer.
 */
export function getRecommendedSlot(
  slots: Record<string, CacheSlot>,
  now: number,
  settings: SlotStateSettings,
): string | null {
  const candidates = Object.entries(slots).filter(([id, s]) => getSlotState(id, s, now, settings).usable);
  if (candidates.length === 0) return null;
  candidates.sort(([idA, a], [idB, b]) => {
    const five = headroom(b.five_hour) - headroom(a.five_hour);
    if (five !== 0) return five;
    const week = headroom(b.seven_day) - headroom(a.seven_day);
    if (week !== 0) return week;
    const fresh = Number(a.health === 'stale') - Number(b.health === 'stale');
    if (fresh !== 0) return fresh;
    return idA.localeCompare(idB);
  });
  return candidates[0][0];
}

/** True when every enabled slot is inactive (and there is at least one enabled slot). */
export function isAllInactive(slots: Record<string, CacheSlot>): boolean {
  const enabled = Object.values(slots).filter((s) => s.enabled !== false);
  return enabled.length > 0 && enabled.every((s) => s.status === 'inactive');
}
