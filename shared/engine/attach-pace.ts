/**
 * Each slot's pace for the cache (docs/contracts.md "The cache file", `slots.<id>.pace`): computed by the
 * pure domain/pace from history.jsonl plus the cycle's own reading, so the statusline and the tray show it
 * from the cache alone. A slot whose readings did not change since the previous cache keeps the pace it
 * had (an idle tick reads no history at all); otherwise the history is read once for the whole cycle.
 */
import { readHistoryBySlot } from '../adapters/history-store';
import { DAY_MS } from '../domain/format/duration';
import { getSlotPace } from '../domain/pace/window-pace';
import type { CacheFile, CacheSlot, HistoryPoint } from '../domain/types';

/** History older than the longest window cannot count. */
const PACE_HISTORY_MS = 7 * DAY_MS;

function hasSameReadings(a: CacheSlot, b: CacheSlot | undefined): boolean {
  return (
    b !== undefined &&
    a.last_fetched === b.last_fetched &&
    a.five_hour?.resets_at === b.five_hour?.resets_at &&
    a.seven_day?.resets_at === b.seven_day?.resets_at
  );
}

/**
 * Sets `pace` on every entry that has a window (in place). Reads the history only when a slot has a new
 * reading; a history that cannot be read counts as empty (the pace then says "collecting history").
 */
export async function attachPace(
  historyFile: string,
  slots: Record<string, CacheSlot>,
  previous: CacheFile | null,
  now: number,
): Promise<void> {
  let history: Map<string, HistoryPoint[]> | null = null;
  for (const [id, entry] of Object.entries(slots)) {
    if (!entry.five_hour && !entry.seven_day) {
      delete entry.pace;
      continue;
    }
    const prev = previous?.slots?.[id];
    if (prev?.pace && hasSameReadings(entry, prev)) {
      entry.pace = prev.pace;
      continue;
    }
    history ??= await readHistoryBySlot(historyFile, now - PACE_HISTORY_MS).catch(() => new Map());
    entry.pace = getSlotPace(entry, history.get(id) ?? [], now);
  }
}
