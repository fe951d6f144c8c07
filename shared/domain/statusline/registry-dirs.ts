/**
 * An old writer's cache names no config dirs, so no session can be matched to its slot from the cache
 * alone; the registry names them. These two functions decide when the statusline must read the registry
 * (only then: parsing YAML costs start-up time on every update) and merge what it says. Pure.
 */
import type { SlotAttributionInput } from './attribute-slot';

/** A registry slot as the statusline needs it. */
export interface RegistrySlotDir {
  id: string;
  config_dir: string;
  default: boolean;
}

type AttributionSlots = NonNullable<SlotAttributionInput['slots']>;

/** True when some slot of the cache does not say its config dir (a cache the broker wrote always does). */
export function needsRegistryDirs(slots: AttributionSlots | null): boolean {
  if (!slots) return false;
  return Object.values(slots).some((s) => typeof s?.config_dir !== 'string');
}

/**
 * The cache's slots with each missing `config_dir` (and `default_account`) taken from the registry entry
 * of the same id, plus the registry's slots the cache does not have yet, after them.
 */
export function withRegistryDirs(slots: AttributionSlots, registry: RegistrySlotDir[]): AttributionSlots {
  const byId = new Map(registry.map((r) => [r.id, r]));
  const merged: AttributionSlots = {};
  for (const [id, s] of Object.entries(slots)) {
    const r = byId.get(id);
    merged[id] =
      typeof s?.config_dir === 'string' || !r
        ? s
        : { ...s, config_dir: r.config_dir, default_account: s?.default_account ?? r.default };
  }
  for (const r of registry) {
    if (!(r.id in merged)) merged[r.id] = { config_dir: r.config_dir, default_account: r.default };
  }
  return merged;
}
