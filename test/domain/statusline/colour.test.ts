/**
 * The statusline's colours and pace tokens (docs/statusline.md "Colours", "Pace"): what a person sees in
 * Claude Code's line — green/amber/red by threshold, stale numbers dimmed, dead and held-back states in
 * their colour, no colour at all with NO_COLOR or the setting.
 */
import { describe, expect, it } from 'vitest';
import type { WindowPace } from '../../../shared/domain/pace/window-pace';
import { getStatuslineColorSettings } from '../../../shared/domain/statusline/color-settings';
import { DEFAULT_SEGMENT_FORMAT, formatStatusline } from '../../../shared/domain/statusline/format';
import { getLineColors, isNoColor } from '../../../shared/domain/statusline/paint';
import type { StatuslineView } from '../../../shared/domain/statusline/view';

const NOW = Date.parse('2026-02-05T12:00:00Z'); // a Thursday
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ESC = '\u001b';
const on = { thresholds: [70, 90] as [number, number] };

function view(over: Partial<StatuslineView> = {}): StatuslineView {
  return {
    slotId: 'slot-1',
    label: 'Work',
    email: null,
    state: null,
    five_hour: { utilization: 37, resets_at: iso(NOW + 2.5 * H) },
    seven_day: { utilization: 75, resets_at: iso(NOW + 45 * H) },
    source: 'endpoint',
    dataAt: NOW,
    stale: false,
    observationFresh: false,
    pace: { five_hour: null, seven_day: null },
    ...over,
  };
}

const opts = { now: NOW, timeZone: 'UTC' };
const line = (v: StatuslineView, extra: { format?: string; colors?: typeof on | null } = {}) =>
  formatStatusline(v, { ...opts, colors: on, ...extra });
/** The escape sequence around `text` in `out`, e.g. `33` for amber. */
function sgrOf(out: string, text: string): string | null {
  const i = out.indexOf(text);
  if (i < 0) throw new Error(`${JSON.stringify(text)} not in ${JSON.stringify(out)}`);
  const m = new RegExp(`${ESC}\\[([0-9;]+)m$`).exec(out.slice(0, i));
  return m ? m[1] : null;
}

describe('usage colours', () => {
  it.each([
    [0, '32'],
    [69.4, '32'],
    [70, '33'],
    [89.9, '33'],
    [90, '31'],
    [104, '31'],
  ])('%s%% → SGR %s (defaults: amber from 70, red from 90)', (utilization, sgr) => {
    const out = line(view({ five_hour: { utilization, resets_at: iso(NOW + H) } }));
    expect(sgrOf(out, '⏱:')).toBe(sgr);
  });

  it('the weekly segment has its own colour, and every colour is closed with 22;39 (never a full reset)', () => {
    const out = line(view());
    expect(sgrOf(out, '⏱:37%')).toBe('32');
    expect(sgrOf(out, '📅:45h(75%)')).toBe('33');
    expect(out).toContain(`${ESC}[22;39m`);
    expect(out).not.toContain(`${ESC}[0m`);
  });

  it('configurable thresholds move the bands', () => {
    const out = line(view(), { colors: { thresholds: [30, 50] } });
    expect(sgrOf(out, '⏱:37%')).toBe('33');
    expect(sgrOf(out, '📅:')).toBe('31');
  });

  it('stale numbers are dimmed in their colour', () => {
    const out = line(view({ stale: true }));
    expect(sgrOf(out, '⏱:37%')).toBe('2;32');
    expect(sgrOf(out, '📅:')).toBe('2;33');
    expect(out.endsWith('🔺')).toBe(true);
  });

  it('a window whose reset has passed is not coloured as if its old number were true', () => {
    const out = line(view({ five_hour: { utilization: 95, resets_at: iso(NOW - 1) } }));
    expect(out).toContain('⏱:reset');
    expect(sgrOf(out, '⏱:reset')).toBeNull();
  });
});

describe('state colours', () => {
  it.each([
    ['login_dead', '⛔login-dead', '31'],
    ['no_credentials', '⛔no-login', '31'],
    ['all_inactive', '❌all-inactive', '31'],
    ['inactive', '⛔inactive', '31'],
    ['rate_limited', '⏳429', '33'],
    ['offline', '📴offline', '33'],
    ['disabled', '⏸disabled', '2'],
  ] as const)('%s is shown in SGR %s', (state, text, sgr) => {
    expect(sgrOf(line(view({ state })), text)).toBe(sgr);
  });
});

describe('no colour', () => {
  it('without colours the line is exactly the plain line', () => {
    const plain = formatStatusline(view({ state: 'login_dead', stale: true }), opts);
    expect(plain).not.toContain(ESC);
    expect(line(view({ state: 'login_dead', stale: true }), { colors: null })).toBe(plain);
  });

  it('empty tokens still collapse their spaces when colours are on', () => {
    const out = line(view({ five_hour: null }), { format: '{label} {state} {five_hour} {weekly}' });
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toBe('Work 📅:45h(75%)@Sat');
  });

  it.each([
    [{}, null, true],
    [{ NO_COLOR: '1' }, null, false],
    [{ NO_COLOR: '' }, null, true],
    [{}, { statusline_color: false }, false],
    [{}, { statusline_color: true, statusline_color_thresholds: [50, 60] }, true],
  ])('env %j, cache %j → colours %s', (env, cache, enabled) => {
    const colors = getLineColors(cache, env);
    expect(colors !== null).toBe(enabled);
    expect(isNoColor(env)).toBe('NO_COLOR' in env && env.NO_COLOR !== '');
  });

  it('the cache’s thresholds are used when valid, the defaults otherwise', () => {
    expect(getLineColors({ statusline_color_thresholds: [50, 60] }, {})?.thresholds).toEqual([50, 60]);
    expect(getLineColors({ statusline_color_thresholds: [90, 50] }, {})?.thresholds).toEqual([70, 90]);
  });
});

describe('registry settings (settings.statusline_color, settings.statusline_color_thresholds)', () => {
  it.each([
    [{}, { enabled: true, thresholds: [70, 90] }, 0],
    [{ statusline_color: false }, { enabled: false, thresholds: [70, 90] }, 0],
    [{ statusline_color_thresholds: [60, 85] }, { enabled: true, thresholds: [60, 85] }, 0],
    [{ statusline_color: 'no' }, { enabled: true, thresholds: [70, 90] }, 1],
    [{ statusline_color_thresholds: [85, 60] }, { enabled: true, thresholds: [70, 90] }, 1],
    [{ statusline_color_thresholds: [70] }, { enabled: true, thresholds: [70, 90] }, 1],
  ])('%j → %j with %d error(s)', (settings, expected, errors) => {
    const r = getStatuslineColorSettings(settings);
    expect(r.settings).toEqual(expected);
    expect(r.errors).toHaveLength(errors);
    for (const e of r.errors) expect(e).toMatch(/settings\.statusline_color/);
  });
});

describe('pace tokens', () => {
  const projected = (over: Partial<Extract<WindowPace, { status: 'projected' }>>): WindowPace => ({
    status: 'projected',
    at_reset: 64,
    runs_out_at: null,
    resets_at: iso(NOW + 45 * H),
    rate_per_hour: 1,
    points: 5,
    from: NOW - 10 * H,
    to: NOW,
    ...over,
  });
  const five = (over: Partial<Extract<WindowPace, { status: 'projected' }>>) =>
    projected({ resets_at: iso(NOW + 2.5 * H), ...over });

  it('{pace} shows the weekly projection while nothing runs out', () => {
    const v = view({ pace: { five_hour: five({ at_reset: 50 }), seven_day: projected({}) } });
    expect(line(v, { format: '{pace}', colors: null })).toBe('📅→64%');
    expect(line(v, { format: '{pace_five_hour} {pace_weekly}', colors: null })).toBe('⏱→50% 📅→64%');
  });

  it('{pace} names the window that runs out first, in red', () => {
    const v = view({
      pace: {
        five_hour: five({ at_reset: 140, runs_out_at: NOW + 1.5 * H }),
        seven_day: projected({ at_reset: 120, runs_out_at: NOW + 30 * H }),
      },
    });
    const out = line(v, { format: '{pace}' });
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toBe('⏱out~13:30');
    expect(sgrOf(out, '⏱out')).toBe('31');
    const weeklyFirst = view({
      pace: { five_hour: five({}), seven_day: projected({ at_reset: 120, runs_out_at: NOW + 30 * H }) },
    });
    expect(line(weeklyFirst, { format: '{pace}', colors: null })).toBe('📅out~Fri 18:00');
  });

  it('too little history says so (dim), and nothing is shown without a window to project', () => {
    const collecting: WindowPace = {
      status: 'unknown',
      reason: 'too_few_points',
      points: 1,
      resets_at: null,
    };
    const out = line(view({ pace: { five_hour: null, seven_day: collecting } }), { format: '{pace}' });
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toBe('📅→…');
    expect(sgrOf(out, '📅→…')).toBe('2');
    expect(line(view(), { format: 'x {pace} y', colors: null })).toBe('x y');
  });

  it('the projection is coloured by the same thresholds as usage', () => {
    const out = line(view({ pace: { five_hour: null, seven_day: projected({ at_reset: 92 }) } }), {
      format: '{pace}',
    });
    expect(sgrOf(out, '📅→92%')).toBe('31');
  });

  it('the segment default shows the account, its state, the weekly window and the pace', () => {
    const v = view({ state: 'offline', pace: { five_hour: null, seven_day: projected({}) } });
    expect(line(v, { format: DEFAULT_SEGMENT_FORMAT, colors: null })).toBe(
      'Work 📴offline 📅:45h(75%)@Sat 📅→64%',
    );
  });
});
