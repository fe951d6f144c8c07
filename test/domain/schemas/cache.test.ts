/**
 * The cache schema: what a reader of `merged-quota-cache.json` gets from the files it meets — the
 * current writer's, an old writer's (test/fixtures/legacy-setup), and broken ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCacheText, parseCacheValue } from '../../../shared/domain/schemas/cache';

const LEGACY = readFileSync(
  join(import.meta.dirname, '../../fixtures/legacy-setup/merged-quota-cache.json'),
  'utf8',
);

const fullSlot = {
  email: 'a@example.com',
  label: 'Work',
  status: 'active',
  health: 'ok',
  last_fetched: 1_770_000_000_000,
  last_attempt: 1_770_000_000_000,
  source: 'endpoint',
  last_error: { kind: 'offline', message: 'no network', at: 1_769_999_000_000 },
  five_hour: { utilization: 37, resets_at: '2026-02-08T04:59:59+00:00' },
  seven_day: { utilization: 51, resets_at: null },
  weekly_by_model: [{ model: 'Opus', utilization: 12, resets_at: null }],
  extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
  access_expires_at: 1_770_000_000_000,
  login_expires_at: null,
  subscription: 'max',
  rate_limit_tier: 'default_claude_max_20x',
  requests_last_hour: 12,
  config_dir: '/home/me/.claude-1',
  next_attempt_at: null,
  enabled: true,
  login_seen_at: 1_769_000_000_000,
};
const fullCache = {
  version: 1,
  ts: 1_770_000_000_000,
  writer: { pid: 123, app: 'quota-broker', app_version: '0.1.0' },
  all_inactive: false,
  recommended: 'slot-1',
  stale_threshold_s: 600,
  statusline_format: '{five_hour}',
  slots: { 'slot-1': fullSlot },
};

describe('the cache schema', () => {
  it('reads what the current writer writes back to the same JSON text (key order included)', () => {
    const text = `${JSON.stringify(fullCache, null, 2)}\n`;
    const parsed = parseCacheText(text);
    expect(parsed.ok && `${JSON.stringify(parsed.cache, null, 2)}\n`).toBe(text);
  });

  it("reads an old writer's cache: what it says is kept, everything else is unknown (null), nothing throws", () => {
    const parsed = parseCacheText(LEGACY);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { cache } = parsed;
    expect(cache).toMatchObject({ version: null, ts: 1770667200000, writer: null, all_inactive: null });
    expect(cache.recommended).toBeNull();
    expect(Object.keys(cache.slots)).toEqual(['slot-1', 'slot-2', 'slot-3']);
    expect(cache.slots['slot-3']).toEqual({
      email: 'third@example.com',
      label: null,
      status: 'active',
      health: null,
      last_fetched: 1770625320000,
      last_attempt: null,
      source: null,
      last_error: null,
      five_hour: { utilization: 64, resets_at: '2026-02-09T11:00:00+00:00' },
      seven_day: { utilization: 51, resets_at: '2026-02-10T19:00:00+00:00' },
      weekly_by_model: [],
      extra_usage: null,
      access_expires_at: null,
      login_expires_at: null,
      subscription: null,
      rate_limit_tier: null,
      requests_last_hour: null,
      config_dir: null,
    });
  });

  it.each([
    ['not JSON', '{"slots": {', 'not valid JSON'],
    ['an empty file', '', 'not valid JSON'],
    ['a list', '[]', 'not a Quota Broker cache'],
    ['no slots', '{"ts": 1}', 'not a Quota Broker cache'],
    ['slots as a list', '{"ts": 1, "slots": []}', 'not a Quota Broker cache'],
    ['null', 'null', 'not a Quota Broker cache'],
  ])('%s is not a cache: "%s" → %s', (_name, text, reason) => {
    expect(parseCacheText(text)).toEqual({ ok: false, reason });
  });

  it('a malformed field reads as unknown and leaves the rest of the slot and the other slots alone', () => {
    const parsed = parseCacheValue({
      ...fullCache,
      ts: 'yesterday',
      slots: {
        'slot-1': {
          ...fullSlot,
          health: 'sleepy',
          five_hour: { utilization: 'lots' },
          weekly_by_model: [1, fullSlot.weekly_by_model[0]],
        },
        'slot-2': 'not an entry',
        'slot-3': { ...fullSlot, last_error: { kind: 'cosmic_rays', message: 'x', at: 1 }, enabled: 'yes' },
      },
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.cache.ts).toBeNull();
    expect(Object.keys(parsed.cache.slots)).toEqual(['slot-1', 'slot-3']);
    expect(parsed.cache.slots['slot-1']).toMatchObject({
      health: null,
      five_hour: null,
      seven_day: fullSlot.seven_day,
      weekly_by_model: fullSlot.weekly_by_model,
      email: 'a@example.com',
    });
    expect(parsed.cache.slots['slot-3'].last_error).toBeNull();
    expect(parsed.cache.slots['slot-3'].enabled).toBeUndefined();
  });

  it('unknown fields (a newer writer) are ignored, not an error', () => {
    const parsed = parseCacheValue({
      ...fullCache,
      shiny: true,
      slots: { 'slot-1': { ...fullSlot, pace: { x: 1 } } },
    });
    expect(parsed.ok && parsed.cache.slots['slot-1']).toEqual(fullSlot);
  });
});
