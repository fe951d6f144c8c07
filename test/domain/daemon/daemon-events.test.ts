import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alerts/types';
import {
  type DaemonEvent,
  formatDaemonEvent,
  getCacheSlotStates,
  getSlotStateEvents,
} from '../../../shared/domain/daemon-events';
import type { CacheFile, CacheSlot } from '../../../shared/domain/types';

const AT = new Date(2026, 1, 8, 14, 5, 9).getTime();
const MIN = 60_000;

function slot(over: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'one@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: AT - MIN,
    last_attempt: AT - MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: null,
    seven_day: null,
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: null,
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: '/home/me/.claude-1',
    ...over,
  };
}
const cache = (slots: Record<string, CacheSlot>, ts: number | null = AT): CacheFile => ({
  version: 1,
  ts,
  writer: null,
  all_inactive: false,
  recommended: null,
  slots,
});
const states = (slots: Record<string, CacheSlot>) => getCacheSlotStates(cache(slots), AT);
const text = (events: DaemonEvent[]) => events.map((e) => formatDaemonEvent(e, 'text'));

const dead = slot({ status: 'inactive', health: 'login_dead' });
const limited = slot({ health: 'rate_limited', next_attempt_at: AT + 4 * MIN + 30_000 });

describe('the daemon’s slot-state lines', () => {
  it('the first look reports every slot once, with what to do', () => {
    expect(text(getSlotStateEvents(null, states({ 'slot-1': slot(), 'slot-2': dead }), AT))).toEqual([
      '14:05:09 slot-1: ok',
      '14:05:09 slot-2: login dead — run: quota-broker relogin slot-2',
    ]);
  });

  it.each([
    ['a login dies', slot(), dead, 'slot-2: ok → login dead — run: quota-broker relogin slot-2'],
    ['a 429 back-off starts', slot(), limited, 'slot-2: ok → rate-limited — next try in 4m'],
    ['the network goes', slot(), slot({ health: 'offline' }), 'slot-2: ok → offline'],
    ['the numbers age', slot(), slot({ last_fetched: AT - 11 * MIN }), 'slot-2: ok → stale'],
    ['the login is back', dead, slot(), 'slot-2: login dead → ok'],
    ['the person disables it', slot(), slot({ enabled: false, health: 'disabled' }), 'slot-2: ok → disabled'],
    [
      'nothing is stored',
      slot(),
      slot({ status: 'inactive', health: 'no_credentials' }),
      'slot-2: ok → not logged in — run: quota-broker relogin slot-2',
    ],
  ])('%s: one line', (_name, before, after, line) => {
    const events = getSlotStateEvents(
      states({ 'slot-1': slot(), 'slot-2': before }),
      states({ 'slot-1': slot(), 'slot-2': after }),
      AT,
    );
    expect(text(events)).toEqual([`14:05:09 ${line}`]);
  });

  it('no change, no line; a slot added later is reported once', () => {
    const before = states({ 'slot-1': slot() });
    expect(getSlotStateEvents(before, states({ 'slot-1': slot() }), AT)).toEqual([]);
    expect(text(getSlotStateEvents(before, states({ 'slot-1': slot(), new: limited }), AT))).toEqual([
      '14:05:09 new: rate-limited — next try in 4m',
    ]);
  });

  it('a cache is judged at its write time: numbers that aged since are not a change', () => {
    const old = cache({ 'slot-1': slot({ last_fetched: AT - 2 * MIN }) }, AT - MIN);
    expect(getCacheSlotStates(old, AT + 60 * MIN)['slot-1'].condition).toBe('ok');
  });
});

describe('formatDaemonEvent', () => {
  const alert: Alert = {
    id: 'login_dead:slot-2',
    kind: 'login_dead',
    severity: 'warning',
    slot: 'slot-2',
    title: 'slot-2: login died',
    body: 'The login for slot-2 (two@example.com) died.\nRun: quota-broker relogin slot-2',
    action: { type: 'relogin', slot: 'slot-2' },
    at: AT,
  };

  it('an alert: the log’s ALERT line, on one line', () => {
    expect(formatDaemonEvent({ type: 'alert', at: AT, alert }, 'text')).toBe(
      '14:05:09 ALERT [warning] slot-2: login died — The login for slot-2 (two@example.com) died. Run: quota-broker relogin slot-2',
    );
  });

  it('JSON lines: one object per event, the same facts', () => {
    const change: DaemonEvent = {
      type: 'slot_state',
      at: AT,
      slot: 'slot-2',
      from: 'ok',
      to: 'login_dead',
      action: { kind: 'relogin', command: 'quota-broker relogin slot-2' },
    };
    expect(JSON.parse(formatDaemonEvent(change, 'json'))).toEqual({
      event: 'slot_state',
      at: AT,
      slot: 'slot-2',
      from: 'ok',
      to: 'login_dead',
      action: { kind: 'relogin', command: 'quota-broker relogin slot-2' },
    });
    const line = formatDaemonEvent({ type: 'alert', at: AT, alert }, 'json');
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ event: 'alert', ...alert });
  });

  it('redacts a token that reached a body, as a last guard', () => {
    const leaked = { ...alert, body: 'token sk-ant-oat01-test-leak in a message' };
    expect(formatDaemonEvent({ type: 'alert', at: AT, alert: leaked }, 'text')).not.toContain(
      'sk-ant-oat01-test-leak',
    );
  });
});
