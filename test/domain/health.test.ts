/** Slot health (README: "Health"): every outcome, every failure kind, staleness at its boundary. */
import { describe, expect, it } from 'vitest';
import {
  deactivates,
  getSlotHealth,
  healthForFailure,
  isStale,
  type SlotOutcome,
} from '../../shared/domain/health';
import type { ErrorKind, SlotHealth } from '../../shared/domain/types';

const NOW = 1_770_000_000_000;
const THRESHOLD_S = 600;
const FRESH = NOW - 60_000;
const OLD = NOW - 601_000;

describe('isStale', () => {
  it.each([
    ['never fetched', null, true],
    ['fetched just now', NOW, false],
    ['exactly at the threshold', NOW - THRESHOLD_S * 1000, false],
    ['one ms past the threshold', NOW - THRESHOLD_S * 1000 - 1, true],
    ['fetched "in the future" (a clock that jumped back)', NOW + 60_000, false],
  ] as const)('%s → %s', (_name, lastFetched, stale) => {
    expect(isStale(lastFetched, NOW, THRESHOLD_S)).toBe(stale);
  });
});

describe('healthForFailure', () => {
  const ROWS: [ErrorKind, SlotHealth][] = [
    ['rate_limited', 'rate_limited'],
    ['unauthorized', 'token_expired'],
    ['login_dead', 'login_dead'],
    ['no_credentials', 'no_credentials'],
    ['credentials_unreadable', 'no_credentials'],
    ['offline', 'offline'],
    ['timeout', 'offline'],
    ['server_error', 'offline'],
    ['forbidden', 'offline'],
    ['bad_response', 'offline'],
    ['config', 'offline'],
    ['refresh_failed', 'offline'],
    ['storage', 'offline'],
  ];
  it.each(ROWS)('%s → %s', (kind, health) => expect(healthForFailure(kind)).toBe(health));
});

describe('getSlotHealth', () => {
  const ROWS: [string, SlotOutcome, SlotHealth | null, number | null, SlotHealth][] = [
    ['disabled, whatever the data', { type: 'disabled' }, 'ok', FRESH, 'disabled'],
    ['no credentials', { type: 'no_credentials' }, 'ok', FRESH, 'no_credentials'],
    [
      'broken credentials JSON: a person must fix it',
      { type: 'unreadable', malformed: true },
      'ok',
      FRESH,
      'no_credentials',
    ],
    [
      'unreachable store (locked keychain): never "no login"',
      { type: 'unreadable', malformed: false },
      'ok',
      FRESH,
      'offline',
    ],
    ['login dead', { type: 'login_dead' }, 'ok', FRESH, 'login_dead'],
    ['fetched, fresh', { type: 'fetched' }, 'stale', FRESH, 'ok'],
    ['observed, old observation', { type: 'observed' }, 'ok', OLD, 'stale'],
    ['backing off after a 429', { type: 'backing_off' }, 'ok', FRESH, 'rate_limited'],
    ['token expired and not refreshed', { type: 'token_expired' }, 'ok', FRESH, 'token_expired'],
    ['a failed call names its kind', { type: 'failed', kind: 'timeout' }, 'ok', FRESH, 'offline'],
    ['a 429 answer', { type: 'failed', kind: 'rate_limited' }, 'ok', FRESH, 'rate_limited'],
    ['skipped after ok, fresh data', { type: 'skipped' }, 'ok', FRESH, 'ok'],
    ['skipped after ok, data aged out', { type: 'skipped' }, 'ok', OLD, 'stale'],
    ['skipped, nothing before', { type: 'skipped' }, null, null, 'stale'],
    [
      'skipped keeps rate_limited until a call succeeds',
      { type: 'skipped' },
      'rate_limited',
      FRESH,
      'rate_limited',
    ],
    ['skipped keeps offline', { type: 'skipped' }, 'offline', OLD, 'offline'],
    ['skipped keeps token_expired', { type: 'skipped' }, 'token_expired', FRESH, 'token_expired'],
    [
      'skipped does not keep login_dead (a status decides that)',
      { type: 'skipped' },
      'login_dead',
      FRESH,
      'ok',
    ],
    ['skipped does not keep disabled', { type: 'skipped' }, 'disabled', OLD, 'stale'],
  ];
  it.each(ROWS)('%s', (_name, outcome, previous, lastFetched, health) => {
    expect(getSlotHealth(outcome, previous, lastFetched, NOW, THRESHOLD_S)).toBe(health);
  });
});

describe('deactivates', () => {
  const ALL: SlotOutcome[] = [
    { type: 'disabled' },
    { type: 'no_credentials' },
    { type: 'unreadable', malformed: true },
    { type: 'unreadable', malformed: false },
    { type: 'login_dead' },
    { type: 'fetched' },
    { type: 'observed' },
    { type: 'skipped' },
    { type: 'backing_off' },
    { type: 'token_expired' },
    { type: 'failed', kind: 'unauthorized' },
  ];
  it('only a dead login and a missing login deactivate; transient trouble never does', () => {
    expect(ALL.filter(deactivates).map((o) => o.type)).toEqual(['no_credentials', 'login_dead']);
  });
});
