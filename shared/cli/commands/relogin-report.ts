/** The line `relogin` ends with: is the slot back in service, per the cache the refresh wrote? */
import { getSlotState, getSlotStateSettings } from '../../domain/slot-state';
import type { CacheSlot } from '../../domain/types';
import type { Colours } from '../format';
import { formatPercent } from '../format';

/** Says whether the slot is active again, with its numbers, or what still blocks it. */
export function describeSlotAfter(
  id: string,
  entry: CacheSlot | null,
  c: Colours,
  now: number,
): { ok: boolean; text: string } {
  if (!entry) return { ok: false, text: c.yellow(`${id}: no cache entry yet; run: quota-broker status`) };
  if (!getSlotState(id, entry, now, getSlotStateSettings(null)).needsLogin) {
    const numbers =
      entry.five_hour || entry.seven_day
        ? ` (5-hour ${formatPercent(entry.five_hour?.utilization)}, weekly ${formatPercent(entry.seven_day?.utilization)})`
        : '';
    return {
      ok: true,
      text: c.green(`${id} is back in service: status active, health ${entry.health}${numbers}.`),
    };
  }
  const err = entry.last_error ? `: ${entry.last_error.message}` : '';
  return { ok: false, text: c.red(`${id} is still ${entry.status} (health ${entry.health})${err}`) };
}
