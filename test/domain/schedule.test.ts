/** The polling budget (README: "Health", rate_limited and offline): back-off after 429s, retries, jitter, due times, the hourly count. */
import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  hasBudget,
  isBackingOff,
  isDue,
  nextDueAfterFailure,
  nextDueAfterSuccess,
  nextRateLimitBackoff,
  RATE_LIMIT_MAX_BACKOFF_MS,
  RATE_LIMIT_MIN_BACKOFF_MS,
  trimRequests,
} from '../../shared/domain/schedule';

const NOW = 1_770_000_000_000;
const MIN = 60_000;

describe('nextRateLimitBackoff', () => {
  it.each([
    ['no Retry-After → 300 s', null, 5 * MIN],
    ['Retry-After: 0 does not mean now → 300 s', 0, 5 * MIN],
    ['a short Retry-After → 300 s', 30, 5 * MIN],
    ['a negative Retry-After → 300 s', -5, 5 * MIN],
    ['Retry-After longer than 300 s → honoured', 900, 15 * MIN],
    ['Retry-After longer than the 30 min cap → still honoured', 3600, 60 * MIN],
  ] as const)('first 429, %s', (_name, retryAfterS, delay) => {
    expect(nextRateLimitBackoff(null, retryAfterS, NOW)).toEqual({
      until: NOW + delay,
      streak: 1,
      last_delay_ms: delay,
    });
  });

  it('grows ×1.5 per repeat up to 30 min, then stays there', () => {
    const delays: number[] = [];
    let backoff = null as ReturnType<typeof nextRateLimitBackoff> | null;
    for (let i = 0; i < 7; i++) {
      backoff = nextRateLimitBackoff(backoff, 0, NOW);
      delays.push(backoff.last_delay_ms / MIN);
    }
    expect(delays).toEqual([5, 7.5, 11.25, 16.875, 25.3125, 30, 30]);
    expect(backoff?.streak).toBe(7);
    expect(RATE_LIMIT_MAX_BACKOFF_MS).toBe(30 * MIN);
  });

  it('a repeat with a Retry-After longer than the grown delay takes the header', () => {
    const first = nextRateLimitBackoff(null, null, NOW);
    expect(nextRateLimitBackoff(first, 1200, NOW).last_delay_ms).toBe(20 * MIN);
  });
});

describe('isBackingOff', () => {
  const backoff = { until: NOW + 2 * MIN, streak: 1, last_delay_ms: RATE_LIMIT_MIN_BACKOFF_MS };
  it.each([
    ['no back-off', null, NOW, false],
    ['undefined (an old engine state)', undefined, NOW, false],
    ['inside it', backoff, NOW, true],
    ['at its end', backoff, NOW + 2 * MIN, false],
    ['after it', backoff, NOW + 3 * MIN, false],
    ['a clock that jumped back cannot stretch it past its length', backoff, NOW - 10 * MIN, false],
  ] as const)('%s → %s', (_name, state, now, expected) => {
    expect(isBackingOff(state, now)).toBe(expected);
  });
});

describe('nextDueAfterSuccess', () => {
  it.each([
    ['random 0 → interval −10 %', 0, 270_000],
    ['random 0.5 → exactly the interval', 0.5, 300_000],
    ['random just under 1 → interval +10 %', 0.999999, 330_000],
  ])('%s', (_name, random, delay) => {
    expect(nextDueAfterSuccess(NOW, 300, random)).toBe(NOW + delay);
  });
});

describe('nextDueAfterFailure', () => {
  it.each([
    [0, 60_000],
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [4, 300_000],
    [10, 300_000],
  ])('failure streak %i → retry after %i ms (60 s doubling, capped at the interval)', (streak, delay) => {
    expect(nextDueAfterFailure(NOW, 300, streak)).toBe(NOW + delay);
  });
});

describe('isDue', () => {
  it.each([
    ['never scheduled', null, true],
    ['undefined (an old engine state)', undefined, true],
    ['due time passed', NOW - 1, true],
    ['due exactly now', NOW, true],
    ['due in a minute', NOW + MIN, false],
    ['due at the far end of the jitter', NOW + 330_000 + 1000, false],
    ['due further ahead than one jittered interval (clock jumped back) → due now', NOW + 332_000, true],
  ] as const)('%s → %s', (_name, nextDueAt, due) => {
    expect(isDue(nextDueAt, NOW, 300)).toBe(due);
  });
});

describe('the trailing-hour budget', () => {
  const requests = [
    NOW - HOUR_MS - 1,
    NOW - HOUR_MS,
    NOW - HOUR_MS + 1,
    NOW - MIN,
    NOW,
    NOW + MIN,
    NOW + 2 * MIN,
  ];
  it('counts calls within the last hour; calls "from the future" beyond a minute are dropped', () => {
    expect(trimRequests(requests, NOW)).toEqual([NOW - HOUR_MS + 1, NOW - MIN, NOW, NOW + MIN]);
  });
  it.each([
    [3, false],
    [4, false],
    [5, true],
  ])('max %i per hour with 4 recent calls → room for one more: %s', (max, room) => {
    expect(hasBudget(requests, NOW, max)).toBe(room);
  });
  it('an empty history always has room (unless the budget is zero)', () => {
    expect(hasBudget([], NOW, 1)).toBe(true);
    expect(hasBudget([], NOW, 0)).toBe(false);
  });
});
