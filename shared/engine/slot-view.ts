/** Builds a slot's cache entry from its configuration and the previous entry (last good numbers kept). */
import type { CacheSlot, SlotConfig } from '../domain/types';

export function emptyCacheSlot(slot: SlotConfig): CacheSlot {
  return {
    email: slot.email ?? null,
    label: slot.label ?? null,
    status: slot.status,
    health: slot.enabled ? 'stale' : 'disabled',
    last_fetched: null,
    last_attempt: null,
    source: null,
    last_error: null,
    five_hour: null,
    seven_day: null,
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: null,
    rate_limit_tier: null,
    requests_last_hour: 0,
    config_dir: slot.config_dir,
    next_attempt_at: null,
    enabled: slot.enabled,
    ...(slot.default ? { default_account: true } : {}),
  };
}

/** The previous entry with the configuration's current identity fields. */
export function carryOver(slot: SlotConfig, prev: CacheSlot | undefined): CacheSlot {
  const base = emptyCacheSlot(slot);
  if (!prev) return base;
  return {
    ...base,
    ...prev,
    email: slot.email ?? prev.email ?? null,
    label: slot.label ?? null,
    status: slot.status,
    config_dir: slot.config_dir,
    enabled: slot.enabled,
    default_account: slot.default === true ? true : undefined,
    weekly_by_model: Array.isArray(prev.weekly_by_model) ? prev.weekly_by_model : [],
  };
}
