/**
 * Realistic demo data: a developer with six Claude subscriptions in every state the UI knows.
 * Used by the demo page (demo.html) for screenshots and UI work; times are relative to `now`.
 */
import type { CacheFile, CacheSlot, UsageWindow } from '../shared/domain/types';
import type { HistoryPoint, LogTail, QuotaState } from '../shared/ipc/contract';

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

/** The demo cache: six slots, one per interesting state. */
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
        next_attempt_at: now + 2 * MIN,
        // Offline for 11 hours: its 5-hour window reset meanwhile, so its old number no longer holds.
        five_hour: { utilization: 61, resets_at: iso(now - 6 * HOUR - 12 * MIN) },
        seven_day: { utilization: 44, resets_at: iso(now + 6 * DAY) },
        last_error: {
          kind: 'offline',
          message: 'getaddrinfo ENOTFOUND api.anthropic.com',
          at: now - 2 * MIN,
        },
      }),
      // Added an hour ago: two readings so far, too few for a chart or a pace.
      'client-b': slot(now, {
        label: 'Client B',
        email: 'dana@client-b.example',
        config_dir: '/Users/dana/.claude-client-b',
        last_fetched: now - 2 * MIN,
        last_attempt: now - 2 * MIN,
        five_hour: { utilization: 6, resets_at: iso(now + 4 * HOUR + 31 * MIN) },
        seven_day: { utilization: 2, resets_at: iso(now + 6 * DAY + 23 * HOUR) },
        login_expires_at: now + 30 * DAY,
      }),
      'slot-5': slot(now, {
        email: 'dana@oldjob.example',
        config_dir: '/Users/dana/.claude-5',
        status: 'inactive',
        health: 'login_dead',
        last_fetched: now - 49 * HOUR,
        last_attempt: now - 49 * HOUR,
        // Numbers from two days ago: the 5-hour window reset long since.
        five_hour: { utilization: 37, resets_at: iso(now - 46 * HOUR) },
        login_expires_at: null,
        last_error: {
          kind: 'login_dead',
          // The engine's own words, with the fix it appends for the CLI (the card shows a button instead).
          message:
            'The token endpoint rejected the stored refresh token (invalid_grant); re-login needed. Run: quota-broker relogin slot-5',
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

/** Minutes between two demo readings (the broker records one per fetch, about every 5 minutes). */
const DEMO_READING_MS = 20 * MIN;
const WINDOW_MS = { five_hour: 5 * HOUR, seven_day: 7 * DAY } as const;
/** The share of a window's use spent in its first reading (nobody starts a window at a steady rate). */
const EARLY_SHARE = 0.4;

/** Slots added recently: how far back their readings go (the others: 7 days). */
const DEMO_HISTORY_SPAN_MS: Record<string, number> = { 'client-b': 25 * MIN };

/** A deterministic pseudo-random sequence per slot id. */
function seeded(slotId: string): () => number {
  let seed = [...slotId].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return () => {
    seed = (seed * 9301 + 49297) % 233280;
    return seed / 233280;
  };
}

/**
 * One window's readings: each window fills up from 0 as it runs, and the current one reaches the slot's
 * utilisation at its last reading; earlier windows peaked somewhere between `low` and `high`.
 */
function windowSeries(
  window: UsageWindow | null,
  length: number,
  last: number,
  random: () => number,
  [low, high]: [number, number],
): (t: number) => number | null {
  if (!window) return () => null;
  const reset = window.resets_at ? Date.parse(window.resets_at) : last + length / 2;
  const start = reset - length;
  const peaks = new Map<number, number>();
  return (t) => {
    // The current window: some use at its start, then a steady climb to today's number.
    if (t >= start) {
      const share = Math.min(1, (t - start) / Math.max(1, last - start));
      return Math.round(window.utilization * (EARLY_SHARE + (1 - EARLY_SHARE) * share));
    }
    const k = Math.ceil((start - t) / length);
    if (!peaks.has(k)) peaks.set(k, low + random() * (high - low));
    const from = start - k * length;
    return Math.round((peaks.get(k) ?? low) * ((t - from) / length));
  };
}

/**
 * Seven days of readings for a slot, ending at its last fetch: every window fills from 0 to the slot's
 * numbers, so the pace under the bars and the sparkline tell a consistent story. Deterministic per slot.
 */
export function createDemoHistory(slotId: string, now: number, slot?: CacheSlot): HistoryPoint[] {
  const random = seeded(slotId);
  const last = slot?.last_fetched ?? now;
  const since = last - (DEMO_HISTORY_SPAN_MS[slotId] ?? 7 * DAY);
  const five = windowSeries(slot?.five_hour ?? null, WINDOW_MS.five_hour, last, random, [15, 70]);
  const week = windowSeries(slot?.seven_day ?? null, WINDOW_MS.seven_day, last, random, [40, 80]);
  const points: HistoryPoint[] = [];
  for (let t = since; t <= last; t += DEMO_READING_MS) {
    points.push({ t, five_hour: five(t), seven_day: week(t) });
  }
  return points;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One line as the broker's file logger writes it (local time). */
function logLine(at: number, level: 'info' | 'warn' | 'error', text: string): string {
  const d = new Date(at);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return `[${day} ${time}] ${`[${level}]`.padEnd(7)} [pid 4242] ${text}`;
}

/** The end of a broker log matching the demo cache. */
export function createDemoLogTail(now: number): LogTail {
  const lines: [number, 'info' | 'warn' | 'error', string][] = [
    [now - 9 * MIN, 'info', 'cycle start {"slots":6,"mode":"delegate","force":false}'],
    [now - 9 * MIN + 410, 'info', 'cycle end {"ms":410,"all_inactive":false,"recommended":"personal"}'],
    [now - 4 * MIN, 'info', 'cycle start {"slots":6,"mode":"delegate","force":false}'],
    [now - 4 * MIN + 220, 'warn', 'usage endpoint answered 429 (Retry-After: 300) {"slot":"client-a"}'],
    [
      now - 2 * MIN,
      'warn',
      'usage call failed: getaddrinfo ENOTFOUND api.anthropic.com {"slot":"side-project"}',
    ],
    [now - 2 * MIN + 380, 'info', 'cycle end {"ms":380,"all_inactive":false,"recommended":"personal"}'],
  ];
  return {
    path: '/Users/dana/.claude/session-health/broker.log',
    exists: true,
    lines: lines.map(([at, level, text]) => logLine(at, level, text)),
    truncated: true,
  };
}
