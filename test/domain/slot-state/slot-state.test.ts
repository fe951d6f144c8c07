/** The one slot-state function (shared/domain/slot-state.ts), case by case. */
import { describe, expect, it } from 'vitest';
import { getSlotState, getSlotStateSettings, type SlotState } from '../../../shared/domain/slot-state';
import type { CacheSlot } from '../../../shared/domain/types';
import { DAY, HOUR, MIN, makeSlot, NOW } from '../../renderer/fixtures';

const settings = getSlotStateSettings({ stale_threshold_s: 600, login_expiry_warn_days: 3 });
const state = (over: Partial<CacheSlot>) => getSlotState('slot-1', makeSlot(over), NOW, settings);

describe('getSlotState', () => {
  it.each<[string, Partial<CacheSlot>, Partial<SlotState>]>([
    [
      'healthy',
      {},
      {
        enabled: true,
        polled: true,
        usable: true,
        stale: false,
        needsLogin: false,
        condition: 'ok',
        action: null,
      },
    ],
    [
      'data past the threshold',
      { last_fetched: NOW - 11 * MIN },
      { stale: true, usable: true, condition: 'stale' },
    ],
    [
      'the engine says stale',
      { health: 'stale', last_fetched: NOW - MIN },
      { stale: true, condition: 'stale' },
    ],
    ['never fetched', { last_fetched: null }, { stale: true, dataAgeMs: null }],
    ['token expired, refreshing', { health: 'token_expired' }, { usable: true, condition: 'token_expired' }],
    [
      'rate-limited in back-off',
      { health: 'rate_limited', next_attempt_at: NOW + 4 * MIN },
      {
        usable: false,
        polled: true,
        refreshCanHelp: false,
        nextAttemptAt: NOW + 4 * MIN,
        condition: 'rate_limited',
      },
    ],
    [
      'rate-limited, back-off over',
      { health: 'rate_limited', next_attempt_at: NOW - MIN },
      { refreshCanHelp: true, nextAttemptAt: NOW - MIN },
    ],
    [
      'offline',
      { health: 'offline' },
      { usable: false, polled: true, refreshCanHelp: true, condition: 'offline' },
    ],
    [
      'login dead',
      { health: 'login_dead', status: 'inactive' },
      {
        polled: false,
        usable: false,
        needsLogin: true,
        refreshCanHelp: false,
        condition: 'login_dead',
        action: { kind: 'relogin', command: 'quota-broker relogin slot-1' },
      },
    ],
    [
      'no credentials',
      { health: 'no_credentials' },
      { polled: false, needsLogin: true, condition: 'no_credentials' },
    ],
    [
      'inactive with another health (a person wrote status: inactive)',
      { status: 'inactive', health: 'offline' },
      { polled: false, needsLogin: true, condition: 'inactive' },
    ],
    [
      'disabled by the person, with old data',
      { enabled: false, last_fetched: NOW - 5 * HOUR },
      {
        enabled: false,
        polled: false,
        stale: false,
        needsLogin: false,
        condition: 'disabled',
        action: { kind: 'enable', command: 'quota-broker slots enable slot-1' },
      },
    ],
    ['health disabled', { health: 'disabled' }, { enabled: false, condition: 'disabled' }],
    [
      'disabled and dead',
      { enabled: false, health: 'login_dead' },
      { needsLogin: false, condition: 'disabled' },
    ],
    ['login expiring within the warning', { login_expires_at: NOW + 2 * DAY }, { loginExpiringSoon: true }],
    ['login expiring later', { login_expires_at: NOW + 5 * DAY }, { loginExpiringSoon: false }],
    [
      'no login expiry stored',
      { login_expires_at: null },
      { loginExpiresInMs: null, loginExpiringSoon: false },
    ],
  ])('%s', (_name, over, expected) => {
    expect(state(over)).toMatchObject(expected);
  });

  it('an entry in an older writer’s shape (only ts, email, status, last_fetched, windows) is read, not a crash', () => {
    const old = { email: 'a@x', status: 'active', last_fetched: NOW - 5 * MIN } as unknown as CacheSlot;
    expect(getSlotState('claude-1', old, NOW, settings)).toMatchObject({
      enabled: true,
      stale: false,
      polled: true,
    });
  });

  it('takes its thresholds from the cache, with defaults for a cache that names none', () => {
    expect(getSlotStateSettings(null)).toEqual({ staleThresholdMs: 600_000, loginExpiryWarnMs: 3 * DAY });
    expect(getSlotStateSettings({ stale_threshold_s: 60, login_expiry_warn_days: 7 })).toEqual({
      staleThresholdMs: 60_000,
      loginExpiryWarnMs: 7 * DAY,
    });
  });
});
