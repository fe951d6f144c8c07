import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUSLINE_FORMAT,
  formatAge,
  formatFiveHour,
  formatStatusline,
  formatWeekday,
  formatWeekly,
} from '../../../shared/domain/statusline/format';
import type { StatuslineView } from '../../../shared/domain/statusline/view';

const NOW = Date.parse('2026-02-09T03:00:00Z'); // a Monday
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function view(over: Partial<StatuslineView> = {}): StatuslineView {
  return {
    slotId: 'slot-1',
    label: 'Work',
    email: 'w@example.com',
    state: null,
    five_hour: { utilization: 37, resets_at: iso(NOW + 2.5 * H) },
    seven_day: { utilization: 51, resets_at: iso(NOW + 27.5 * H) },
    source: 'endpoint',
    dataAt: NOW - 60_000,
    stale: false,
    observationFresh: false,
    pace: { five_hour: null, seven_day: null },
    ...over,
  };
}

describe('formatWeekly', () => {
  it.each([
    [
      'whole hours floored, rounded %, weekday',
      { utilization: 51.4, resets_at: iso(NOW + 27.9 * H) },
      '📅:27h(51%)@Tue',
    ],
    ['half rounds up', { utilization: 50.5, resets_at: iso(NOW + 27 * H) }, '📅:27h(51%)@Tue'],
    ['under an hour is 0h', { utilization: 99.6, resets_at: iso(NOW + 59 * 60_000) }, '📅:0h(100%)@Mon'],
    ['over 100 % stays visible', { utilization: 104.2, resets_at: iso(NOW + 5 * H) }, '📅:5h(104%)@Mon'],
    [
      'reset in the past: old utilisation is no longer true',
      { utilization: 88, resets_at: iso(NOW - H) },
      '📅:reset',
    ],
    ['reset exactly now counts as past', { utilization: 88, resets_at: iso(NOW) }, '📅:reset'],
    ['null resets_at', { utilization: 12.2, resets_at: null }, '📅:?h(12%)'],
    ['unparseable resets_at', { utilization: 12, resets_at: 'soon' }, '📅:?h(12%)'],
    ['non-finite utilisation', { utilization: Number.NaN, resets_at: iso(NOW + 2 * H) }, '📅:2h(?%)@Mon'],
    ['no window at all', null, '📅:?'],
  ])('%s', (_name, window, expected) => {
    expect(formatWeekly(window, { now: NOW, timeZone: 'UTC' })).toBe(expected);
  });

  it.each([
    ['UTC', '2026-02-10T06:00:00Z', 'Tue'],
    ['America/Los_Angeles', '2026-02-10T06:00:00Z', 'Mon'],
    ['Asia/Tokyo', '2026-02-10T20:00:00Z', 'Wed'],
    ['Not/AZone', '2026-02-10T12:00:00Z', undefined],
  ])('weekday in %s', (timeZone, reset, expected) => {
    const got = formatWeekly({ utilization: 1, resets_at: reset }, { now: NOW, timeZone });
    // An unknown zone falls back to the process's local time instead of failing.
    const day = expected ?? formatWeekday(Date.parse(reset));
    expect(got.endsWith(`@${day}`)).toBe(true);
  });

  it('uses the local time (TZ) when no zone is given', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(formatWeekday(Date.parse('2026-02-10T13:00:00Z'))).toBe('Wed');
      process.env.TZ = 'America/New_York';
      expect(formatWeekday(Date.parse('2026-02-10T13:00:00Z'))).toBe('Tue');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('formatFiveHour', () => {
  it.each([
    ['hours floored', { utilization: 37.2, resets_at: iso(NOW + 2.9 * H) }, '⏱:37%·2h'],
    ['minutes under an hour', { utilization: 80, resets_at: iso(NOW + 45.5 * 60_000) }, '⏱:80%·45m'],
    ['seconds left', { utilization: 80, resets_at: iso(NOW + 30_000) }, '⏱:80%·0m'],
    ['reset passed', { utilization: 80, resets_at: iso(NOW - 1) }, '⏱:reset'],
    ['null resets_at (window not started)', { utilization: 0, resets_at: null }, '⏱:0%'],
    ['missing window is left out', null, ''],
  ])('%s', (_name, window, expected) => {
    expect(formatFiveHour(window, { now: NOW })).toBe(expected);
  });
});

describe('formatAge', () => {
  it.each([
    [null, ''],
    [NOW - 10_000, '<1m'],
    [NOW + 10_000, '<1m'],
    [NOW - 12 * 60_000, '12m'],
    [NOW - 3 * H, '3h'],
    [NOW - 47 * H, '47h'],
    [NOW - 72 * H, '3d'],
  ])('%s', (at, expected) => {
    expect(formatAge(at, NOW)).toBe(expected);
  });
});

describe('formatStatusline', () => {
  const opts = { now: NOW, timeZone: 'UTC' };

  it('default line: label, 5-hour window, weekly segment last', () => {
    expect(formatStatusline(view(), opts)).toBe('Work ⏱:37%·2h 📅:27h(51%)@Tue');
    expect(DEFAULT_STATUSLINE_FORMAT).toContain('{weekly}{stale}');
  });

  it('stale data ends the line with 🔺', () => {
    expect(formatStatusline(view({ stale: true }), opts)).toBe('Work ⏱:37%·2h 📅:27h(51%)@Tue🔺');
  });

  it.each([
    ['all_inactive', 'Work ❌all-inactive ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['login_dead', 'Work ⛔login-dead ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['no_credentials', 'Work ⛔no-login ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['disabled', 'Work ⏸disabled ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['inactive', 'Work ⛔inactive ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['rate_limited', 'Work ⏳429 ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['offline', 'Work 📴offline ⏱:37%·2h 📅:27h(51%)@Tue'],
    ['unregistered', 'Work ❔unregistered ⏱:37%·2h 📅:27h(51%)@Tue'],
  ] as const)('state %s is visible', (state, expected) => {
    expect(formatStatusline(view({ state }), opts)).toBe(expected);
  });

  it('no data at all still gives a line that says so', () => {
    const v = view({ state: 'no_cache', five_hour: null, seven_day: null, source: null, dataAt: null });
    expect(formatStatusline(v, opts)).toBe('Work ❔no-cache 📅:?');
  });

  it('missing 5-hour window collapses its space', () => {
    expect(formatStatusline(view({ five_hour: null }), opts)).toBe('Work 📅:27h(51%)@Tue');
  });

  it('custom format with every token; unknown tokens stay visible', () => {
    const format = '[{slot}|{email}|{source}|{age}] {weekly}{stale} {nope} {constructor}';
    expect(formatStatusline(view({ stale: true }), { ...opts, format })).toBe(
      '[slot-1|w@example.com|api|1m] 📅:27h(51%)@Tue🔺 {nope} {constructor}',
    );
    expect(formatStatusline(view({ source: 'statusline' }), { ...opts, format: '{source}' })).toBe('session');
  });

  it('a custom format may render empty when nothing applies, and never spans lines', () => {
    expect(formatStatusline(view(), { ...opts, format: '{state}{stale}' })).toBe('');
    expect(formatStatusline(view(), { ...opts, format: '{label}\n{weekly}' })).toBe('Work 📅:27h(51%)@Tue');
  });
});
