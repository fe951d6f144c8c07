import { describe, expect, it } from 'vitest';
import { renderOpenAlerts } from '../../shared/cli/commands/status-alerts';
import { renderStatusTable } from '../../shared/cli/commands/status-view';
import { formatAge, getColours, shouldColour } from '../../shared/cli/format';
import type { Episode } from '../../shared/domain/alerts/types';
import type { CacheFile, CacheSlot } from '../../shared/domain/types';

const NOW = Date.UTC(2026, 1, 8, 12);
const MIN = 60_000;
const slot = (over: Partial<CacheSlot>): CacheSlot => ({
  email: 'a@example.com',
  label: null,
  status: 'active',
  health: 'ok',
  last_fetched: NOW - 4 * MIN,
  last_attempt: NOW - 4 * MIN,
  source: 'endpoint',
  last_error: null,
  five_hour: { utilization: 37.4, resets_at: null },
  seven_day: { utilization: 51, resets_at: null },
  weekly_by_model: [],
  extra_usage: null,
  access_expires_at: null,
  login_expires_at: null,
  subscription: null,
  rate_limit_tier: null,
  requests_last_hour: 1,
  config_dir: '/d',
  ...over,
});
const cache: CacheFile = {
  version: 1,
  ts: NOW - 4 * MIN,
  writer: { pid: 1, app: 'quota-broker', app_version: '0' },
  all_inactive: false,
  recommended: 'fresh',
  stale_threshold_s: 600,
  slots: {
    fresh: slot({}),
    stale: slot({ last_fetched: NOW - 11 * 3600_000, health: 'stale' }),
    dead: slot({
      status: 'inactive',
      health: 'login_dead',
      last_error: { kind: 'login_dead', message: 'invalid_grant', at: NOW - 2 * MIN },
    }),
    off: slot({ enabled: false, health: 'disabled', last_fetched: NOW - 3 * 86_400_000 }),
  },
};
const row = (text: string, id: string) =>
  text.split('\n').find((l) => l.replace(/\u001b\[[0-9;]*m/g, '').startsWith(id)) ?? '';

describe('status table', () => {
  it('ages read 4m / 11h / 3d; stale and dead rows are marked in plain text', () => {
    const text = renderStatusTable(cache, NOW, getColours(false));
    expect(text).not.toMatch(/\u001b\[/);
    expect(row(text, 'fresh*')).toMatch(/active\s+ok\s+37%\s+51%\s+4m\s*$/);
    expect(row(text, 'stale')).toMatch(/11h \(stale\)/);
    expect(row(text, 'dead')).toMatch(/inactive\s+login_dead/);
    expect(row(text, 'off')).toMatch(/3d\s*$/); // disabled: old on purpose, not "stale"
    expect(text).toContain('dead: login needed — run: quota-broker relogin dead');
    expect(text).toContain('Something looks wrong: run quota-broker doctor');
  });

  it('with colour, dead rows are red, stale rows yellow, healthy rows plain', () => {
    const text = renderStatusTable(cache, NOW, getColours(true));
    expect(row(text, 'dead')).toContain('\u001b[31mdead\u001b[0m');
    expect(row(text, 'stale')).toContain('\u001b[33m11h (stale)\u001b[0m');
    expect(row(text, 'fresh')).toMatch(/^fresh\*/);
  });

  it('a long LAST ERROR ends at a whole word with …, never mid-word', () => {
    const message =
      'the usage endpoint answered 503 Service Unavailable three times in a row; the next attempt follows the back-off schedule';
    const long = {
      ...cache,
      slots: { busy: slot({ last_error: { kind: 'server_error', message, at: NOW - 2 * MIN } }) },
    };
    const text = renderStatusTable(long, NOW, getColours(false));
    const cell = (row(text, 'busy').split('  ').pop() ?? '').trim();
    expect(cell).toMatch(/…$/);
    expect(cell.length).toBeLessThanOrEqual(90);
    const shown = cell.slice(0, -1);
    // What is shown is a prefix of the error, ending where a word of it ends.
    const full = `server_error 2m ago: ${message}`;
    expect(full.startsWith(shown)).toBe(true);
    expect(full[shown.length]).toMatch(/[\s;,]/);
  });

  it('no doctor hint when all is well', () => {
    const ok = { ...cache, slots: { fresh: cache.slots.fresh } };
    expect(renderStatusTable(ok, NOW, getColours(false))).not.toContain('doctor');
  });

  it('colour only on a TTY, never with NO_COLOR or TERM=dumb', () => {
    expect(shouldColour({ isTTY: true }, {})).toBe(true);
    expect(shouldColour({ isTTY: false }, {})).toBe(false);
    expect(shouldColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect([45_000, 4 * MIN, 11 * 3600_000, 3 * 86_400_000].map(formatAge)).toEqual([
      '45s',
      '4m',
      '11h',
      '3d',
    ]);
  });

  it('lists open alert episodes with their re-login', () => {
    const episode: Episode = {
      id: 'login_dead:dead',
      kind: 'login_dead',
      severity: 'critical',
      slot: 'dead',
      title: 'dead: login died',
      body: '',
      action: { type: 'relogin', slot: 'dead' },
      status: 'delivered',
      opened_at: NOW - 2 * MIN,
      updated_at: NOW,
      delivered_at: NOW,
    };
    expect(renderOpenAlerts([episode], NOW, getColours(false))).toBe(
      '\nOpen alerts:\n  dead: login died (since 2m ago) — run: quota-broker relogin dead',
    );
  });
});
