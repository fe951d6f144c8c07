/** What a person reads about pace: the popover's sentence, the short token form, and the cached pace. */
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../shared/domain/format/duration';
import { getCachedPace } from '../../../shared/domain/pace/cached-pace';
import { formatPaceClock, getPaceSentence, getPaceShort } from '../../../shared/domain/pace/pace-text';
import type { WindowPace } from '../../../shared/domain/pace/window-pace';

// Thursday 2026-02-05 12:00 UTC.
const NOW = Date.parse('2026-02-05T12:00:00Z');
const TZ = 'UTC';
const iso = (ms: number) => new Date(ms).toISOString();

function projected(over: Partial<Extract<WindowPace, { status: 'projected' }>> = {}): WindowPace {
  return {
    status: 'projected',
    at_reset: 64.4,
    runs_out_at: null,
    resets_at: iso(NOW + 21 * HOUR_MS), // Fri 09:00
    rate_per_hour: 1,
    points: 5,
    from: NOW - 10 * HOUR_MS,
    to: NOW,
    ...over,
  };
}

const unknown = (reason: string, points = 0): WindowPace =>
  ({ status: 'unknown', reason, points, resets_at: iso(NOW + HOUR_MS) }) as WindowPace;

describe('getPaceSentence (the line under a bar)', () => {
  const ROWS: [string, WindowPace | null, string | null][] = [
    ['no pace → nothing', null, null],
    ['under 100% at reset', projected(), 'On pace for 64% at reset'],
    [
      'runs out before the reset (another day: weekday shown)',
      projected({ at_reset: 180, runs_out_at: NOW + 26 * HOUR_MS, resets_at: iso(NOW + 45 * HOUR_MS) }),
      'Runs out ~Fri 14:00, resets Sat 09:00',
    ],
    [
      'runs out later today (time only)',
      projected({
        at_reset: 130,
        runs_out_at: NOW + HOUR_MS + 20 * MINUTE_MS,
        resets_at: iso(NOW + 2 * HOUR_MS),
      }),
      'Runs out ~13:20, resets 14:00',
    ],
    [
      'already ran out',
      projected({ at_reset: 100, runs_out_at: NOW - HOUR_MS, resets_at: iso(NOW + 2 * HOUR_MS) }),
      'Ran out 11:00, resets 14:00',
    ],
    ['too few readings', unknown('too_few_points', 1), 'Pace: collecting history (1 of 3 readings)'],
    ['too short a span', unknown('too_short_span', 3), 'Pace: collecting history (needs 30 min of readings)'],
    ['no reset time → nothing', unknown('no_reset_time'), null],
    ['a projection whose reset has passed → nothing', projected({ resets_at: iso(NOW - 1) }), null],
  ];
  it.each(ROWS)('%s', (_name, pace, text) => {
    expect(getPaceSentence('five_hour', pace, NOW, TZ)).toBe(text);
  });

  it('the weekly window asks for 6 h of readings', () => {
    expect(getPaceSentence('seven_day', unknown('too_short_span', 4), NOW, TZ)).toBe(
      'Pace: collecting history (needs 6 h of readings)',
    );
  });
});

describe('getPaceShort (statusline token and tray title)', () => {
  const ROWS: [string, WindowPace | null, string][] = [
    ['projected', projected(), '→64%'],
    ['runs out tomorrow', projected({ runs_out_at: NOW + 26 * HOUR_MS }), 'out~Fri 14:00'],
    ['already out', projected({ runs_out_at: NOW - 1 }), 'out'],
    ['collecting', unknown('too_few_points', 2), '→…'],
    ['no window', unknown('no_window'), ''],
    ['reset passed', projected({ resets_at: iso(NOW - 1) }), ''],
  ];
  it.each(ROWS)('%s → %s', (_name, pace, text) => {
    expect(getPaceShort(pace, NOW, TZ)).toBe(text);
  });
});

describe('formatPaceClock', () => {
  it('uses the given zone for the time and the weekday', () => {
    // 23:30 UTC on Thursday is 08:30 on Friday in Tokyo.
    const at = Date.parse('2026-02-05T23:30:00Z');
    expect(formatPaceClock(at, NOW, 'UTC')).toBe('23:30');
    expect(formatPaceClock(at, NOW, 'Asia/Tokyo')).toBe('Fri 08:30');
  });
});

describe('getCachedPace (statusline and tray read the engine’s pace from the cache)', () => {
  const window = { utilization: 40, resets_at: iso(NOW + 21 * HOUR_MS) };
  it('returns the cached pace for the window shown', () => {
    const slot = { pace: { five_hour: projected(), seven_day: unknown('too_few_points') } };
    expect(getCachedPace(slot, 'five_hour', window, NOW)).toMatchObject({ at_reset: 64.4 });
    expect(getCachedPace(slot, 'seven_day', null, NOW)).toMatchObject({ reason: 'too_few_points' });
  });
  it('ignores a pace computed for another window (a newer observation shows the next one)', () => {
    const next = { utilization: 3, resets_at: iso(NOW + 26 * HOUR_MS) };
    expect(getCachedPace({ pace: { five_hour: projected() } }, 'five_hour', next, NOW)).toBeNull();
  });
  it('ignores a pace whose reset has passed, an older cache without it, and garbage', () => {
    expect(
      getCachedPace({ pace: { five_hour: projected() } }, 'five_hour', null, NOW + 22 * HOUR_MS),
    ).toBeNull();
    expect(getCachedPace({}, 'five_hour', window, NOW)).toBeNull();
    expect(
      getCachedPace(
        { pace: { five_hour: { status: 'projected', at_reset: '64' } } },
        'five_hour',
        window,
        NOW,
      ),
    ).toBeNull();
    expect(getCachedPace({ pace: 'x' }, 'five_hour', window, NOW)).toBeNull();
  });
});
