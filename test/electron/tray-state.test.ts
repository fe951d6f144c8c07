import { describe, expect, it } from 'vitest';
import { getTrayMenuTemplate, type TrayMenuActions } from '../../electron/tray-menu';
import {
  getGlanceTitle,
  getPaceGlance,
  getTrayIconName,
  getTrayIconState,
  getTrayTooltip,
  parseGlanceForm,
  parseGlanceMode,
} from '../../electron/tray-state';
import type { WindowPace } from '../../shared/domain/pace/window-pace';
import { parseCacheValue } from '../../shared/domain/schemas/cache';
import type { CacheFile, CacheSlot } from '../../shared/domain/types';
import legacy from '../fixtures/legacy-setup/merged-quota-cache.json';

const NOW = Date.parse('2026-02-08T12:00:00Z');
const H = 3_600_000;

function slot(patch: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'a@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: NOW - 60_000,
    last_attempt: NOW - 60_000,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 41.6, resets_at: new Date(NOW + 3 * H + 20 * 60_000).toISOString() },
    seven_day: { utilization: 51, resets_at: null },
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: '/h/.claude-1',
    ...patch,
  };
}
function cache(slots: Record<string, CacheSlot>, patch: Partial<CacheFile> = {}): CacheFile {
  return {
    version: 1,
    ts: NOW - 60_000,
    writer: { pid: 1, app: 'quota-broker', app_version: '0' },
    all_inactive: false,
    recommended: Object.keys(slots)[0] ?? null,
    slots,
    ...patch,
  };
}

describe('tray icon state', () => {
  it.each([
    ['ok', cache({ a: slot() }), 'ok'],
    ['no cache yet', null, 'stale'],
    ['cache written 11 h ago', cache({ a: slot() }, { ts: NOW - 11 * H }), 'stale'],
    [
      'fresh ts but one slot 11 h old',
      cache({ a: slot(), b: slot({ last_fetched: NOW - 11 * H }) }),
      'stale',
    ],
    ['a login died', cache({ a: slot(), b: slot({ health: 'login_dead', status: 'inactive' }) }), 'relogin'],
    [
      'all inactive',
      cache({ a: slot({ status: 'inactive', health: 'login_dead' }) }, { all_inactive: true }),
      'inactive',
    ],
    [
      'a disabled slot is not a problem',
      cache({ a: slot(), b: slot({ enabled: false, status: 'inactive', health: 'disabled' }) }),
      'ok',
    ],
  ] as const)('%s → %s', (_n, c, state) => {
    expect(getTrayIconState(c as CacheFile | null, NOW)).toBe(state);
  });

  it('maps states to template images macOS can tint', () => {
    expect(getTrayIconName('ok')).toBe('iconTemplate');
    for (const s of ['stale', 'relogin', 'inactive'] as const)
      expect(getTrayIconName(s)).toMatch(/^icon-\w+Template$/);
  });
});

describe('glance title', () => {
  it('shows the recommended slot as 42%·3h', () => {
    expect(getGlanceTitle(cache({ a: slot() }), NOW, 'recommended')).toBe('42%·3h');
  });
  it('follows the slot a Claude Code session reported last in in_use mode', () => {
    const c = cache({
      a: slot(),
      b: slot({
        source: 'statusline',
        last_fetched: NOW - 30_000,
        five_hour: { utilization: 90, resets_at: null },
      }),
    });
    expect(getGlanceTitle(c, NOW, 'in_use')).toBe('90%');
    expect(getGlanceTitle(c, NOW, 'recommended')).toBe('42%·3h');
  });
  it('marks stale numbers and a fully inactive state', () => {
    expect(getGlanceTitle(cache({ a: slot({ last_fetched: NOW - 2 * H }) }), NOW, 'recommended')).toBe(
      '42%·3h!',
    );
    expect(getGlanceTitle(cache({ a: slot() }, { all_inactive: true }), NOW, 'recommended')).toBe('✕');
  });
  it('shows minutes under an hour and nothing when off', () => {
    const c = cache({
      a: slot({ five_hour: { utilization: 5, resets_at: new Date(NOW + 45 * 60_000).toISOString() } }),
    });
    expect(getGlanceTitle(c, NOW, 'recommended')).toBe('5%·45m');
    expect(getGlanceTitle(c, NOW, 'off')).toBe('');
  });
  it('defaults unknown settings to recommended', () => {
    expect(parseGlanceMode('in_use')).toBe('in_use');
    expect(parseGlanceMode(42)).toBe('recommended');
  });
});

describe('glance title, pace form', () => {
  const WEEK_RESET = new Date(NOW + 45 * H).toISOString();
  const FIVE_RESET = new Date(NOW + 3 * H + 20 * 60_000).toISOString();
  const projected = (resets_at: string, over: Partial<Extract<WindowPace, { status: 'projected' }>> = {}) =>
    ({
      status: 'projected',
      at_reset: 64,
      runs_out_at: null,
      resets_at,
      rate_per_hour: 1,
      points: 5,
      from: NOW - 10 * H,
      to: NOW,
      ...over,
    }) as WindowPace;
  const paced = (
    five: WindowPace | undefined,
    week: WindowPace | undefined,
    patch: Partial<CacheSlot> = {},
  ) =>
    slot({
      seven_day: { utilization: 51, resets_at: WEEK_RESET },
      pace: {
        five_hour: five ?? { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: FIVE_RESET },
        seven_day: week ?? { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: WEEK_RESET },
      },
      ...patch,
    });

  it.each([
    [
      'the weekly projection while nothing runs out',
      paced(projected(FIVE_RESET), projected(WEEK_RESET)),
      'wk→64%',
    ],
    [
      'the 5-hour window when it runs out first (local time)',
      paced(projected(FIVE_RESET, { runs_out_at: NOW + 90 * 60_000 }), projected(WEEK_RESET)),
      /^5h out~(\w{3} )?\d{2}:30$/,
    ],
    [
      'the weekly window when only it runs out',
      paced(projected(FIVE_RESET), projected(WEEK_RESET, { runs_out_at: NOW + 30 * H })),
      /^wk out~\w{3} \d{2}:00$/,
    ],
    ['collecting history', paced(undefined, undefined), 'wk→…'],
    ['no pace in the cache (an older writer): the usage form', slot(), '42%·3h'],
  ] as const)('shows %s', (_name, s, expected) => {
    const title = getGlanceTitle(cache({ a: s }), NOW, 'recommended', 'pace');
    if (typeof expected === 'string') expect(title).toBe(expected);
    else expect(title).toMatch(expected);
  });

  it('marks stale numbers with ! as the usage form does; the usage form is unchanged', () => {
    const s = paced(projected(FIVE_RESET), projected(WEEK_RESET), { last_fetched: NOW - 2 * H });
    expect(getGlanceTitle(cache({ a: s }), NOW, 'recommended', 'pace')).toBe('wk→64%!');
    expect(getGlanceTitle(cache({ a: s }), NOW, 'recommended', 'usage')).toBe('42%·3h!');
  });

  it('a projection for a window that has since reset is not shown: the usage form stands in', () => {
    const old = paced(
      { status: 'unknown', reason: 'no_reset_time', points: 0, resets_at: null },
      projected(new Date(NOW - 1).toISOString()),
    );
    expect(getPaceGlance(old, NOW, 'UTC')).toBeNull();
    expect(getGlanceTitle(cache({ a: old }), NOW, 'recommended', 'pace')).toBe('42%·3h');
  });

  it('defaults unknown settings to the usage form', () => {
    expect(parseGlanceForm('pace')).toBe('pace');
    expect(parseGlanceForm('nope')).toBe('usage');
  });
});

describe("the tray on an old writer's cache (test/fixtures/legacy-setup)", () => {
  it('shows the logins to repair, no made-up title, and health as unknown', () => {
    const parsed = parseCacheValue(structuredClone(legacy));
    if (!parsed.ok) throw new Error(parsed.reason);
    const now = legacy.ts + 11 * H;
    // Two slots the old scripts marked inactive: the icon asks for a re-login (the one slot state).
    expect(getTrayIconState(parsed.cache, now)).toBe('relogin');
    // The old cache recommends nothing: no glance title rather than a guess.
    expect(getGlanceTitle(parsed.cache, now, 'recommended')).toBe('');
    expect(getTrayTooltip(parsed.cache).split('\n')).toEqual([
      'Quota Broker',
      'slot-1: 37% · health unknown',
      'slot-2: 12% · health unknown',
      'slot-3: 64% · health unknown',
    ]);
    // Old data alone makes the icon stale once no login needs repair.
    const slot3 = { ...parsed.cache, slots: { 'slot-3': parsed.cache.slots['slot-3'] } };
    expect(getTrayIconState(slot3, now)).toBe('stale');
  });
});

describe('tray menu', () => {
  const calls: string[] = [];
  const actions = new Proxy({} as TrayMenuActions, {
    get:
      (_t, name) =>
      (...a: unknown[]) =>
        calls.push(`${String(name)}:${a.join()}`),
  });
  const menu = {
    launchAtLogin: true,
    glanceMode: 'off' as const,
    glanceForm: 'usage' as const,
    role: 'broker' as const,
    brokerPid: 1,
    dashboardAvailable: true,
  };

  it('has the issue’s items in order and toggles Launch at Login', () => {
    const labels = getTrayMenuTemplate(menu, actions)
      .filter((i) => i.label)
      .map((i) => i.label);
    expect(labels).toEqual([
      'Refresh Now',
      'Open Dashboard in Browser',
      'Run Doctor',
      'Open Log',
      'Menu-Bar Title',
      'Launch at Login',
      'Quit Quota Broker',
    ]);
    const login = getTrayMenuTemplate(menu, actions).find((i) => i.label === 'Launch at Login');
    expect(login?.checked).toBe(true);
  });
  it('the title submenu has the slot choice and, after a separator, the form choice', () => {
    const title = getTrayMenuTemplate({ ...menu, glanceForm: 'pace' }, actions).find(
      (i) => i.label === 'Menu-Bar Title',
    );
    const items = title?.submenu as {
      label?: string;
      type?: string;
      checked?: boolean;
      click?: () => void;
    }[];
    expect(items.map((i) => i.label ?? i.type)).toEqual([
      'Recommended slot',
      'Slot in use',
      'Off',
      'separator',
      'Usage Now (42%·3h)',
      'Pace at Reset (wk→64%)',
    ]);
    expect(items.filter((i) => i.checked).map((i) => i.label)).toEqual(['Off', 'Pace at Reset (wk→64%)']);
    items[4].click?.();
    expect(calls).toContain('setGlanceForm:usage');
  });

  it('offers take-over while following another broker', () => {
    const items = getTrayMenuTemplate({ ...menu, role: 'follower', brokerPid: 4242 }, actions);
    expect(items[0].label).toContain('pid 4242');
    (items[0].click as () => void)();
    expect(calls).toContain('takeOver:');
  });
});
