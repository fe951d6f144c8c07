/** The recommended slot and all-inactive (README: "Health"): who can take work, and who has most room. */
import { describe, expect, it } from 'vitest';
import type { WindowPace } from '../../shared/domain/pace/window-pace';
import { getRecommendedSlot, isAllInactive } from '../../shared/domain/recommend';
import { getSlotState, getSlotStateSettings } from '../../shared/domain/slot-state';
import type { CacheSlot, SlotHealth } from '../../shared/domain/types';
import { emptyCacheSlot } from '../../shared/engine/slot-view';

const window = (utilization: number) => ({ utilization, resets_at: null });
const H = 3_600_000;
const RESET = new Date(1_770_000_000_000 + 3 * H).toISOString();
/** A 5-hour window at `utilization` whose pace says it runs out in `outInH` hours (null: it lasts). */
function paced(utilization: number, outInH: number | null, resetsAt = RESET): Partial<CacheSlot> {
  return {
    five_hour: { utilization, resets_at: resetsAt },
    pace: {
      five_hour: {
        status: 'projected',
        at_reset: outInH === null ? utilization + 5 : 150,
        runs_out_at: outInH === null ? null : 1_770_000_000_000 + outInH * H,
        resets_at: resetsAt,
        rate_per_hour: 10,
        points: 6,
        from: 0,
        to: 1,
      },
      seven_day: { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: null },
    },
  };
}

/** An active, enabled slot with fresh data and half of each window used. */
function slot(overrides: Partial<CacheSlot> = {}): CacheSlot {
  return {
    ...emptyCacheSlot({ id: 'x', config_dir: '/x', status: 'active', enabled: true }),
    health: 'ok',
    five_hour: window(50),
    seven_day: window(50),
    ...overrides,
  };
}

const NOW = 1_770_000_000_000;
const SETTINGS = getSlotStateSettings(null);
const isUsable = (s: CacheSlot) => getSlotState('x', s, NOW, SETTINGS).usable;

describe('usable (the shared slot state, which the recommendation takes)', () => {
  const HEALTHS: [SlotHealth, boolean][] = [
    ['ok', true],
    ['stale', true],
    ['token_expired', true],
    ['rate_limited', false],
    ['offline', false],
    ['login_dead', false],
    ['no_credentials', false],
    ['disabled', false],
  ];
  it.each(HEALTHS)('an active, enabled slot with health %s → usable: %s', (health, usable) => {
    expect(isUsable(slot({ health }))).toBe(usable);
  });
  it('an inactive slot is not usable, whatever its numbers', () => {
    expect(isUsable(slot({ status: 'inactive' }))).toBe(false);
  });
  it('a disabled slot is not usable; a cache without `enabled` (older writer) counts as enabled', () => {
    expect(isUsable(slot({ enabled: false }))).toBe(false);
    expect(isUsable(slot({ enabled: undefined }))).toBe(true);
  });
});

describe('getRecommendedSlot', () => {
  const ROWS: [string, Record<string, CacheSlot>, string | null][] = [
    ['no slots → none', {}, null],
    ['nothing usable → none', { a: slot({ status: 'inactive' }), b: slot({ health: 'offline' }) }, null],
    [
      'most 5-hour headroom wins',
      {
        a: slot({ five_hour: window(80) }),
        b: slot({ five_hour: window(20) }),
        c: slot({ five_hour: window(50) }),
      },
      'b',
    ],
    [
      'an unusable slot with more room is passed over',
      { a: slot({ five_hour: window(60) }), b: slot({ five_hour: window(0), health: 'rate_limited' }) },
      'a',
    ],
    [
      'no 5-hour window counts as full headroom',
      { a: slot({ five_hour: window(1) }), b: slot({ five_hour: null }) },
      'b',
    ],
    [
      'equal 5-hour room → weekly headroom breaks the tie',
      { a: slot({ seven_day: window(90) }), b: slot({ seven_day: window(10) }) },
      'b',
    ],
    ['equal room → fresh data over stale', { a: slot({ health: 'stale' }), b: slot({ health: 'ok' }) }, 'b'],
    ['all equal → the first id, for a stable answer', { b: slot(), a: slot(), c: slot() }, 'a'],
    [
      'pace first: a slot that lasts until its reset beats one with more room that runs out',
      { a: slot(paced(20, 1)), b: slot(paced(60, null)) },
      'b',
    ],
    [
      'both run out (or neither does) → headroom decides as before',
      { a: slot(paced(20, 1)), b: slot(paced(60, 2)), c: slot({ health: 'offline' }) },
      'a',
    ],
    [
      'too little history is not evidence: such a slot is not passed over',
      {
        a: slot({
          ...paced(20, null),
          pace: {
            five_hour: { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: RESET },
            seven_day: { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: null },
          },
        }),
        b: slot(paced(60, null)),
      },
      'a',
    ],
    [
      'a pace for a window that has since reset does not count',
      { a: slot(paced(20, 1, new Date(NOW - H).toISOString())), b: slot(paced(60, null)) },
      'a',
    ],
    [
      'a slot whose weekly window already ran out is passed over, however much 5-hour room it has',
      {
        a: slot({
          five_hour: window(5),
          seven_day: { utilization: 100, resets_at: RESET },
          pace: {
            five_hour: { status: 'unknown', reason: 'no_reset_time', points: 0, resets_at: null },
            seven_day: paced(100, -1).pace?.five_hour as WindowPace,
          },
        }),
        b: slot(paced(60, null)),
      },
      'b',
    ],
    [
      'a slot waiting for a token refresh still counts (its login is alive)',
      { a: slot({ health: 'token_expired', five_hour: window(5) }), b: slot({ five_hour: window(70) }) },
      'a',
    ],
  ];
  it.each(ROWS)('%s', (_name, slots, expected) => {
    expect(getRecommendedSlot(slots, NOW, SETTINGS)).toBe(expected);
  });
});

describe('isAllInactive', () => {
  const ROWS: [string, Record<string, CacheSlot>, boolean][] = [
    ['no slots → false (nothing to warn about)', {}, false],
    [
      'every slot inactive → true',
      { a: slot({ status: 'inactive' }), b: slot({ status: 'inactive' }) },
      true,
    ],
    ['one active → false', { a: slot({ status: 'inactive' }), b: slot() }, false],
    [
      'disabled slots do not count: the enabled ones are all inactive → true',
      { a: slot({ status: 'inactive' }), b: slot({ enabled: false }) },
      true,
    ],
    ['only disabled slots → false', { a: slot({ enabled: false, status: 'inactive' }) }, false],
    [
      'an active slot that is failing still counts as active → false',
      { a: slot({ status: 'inactive' }), b: slot({ health: 'offline' }) },
      false,
    ],
  ];
  it.each(ROWS)('%s', (_name, slots, expected) => {
    expect(isAllInactive(slots)).toBe(expected);
  });
});
