import { describe, expect, it } from 'vitest';
import type { SlotAttribution } from '../../../shared/domain/statusline/attribute-slot';
import type { Observation } from '../../../shared/domain/statusline/observation';
import { shouldStartRefresh } from '../../../shared/domain/statusline/staleness';
import { getStatuslineView } from '../../../shared/domain/statusline/view';
import type { CacheFile, CacheSlot } from '../../../shared/domain/types';

const NOW = Date.parse('2026-02-09T03:00:00Z');
const MIN = 60_000;

function slot(over: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'w@example.com',
    label: 'Work',
    status: 'active',
    health: 'ok',
    last_fetched: NOW - MIN,
    last_attempt: NOW - MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 37, resets_at: '2026-02-09T05:30:00Z' },
    seven_day: { utilization: 51, resets_at: '2026-02-10T06:30:00Z' },
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: '/home/me/.claude-work',
    ...over,
  };
}

function cache(s: CacheSlot | null, over: Partial<CacheFile> = {}): CacheFile {
  return {
    version: 1,
    ts: NOW - MIN,
    writer: { pid: 1, app: 'quota-broker', app_version: '0' },
    all_inactive: false,
    recommended: 'slot-1',
    slots: s ? { 'slot-1': s } : {},
    ...over,
  };
}

const at: SlotAttribution = {
  slotId: 'slot-1',
  configDir: '/home/me/.claude-work',
  by: 'env',
  certain: true,
};

function obs(observedAt: number, five = 60, seven = 70): Observation {
  return {
    version: 1,
    slot: 'slot-1',
    config_dir: '/home/me/.claude-work',
    observed_at: observedAt,
    session_id: 's',
    five_hour: { utilization: five, resets_at: '2026-02-09T05:30:00Z' },
    seven_day: { utilization: seven, resets_at: '2026-02-10T06:30:00Z' },
  };
}

describe('getStatuslineView: staleness at both levels', () => {
  it.each([
    ['fresh cache, fresh slot', cache(slot()), false],
    ['stale cache ts', cache(slot(), { ts: NOW - 11 * MIN }), true],
    ['fresh ts never hides a stale slot', cache(slot({ last_fetched: NOW - 11 * MIN })), true],
    ['slot never fetched but has numbers', cache(slot({ last_fetched: null })), true],
    ['engine says stale', cache(slot({ health: 'stale' })), true],
    [
      'threshold from the cache',
      cache(slot({ last_fetched: NOW - 11 * MIN }), { stale_threshold_s: 3600 }),
      false,
    ],
    [
      'garbage threshold falls back to 600 s',
      cache(slot({ last_fetched: NOW - 11 * MIN }), { stale_threshold_s: -1 }),
      true,
    ],
  ])('%s', (_name, c, stale) => {
    const v = getStatuslineView({ cache: c, attribution: at, observation: null, now: NOW });
    expect(v.stale).toBe(stale);
    expect(v.source).toBe('endpoint');
  });
});

describe('getStatuslineView: observations', () => {
  it('a newer observation supplies the numbers and makes a stale cache fresh', () => {
    const c = cache(slot({ last_fetched: NOW - 30 * MIN }), { ts: NOW - 30 * MIN });
    const v = getStatuslineView({ cache: c, attribution: at, observation: obs(NOW), now: NOW });
    expect(v).toMatchObject({ stale: false, source: 'statusline', dataAt: NOW, observationFresh: true });
    expect(v.seven_day?.utilization).toBe(70);
  });

  it('an observation older than the last fetch is ignored', () => {
    const v = getStatuslineView({
      cache: cache(slot()),
      attribution: at,
      observation: obs(NOW - 5 * MIN),
      now: NOW,
    });
    expect(v.seven_day?.utilization).toBe(51);
    expect(v.source).toBe('endpoint');
  });

  it('an old observation is itself stale', () => {
    const c = cache(slot({ last_fetched: NOW - 60 * MIN }), { ts: NOW - 60 * MIN });
    const v = getStatuslineView({ cache: c, attribution: at, observation: obs(NOW - 20 * MIN), now: NOW });
    expect(v).toMatchObject({ stale: true, source: 'statusline', observationFresh: false });
  });

  it('without any cache an observation still gives numbers, no state', () => {
    const v = getStatuslineView({
      cache: null,
      attribution: { slotId: null, configDir: '/home/me/.claude-x', by: 'env', certain: true },
      observation: obs(NOW),
      now: NOW,
    });
    expect(v).toMatchObject({ state: null, stale: false, label: 'claude-x' });
  });
});

describe('getStatuslineView: state', () => {
  it.each([
    ['ok', cache(slot()), null],
    ['all inactive wins', cache(slot({ health: 'login_dead' }), { all_inactive: true }), 'all_inactive'],
    ['dead login', cache(slot({ health: 'login_dead', status: 'inactive' })), 'login_dead'],
    ['no credentials', cache(slot({ health: 'no_credentials', status: 'inactive' })), 'no_credentials'],
    ['disabled health', cache(slot({ health: 'disabled' })), 'disabled'],
    ['disabled flag', cache(slot({ enabled: false })), 'disabled'],
    ['inactive by a person', cache(slot({ status: 'inactive' })), 'inactive'],
    ['429', cache(slot({ health: 'rate_limited' })), 'rate_limited'],
    ['offline', cache(slot({ health: 'offline' })), 'offline'],
    ['token expired is routine', cache(slot({ health: 'token_expired' })), null],
    ['no cache', null, 'no_cache'],
  ] as const)('%s', (_name, c, state) => {
    expect(getStatuslineView({ cache: c, attribution: at, observation: null, now: NOW }).state).toBe(state);
  });

  it('a session whose dir is not a slot is unregistered', () => {
    const v = getStatuslineView({
      cache: cache(slot()),
      attribution: { slotId: null, configDir: '/home/me/.claude-new', by: 'env', certain: true },
      observation: null,
      now: NOW,
    });
    expect(v).toMatchObject({ state: 'unregistered', label: 'claude-new', seven_day: null, stale: false });
  });

  it('label falls back to the slot id', () => {
    expect(
      getStatuslineView({ cache: cache(slot({ label: null })), attribution: at, observation: null, now: NOW })
        .label,
    ).toBe('slot-1');
  });
});

describe('shouldStartRefresh', () => {
  it.each([
    ['no cache', null, null, false, true],
    ['fresh', cache(slot()), slot(), false, false],
    ['stale ts', cache(slot(), { ts: NOW - 11 * MIN }), slot(), false, true],
    ['stale slot', cache(slot()), slot({ last_fetched: NOW - 11 * MIN }), false, true],
    [
      'stale slot covered by a fresh observation',
      cache(slot()),
      slot({ last_fetched: NOW - 11 * MIN }),
      true,
      false,
    ],
    [
      'stale slot with a dead login: a refresh cannot help',
      cache(slot()),
      slot({ last_fetched: 0, health: 'login_dead' }),
      false,
      false,
    ],
    ['stale inactive slot', cache(slot()), slot({ last_fetched: 0, status: 'inactive' }), false, false],
    [
      '429 back-off running',
      cache(slot()),
      slot({ last_fetched: 0, health: 'rate_limited', next_attempt_at: NOW + MIN }),
      false,
      false,
    ],
    [
      '429 back-off over',
      cache(slot()),
      slot({ last_fetched: 0, health: 'rate_limited', next_attempt_at: NOW - MIN }),
      false,
      true,
    ],
    ['unknown slot, fresh cache', cache(slot()), null, false, false],
  ])('%s', (_name, c, s, observationFresh, expected) => {
    expect(shouldStartRefresh({ cache: c, slotId: 'slot-1', slot: s, observationFresh, now: NOW })).toBe(
      expected,
    );
  });
});
