import type { CacheSlot } from './types';

/** Whether a slot can take work right now: enabled, active and answering. */
export function isUsable(slot: CacheSlot): boolean {
  return (
    slot.enabled !== false &&
    slot.status === 'active' &&
    (slot.health === 'ok' || slot.health === 'stale' || slot.health === 'token_expired')
  );
}

function headroom(window: CacheSlot['five_hour']): number {
  return window ? 100 - window.utilization : 100;
}

/**
 * The recommended slot: the usable one with the most 5-hour headroom; weekly headroom breaks ties,
 * then fresh data over stale, then the id for a stable answer.
 */
export function getRecommendedSlot(slots: Record<string, CacheSlot>): string | null {
  const candidates = Object.entries(slots).filter(([, s]) => isUsable(s));
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
