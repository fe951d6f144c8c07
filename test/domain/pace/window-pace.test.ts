/**
 * Pace (docs/statusline.md "Pace"): what a person reads as "on pace for 64% at reset" or "runs out
 * ~Thu 14:00" comes from these numbers, so each confidence rule is a row.
 */
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../shared/domain/format/duration';
import {
  getSlotPace,
  getWindowPace,
  isRunningOut,
  type PaceWindowName,
  type WindowPace,
} from '../../../shared/domain/pace/window-pace';
import type { HistoryPoint } from '../../../shared/domain/types';

const NOW = Date.parse('2026-02-05T12:00:00Z');
const DAY_MS = 24 * HOUR_MS;
const iso = (ms: number) => new Date(ms).toISOString();

/** Points of one series at `NOW + offset` (negative = in the past). */
function series(name: PaceWindowName, rows: [offsetMs: number, value: number | null][]): HistoryPoint[] {
  return rows.map(([offset, v]) => ({
    t: NOW + offset,
    five_hour: name === 'five_hour' ? v : null,
    seven_day: name === 'seven_day' ? v : null,
  }));
}

const fiveHour = (utilization: number, resetInMs: number | null) => ({
  utilization,
  resets_at: resetInMs === null ? null : iso(NOW + resetInMs),
});

interface Row {
  name: string;
  window: PaceWindowName;
  current: { utilization: number; resets_at: string | null } | null;
  history: HistoryPoint[];
  expect: Partial<Extract<WindowPace, { status: 'projected' }>> | { status: 'unknown'; reason: string };
}

const H = HOUR_MS;
const M = MINUTE_MS;

const ROWS: Row[] = [
  {
    name: 'no window at all → unknown (no_window)',
    window: 'five_hour',
    current: null,
    history: series('five_hour', [[-H, 10]]),
    expect: { status: 'unknown', reason: 'no_window' },
  },
  {
    name: 'a window without a reset time → unknown (no_reset_time)',
    window: 'five_hour',
    current: fiveHour(30, null),
    history: series('five_hour', [
      [-2 * H, 10],
      [-H, 20],
      [0, 30],
    ]),
    expect: { status: 'unknown', reason: 'no_reset_time' },
  },
  {
    name: 'a reset already past → unknown (reset_passed)',
    window: 'five_hour',
    current: fiveHour(30, -M),
    history: series('five_hour', [
      [-2 * H, 10],
      [-H, 20],
      [-2 * M, 30],
    ]),
    expect: { status: 'unknown', reason: 'reset_passed' },
  },
  {
    name: 'too little history: two readings → unknown (too_few_points, 2)',
    window: 'five_hour',
    current: fiveHour(30, 2 * H),
    history: series('five_hour', [
      [-H, 20],
      [0, 30],
    ]),
    expect: { status: 'unknown', reason: 'too_few_points', points: 2 } as never,
  },
  {
    name: 'no history at all → unknown (too_few_points, 0)',
    window: 'seven_day',
    current: { utilization: 40, resets_at: iso(NOW + 3 * DAY_MS) },
    history: [],
    expect: { status: 'unknown', reason: 'too_few_points', points: 0 } as never,
  },
  {
    name: 'three readings within 10 minutes → unknown (too_short_span)',
    window: 'five_hour',
    current: fiveHour(30, 2 * H),
    history: series('five_hour', [
      [-10 * M, 20],
      [-5 * M, 25],
      [0, 30],
    ]),
    expect: { status: 'unknown', reason: 'too_short_span' },
  },
  {
    name: 'steady 10 points/hour with 2 h left at 30% → on pace for 50% at reset, no run-out',
    window: 'five_hour',
    current: fiveHour(30, 2 * H),
    history: series('five_hour', [
      [-2 * H, 10],
      [-H, 20],
      [0, 30],
    ]),
    expect: { status: 'projected', at_reset: 50, runs_out_at: null, rate_per_hour: 10, points: 3 },
  },
  {
    name: '30 points/hour at 70% with 2 h left → runs out in 1 h, before the reset',
    window: 'five_hour',
    current: fiveHour(70, 2 * H),
    history: series('five_hour', [
      [-2 * H, 10],
      [-H, 40],
      [0, 70],
    ]),
    expect: { status: 'projected', at_reset: 130, runs_out_at: NOW + H, rate_per_hour: 30 },
  },
  {
    name: 'already at 100% → runs out at the first reading that reached it',
    window: 'five_hour',
    current: fiveHour(100, H),
    history: series('five_hour', [
      [-3 * H, 40],
      [-2 * H, 100],
      [0, 100],
    ]),
    expect: { status: 'projected', runs_out_at: NOW - 2 * H },
  },
  {
    name: 'a window that reset mid-series: only the readings since the reset count',
    window: 'five_hour',
    // The new window started 1 h ago (reset 4 h ahead); before it, the old window climbed to 90%.
    current: fiveHour(12, 4 * H),
    history: series('five_hour', [
      [-3 * H, 60],
      [-2 * H, 80],
      [-70 * M, 90],
      [-50 * M, 2],
      [-25 * M, 7],
      [0, 12],
    ]),
    // 2 → 12 over 50 min = 12/h; 12 + 12 × 4 = 60. With the old points it would read as a fall (rate 0).
    expect: { status: 'projected', at_reset: 60, rate_per_hour: 12, points: 3, from: NOW - 50 * M },
  },
  {
    name: 'a drop inside the window (a reset the reset time did not show) starts the series again',
    window: 'seven_day',
    current: { utilization: 15, resets_at: iso(NOW + 6 * DAY_MS) },
    history: series('seven_day', [
      [-20 * H, 70],
      [-18 * H, 72],
      [-12 * H, 5],
      [-6 * H, 10],
      [0, 15],
    ]),
    expect: { status: 'projected', points: 3, from: NOW - 12 * H },
  },
  {
    name: 'readings from before the window start are ignored even without a drop',
    window: 'seven_day',
    current: { utilization: 20, resets_at: iso(NOW + 6 * DAY_MS) },
    // The window started 1 day ago; the 30 h-old readings belong to the previous week.
    history: series('seven_day', [
      [-30 * H, 0],
      [-28 * H, 1],
      [-20 * H, 4],
      [-10 * H, 12],
      [0, 20],
    ]),
    // 4 → 20 over 20 h = 0.8/h; 20 + 0.8 × 144 = 135.2 → runs out (100 − 20) / 0.8 = 100 h from now.
    expect: { status: 'projected', points: 3, at_reset: 135.2, runs_out_at: NOW + 100 * H },
  },
  {
    name: 'utilisation flat → rate 0, projected at the current value',
    window: 'seven_day',
    current: { utilization: 42, resets_at: iso(NOW + 2 * DAY_MS) },
    history: series('seven_day', [
      [-12 * H, 42],
      [-6 * H, 42],
      [0, 42],
    ]),
    expect: { status: 'projected', at_reset: 42, rate_per_hour: 0, runs_out_at: null },
  },
  {
    name: 'a small dip (noise, ≤ 2 points) is not a reset',
    window: 'five_hour',
    current: fiveHour(30, 2 * H),
    history: series('five_hour', [
      [-2 * H, 10],
      [-90 * M, 21],
      [-H, 20],
      [0, 30],
    ]),
    expect: { status: 'projected', points: 4, from: NOW - 2 * H },
  },
  {
    name: 'readings without this window (null) do not count',
    window: 'five_hour',
    current: fiveHour(30, 2 * H),
    history: series('five_hour', [
      [-2 * H, 10],
      [-H, null],
      [0, 30],
    ]),
    expect: { status: 'unknown', reason: 'too_few_points', points: 2 } as never,
  },
];

describe('getWindowPace', () => {
  it.each(ROWS)('$name', (row) => {
    const pace = getWindowPace(row.window, row.current, row.history, NOW);
    expect(pace).toMatchObject(row.expect);
  });

  it('readings after `now` (a clock step back) are not used', () => {
    const history = series('five_hour', [
      [-2 * H, 10],
      [-H, 20],
      [0, 30],
      [H, 99],
    ]);
    expect(getWindowPace('five_hour', fiveHour(30, 2 * H), history, NOW)).toMatchObject({ at_reset: 50 });
  });
});

describe('getSlotPace', () => {
  it('counts the cache entry’s own reading, so a fetch shows in the pace in the same cycle', () => {
    const history = series('five_hour', [
      [-2 * H, 10],
      [-H, 20],
    ]);
    const slot = { last_fetched: NOW, five_hour: fiveHour(30, 2 * H), seven_day: null };
    const pace = getSlotPace(slot, history, NOW);
    expect(pace.five_hour).toMatchObject({ status: 'projected', at_reset: 50, points: 3 });
    expect(pace.seven_day).toMatchObject({ status: 'unknown', reason: 'no_window' });
  });

  it('isRunningOut is true only for a projection that reaches 100% before the reset', () => {
    const fast = getWindowPace(
      'five_hour',
      fiveHour(70, 2 * H),
      series('five_hour', [
        [-2 * H, 10],
        [-H, 40],
        [0, 70],
      ]),
      NOW,
    );
    expect(isRunningOut(fast)).toBe(true);
    expect(isRunningOut(getWindowPace('five_hour', fiveHour(30, 2 * H), [], NOW))).toBe(false);
    expect(isRunningOut(null)).toBe(false);
  });
});
