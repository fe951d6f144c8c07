/** Builders for renderer tests: a fixed clock and slots that differ only where a test says so. */
import type { CacheFile, CacheSlot } from '../../shared/domain/types';
import type { QuotaState } from '../../shared/ipc/contract';

export const NOW = Date.parse('2026-02-07T12:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A healthy, active slot fetched 3 minutes ago from the endpoint. */
export function makeSlot(overrides: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'someone@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: NOW - 3 * MIN,
    last_attempt: NOW - 3 * MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 37, resets_at: iso(NOW + 2 * HOUR + 13 * MIN) },
    seven_day: { utilization: 51, resets_at: iso(NOW + 3 * DAY + 4 * HOUR) },
    weekly_by_model: [],
    extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
    access_expires_at: NOW + HOUR,
    login_expires_at: NOW + 20 * DAY,
    subscription: 'max',
    rate_limit_tier: 'default_claude_max_20x',
    requests_last_hour: 4,
    config_dir: '/home/me/.claude',
    next_attempt_at: null,
    enabled: true,
    ...overrides,
  };
}

export function makeCache(slots: Record<string, CacheSlot>, overrides: Partial<CacheFile> = {}): CacheFile {
  return {
    version: 1,
    ts: NOW - 10_000,
    writer: { pid: 1, app: 'quota-broker', app_version: '0.0.0-test' },
    all_inactive: false,
    recommended: null,
    stale_threshold_s: 600,
    slots,
    ...overrides,
  };
}

export function makeState(
  slots: Record<string, CacheSlot>,
  cacheOverrides: Partial<CacheFile> = {},
  overrides: Partial<QuotaState> = {},
): QuotaState {
  return {
    cache: makeCache(slots, cacheOverrides),
    refreshing: false,
    broker: { role: 'broker', pid: 1 },
    registry_error: null,
    now: NOW,
    ...overrides,
  };
}
