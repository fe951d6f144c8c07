/** Every condition fires once per episode, clears, and fires again on a new episode. */
import { describe, expect, it } from 'vitest';
import type { Step } from './helpers';
import { DAY, dead, expectSequence, HOUR, iso, MIN, slot, T0 } from './helpers';

const offline = (now: number, fetchedAgo: number) =>
  slot(now, {
    health: 'offline',
    last_fetched: now - fetchedAgo,
    last_error: { kind: 'offline', message: 'Network unreachable.', at: now },
  });

const scenarios: Record<string, Step[]> = {
  'all slots inactive (critical), per-slot deaths folded into it': [
    { now: T0, slots: (n) => ({ 'slot-1': dead(n), 'slot-2': dead(n) }), delivered: ['all_inactive'] },
    { now: T0 + 5 * MIN, slots: (n) => ({ 'slot-1': dead(n), 'slot-2': dead(n) }), delivered: [] },
    {
      now: T0 + 10 * MIN,
      slots: (n) => ({ 'slot-1': slot(n), 'slot-2': dead(n) }),
      delivered: ['capacity_back:slot-1:usable'],
    },
    {
      now: T0 + 15 * MIN,
      slots: (n) => ({ 'slot-1': dead(n), 'slot-2': dead(n) }),
      delivered: ['all_inactive'],
    },
  ],
  "a slot's login died": [
    { now: T0, slots: (n) => ({ 'slot-1': slot(n), 'slot-2': dead(n) }), delivered: ['login_dead:slot-2'] },
    { now: T0 + 5 * MIN, slots: (n) => ({ 'slot-1': slot(n), 'slot-2': dead(n) }), delivered: [] },
    {
      now: T0 + 10 * MIN,
      slots: (n) => ({ 'slot-1': slot(n), 'slot-2': slot(n) }),
      delivered: ['capacity_back:slot-2:usable'],
    },
    { now: T0 + 15 * MIN, slots: (n) => ({ 'slot-1': slot(n), 'slot-2': slot(n) }), delivered: [] },
    {
      now: T0 + 20 * MIN,
      slots: (n) => ({ 'slot-1': slot(n), 'slot-2': dead(n) }),
      delivered: ['login_dead:slot-2'],
    },
  ],
  'login expires within 3 days': [
    { now: T0, slots: (n) => ({ a: slot(n, { login_expires_at: T0 + 5 * DAY }) }), delivered: [] },
    {
      now: T0 + 2 * DAY + HOUR,
      slots: (n) => ({ a: slot(n, { login_expires_at: T0 + 5 * DAY }) }),
      delivered: ['login_expiring:a'],
    },
    { now: T0 + 3 * DAY, slots: (n) => ({ a: slot(n, { login_expires_at: T0 + 5 * DAY }) }), delivered: [] },
    { now: T0 + 4 * DAY, slots: (n) => ({ a: slot(n, { login_expires_at: T0 + 30 * DAY }) }), delivered: [] },
    {
      now: T0 + 28 * DAY,
      slots: (n) => ({ a: slot(n, { login_expires_at: T0 + 30 * DAY }) }),
      delivered: ['login_expiring:a'],
    },
  ],
  'no re-login for 14 days where no expiry is known': [
    { now: T0 + 13 * DAY, slots: (n) => ({ a: slot(n, { login_seen_at: T0 }) }), delivered: [] },
    {
      now: T0 + 14 * DAY,
      slots: (n) => ({ a: slot(n, { login_seen_at: T0 }) }),
      delivered: ['relogin_reminder:a'],
    },
    { now: T0 + 15 * DAY, slots: (n) => ({ a: slot(n, { login_seen_at: T0 }) }), delivered: [] },
    { now: T0 + 16 * DAY, slots: (n) => ({ a: slot(n, { login_seen_at: T0 + 16 * DAY }) }), delivered: [] },
    {
      now: T0 + 30 * DAY,
      slots: (n) => ({ a: slot(n, { login_seen_at: T0 + 16 * DAY }) }),
      delivered: ['relogin_reminder:a'],
    },
  ],
  'a known expiry replaces the 14-day reminder': [
    {
      now: T0 + 20 * DAY,
      slots: (n) => ({ a: slot(n, { login_seen_at: T0, login_expires_at: T0 + 60 * DAY }) }),
      delivered: [],
    },
  ],
  'several logins die at once while another slot lives': [
    {
      now: T0,
      slots: (n) => ({ a: dead(n), b: dead(n, { health: 'no_credentials' }), c: slot(n) }),
      delivered: ['login_dead:a', 'login_dead:b'],
    },
    {
      now: T0 + 5 * MIN,
      slots: (n) => ({ a: dead(n), b: slot(n), c: slot(n) }),
      delivered: ['capacity_back:b:usable'],
    },
    {
      now: T0 + 10 * MIN,
      slots: (n) => ({ a: dead(n), b: slot(n), c: dead(n) }),
      delivered: ['login_dead:c'],
    },
  ],
  'data stale while the broker runs and cannot refresh': [
    { now: T0, slots: (n) => ({ a: offline(n, 9 * MIN) }), delivered: [] },
    { now: T0 + 5 * MIN, slots: (n) => ({ a: offline(n, 14 * MIN) }), delivered: ['stale:a'] },
    { now: T0 + 10 * MIN, slots: (n) => ({ a: offline(n, 19 * MIN) }), delivered: [] },
    // No broker: whether it could refresh is unknown; the episode stays open, nothing repeats.
    { now: T0 + 15 * MIN, slots: (n) => ({ a: offline(n, 24 * MIN) }), brokerRunning: false, delivered: [] },
    { now: T0 + 20 * MIN, slots: (n) => ({ a: offline(n, 29 * MIN) }), delivered: [] },
    { now: T0 + 25 * MIN, slots: (n) => ({ a: slot(n) }), delivered: [] },
    { now: T0 + 40 * MIN, slots: (n) => ({ a: offline(n, 15 * MIN) }), delivered: ['stale:a'] },
  ],
  'stale data without a running broker never opens an episode': [
    { now: T0, slots: (n) => ({ a: offline(n, 2 * HOUR) }), brokerRunning: false, delivered: [] },
    {
      now: T0 + MIN,
      slots: (n) => ({ a: offline(n, 2 * HOUR) }),
      brokerRunning: true,
      delivered: ['stale:a'],
    },
  ],
  'extra (paid) usage started': [
    {
      now: T0,
      slots: (n) => ({
        a: slot(n, { extra_usage: { is_enabled: true, used: 0, limit: 5000, currency: 'USD' } }),
      }),
      delivered: [],
    },
    {
      now: T0 + MIN,
      slots: (n) => ({
        a: slot(n, { extra_usage: { is_enabled: true, used: 120, limit: 5000, currency: 'USD' } }),
      }),
      delivered: ['extra_usage:a'],
    },
    {
      now: T0 + 2 * MIN,
      slots: (n) => ({
        a: slot(n, { extra_usage: { is_enabled: true, used: 900, limit: 5000, currency: 'USD' } }),
      }),
      delivered: [],
    },
    {
      now: T0 + 3 * MIN,
      slots: (n) => ({
        a: slot(n, { extra_usage: { is_enabled: true, used: 0, limit: 5000, currency: 'USD' } }),
      }),
      delivered: [],
    },
    {
      now: T0 + 4 * MIN,
      slots: (n) => ({
        a: slot(n, { extra_usage: { is_enabled: true, used: 10, limit: 5000, currency: 'USD' } }),
      }),
      delivered: ['extra_usage:a'],
    },
  ],
};

describe('alert policy: one alert per episode', () => {
  it.each(Object.entries(scenarios))('%s', (_name, steps) => {
    expectSequence(expect, steps);
  });

  it('the same sequence gives the same alerts across a restart in the middle', () => {
    for (const steps of Object.values(scenarios)) {
      const withRestarts = steps.map((s, i) => ({ ...s, restart: i % 2 === 1 }));
      expectSequence(expect, withRestarts);
    }
  });
});

describe('alert content', () => {
  it('a dead login names the slot and email and carries a re-login action', () => {
    const [d] = expectSequence(expect, [
      {
        now: T0,
        slots: (n) => ({ ok: slot(n), 'slot-2': dead(n, { email: 'work@example.com' }) }),
        delivered: ['login_dead:slot-2'],
      },
    ]);
    const a = d.alerts[0];
    expect(a).toMatchObject({
      kind: 'login_dead',
      slot: 'slot-2',
      action: { type: 'relogin', slot: 'slot-2' },
      at: T0,
    });
    expect(a.body).toContain('work@example.com');
    expect(a.body).toContain('Run: quota-broker relogin slot-2');
  });

  it('the all-inactive alert names every slot and how to re-login each', () => {
    const [d] = expectSequence(expect, [
      {
        now: T0,
        slots: (n) => ({
          'slot-1': dead(n, { email: 'a@x.io' }),
          'slot-2': dead(n, { email: 'b@x.io', health: 'no_credentials' }),
        }),
        delivered: ['all_inactive'],
      },
    ]);
    const a = d.alerts[0];
    expect(a.severity).toBe('critical');
    for (const s of [
      'slot-1 (a@x.io)',
      'slot-2 (b@x.io)',
      'quota-broker relogin slot-1',
      'quota-broker relogin slot-2',
    ]) {
      expect(a.body).toContain(s);
    }
    // The per-slot deaths are open episodes, not extra notifications.
    expect(Object.keys(d.next.episodes).sort()).toEqual([
      'all_inactive',
      'login_dead:slot-1',
      'login_dead:slot-2',
    ]);
  });

  it('never puts a token into an alert', () => {
    const leak = 'refresh failed for sk-ant-ort01-abcdefghijklmnop';
    const [d] = expectSequence(expect, [
      {
        now: T0,
        slots: (n) => ({
          ok: slot(n),
          b: dead(n, { last_error: { kind: 'login_dead', message: leak, at: n } }),
        }),
        delivered: ['login_dead:b'],
      },
    ]);
    expect(JSON.stringify(d)).not.toContain('abcdefghijklmnop');
  });

  it('usage alerts point at the reset time and the recommended slot', () => {
    const [d] = expectSequence(expect, [
      {
        now: T0,
        slots: (n) => ({
          a: slot(n, { five_hour: { utilization: 83, resets_at: iso(n + 2 * HOUR + 10 * MIN) } }),
          b: slot(n),
        }),
        delivered: ['usage:a:five_hour:80'],
      },
    ]);
    expect(d.alerts[0].title).toBe('a: 5-hour window at 83%');
    expect(d.alerts[0].body).toContain('Resets in 2 h 10 min.');
    expect(d.alerts[0].body).toContain('Recommended slot: b (someone@example.com).');
  });
});
