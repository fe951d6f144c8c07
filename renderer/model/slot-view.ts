/**
 * What the UI needs to know about a slot: its identity for display plus the one slot state
 * (shared/domain/slot-state.ts) every surface shares. Pure; derived from the cache once per render.
 */
import { getSlotState, getSlotStateSettings, type SlotState } from '../../shared/domain/slot-state';
import type { CacheFile, CacheSlot } from '../../shared/domain/types';

export { isCacheStale } from '../../shared/domain/slot-state';

export interface SlotView extends SlotState {
  id: string;
  /** Label, else email, else id. */
  name: string;
  /** Shown under the name when the name is not already the email. */
  subtitle: string | null;
  slot: CacheSlot;
  recommended: boolean;
}

/** Derives one slot's view. */
export function getSlotView(id: string, slot: CacheSlot, cache: CacheFile, now: number): SlotView {
  return {
    ...getSlotState(id, slot, now, getSlotStateSettings(cache)),
    id,
    name: slot.label || slot.email || id,
    subtitle: slot.label && slot.email ? slot.email : slot.label || slot.email ? id : null,
    slot,
    recommended: cache.recommended === id,
  };
}

/** All slots in registry (insertion) order. */
export function getSlotViews(cache: CacheFile, now: number): SlotView[] {
  return Object.entries(cache.slots).map(([id, slot]) => getSlotView(id, slot, cache, now));
}
