/**
 * Realistic demo data: a developer with five Claude subscriptions in every state the UI knows.
 * Used by the demo page (demo.html) for screenshots and UI work; times are relative to `now`.
 */
import type { CacheFile, CacheSlot } from '../shared/domain/types';
import type { HistoryPoint, QuotaState } from '../shared/ipc/contract';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const iso = (ms: number): string => new Date(ms).toISOString();

function slot(now: number, overrides: Partial<CacheSlot>): CacheSlot {
  return {
    email: null,
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: now - 3 * MIN,
    last_attempt: now - 3 * MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 37, resets_at: iso(now + 2 * HOUR + 13 * MIN) },
    seven_day: { utilization: 51, resets_at: iso(now + 3 * DAY + 4 * HOUR) },
    weekly_by_model: [],
    extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
    access_expires_at: now + 5 * HOUR,
    login_expires_at: now + 24 * DAY,
    subscription: 'max',
    rate_limit_tier: 'default_claude_max_20x',
    requests_last_hour: 9,
    config_dir: '/Users/dana/.claude',
    next_attempt_at: null,
    enabled: true,
    ...overrides,
  };
}

/** The demo cache: five slots, one per interesting state. */
export function createDemoCache(now: number): CacheFile {
  return {
    version: 1,
    ts: now - 20_000,
    writer: { pid: 4242, app: 'quota-broker', app_version: '0.1.0' },
    all_inactive: false,
    recommended: 'personal',
    stale_threshold_s: 600,
    slots: {
      work: slot(now, {
        label: 'Work',
        email: 'dana@acme.example',
        config_dir: '/Users/dana/.claude-work',
        five_hour: { utilization: 84, resets_at: iso(now + 47 * MIN) },
        seven_day: { utilization: 68, resets_at: iso(now + 2 * DAY + 6 * HOUR) },
        weekly_by_model: [{ model: 'Opus', utilization: 91, resets_at: iso(now + 2 * DAY + 6 * HOUR) }],
        extra_usage: { is_enabled: true, used: 1234, limit: 5000, currency: 'USD' },
      }),
      personal: slot(now, {
        label: 'Personal',
        email: 'dana@fastmail.example',
        source: 'statusline',
        last_fetched: now - 20_000,
        last_attempt: now - 4 * MIN,
        five_hour: { utilization: 12, resets_at: iso(now + 4 * HOUR + 2 * MIN) },
        seven_day: { utilization: 23, resets_at: iso(now + 5 * DAY + 9 * HOUR) },
        login_expires_at: now + 2 * DAY + 3 * HOUR,
      }),
      'client-a': slot(now, {
        label: 'Client A',
        email: 'dana@client-a.example',
        config_dir: '/Users/dana/.claude-client-a',
        health: 'rate_limited',
        last_fetched: now - 7 * MIN,
        last_attempt: now - MIN,
        next_attempt_at: now + 4 * MIN + 30_000,
        last_error: {
          kind: 'rate_limited',
          message: 'Usage endpoint answered 429 (Retry-After: 300).',
          at: now - MIN,
        },
      }),
      'side-project': slot(now, {
        label: 'Side project',
        email: 'dana+side@fastmail.example',
        config_dir: '/Users/dana/.claude-side',
        health: 'offline',
        last_fetched: now - 11 * HOUR - 12 * MIN,
        last_attempt: now - 2 * MIN,
        five_hour: { utilization: 0, resets_at: null },
        seven_day: { utilization: 44, resets_at: iso(now + 6 * DAY) },
        last_error: {
          kind: 'offline',
          message: 'getaddrinfo ENOTFOUND api.anthropic.com',
          at: now - 2 * MIN,
        },
      }),
      'slot-5': slot(now, {
        email: 'dana@oldjob.example',
        config_dir: '/Users/dana/.claude-5',
        status: 'inactive',
        health: 'login_dead',
        last_fetched: now - 49 * HOUR,
        last_attempt: now - 49 * HOUR,
        login_expires_at: null,
        last_error: {
          kind: 'login_dead',
          message: 'Token refresh answered invalid_grant: the stored login was revoked.',
          at: now - 49 * HOUR,
        },
      }),
    },
  };
}

/** A demo host state around `createDemoCache`. */
export function createDemoState(now: number): QuotaState {
  return {
    cache: createDemoCache(now),
    refreshing: false,
    broker: { role: 'broker', pid: 4242 },
    registry_error: null,
    now,
  };
}

/** Seven days of hourly history with a daily rhythm, deterministic per slot id. */
export function createDemoHistory(slotId: string, now: number): HistoryPoint[] {
  let seed = [...slotId].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const random = () => {
    seed = (seed * 9301 + 49297) % 233280;
    return seed / 233280;
  };
  const points: HistoryPoint[] = [];
  let weekly = 5 + random() * 10;
  for (let t = now - 7 * DAY; t <= now; t += HOUR) {
    const hourOfDay = new Date(t).getUTCHours();
    const working = hourOfDay >= 8 && hourOfDay <= 19;
    const fiveHour = working ? 20 + random() * 60 : random() * 10;
    weekly = Math.min(100, weekly + (working ? random() * 0.9 : 0.05));
    points.push({ t, five_hour: Math.round(fiveHour), seven_day: Math.round(weekly * 10) / 10 });
  }
  return points;
}
