/** Quiet hours hold non-critical alerts until they end, unless the condition cleared meanwhile. */
import { describe, expect, it } from 'vitest';
import type { Step } from './helpers';
import { dead, expectSequence, slot } from './helpers';

const QUIET = { start: 22 * 60, end: 8 * 60, time_zone: null };
const utc = (hhmm: string, day = 8) => Date.parse(`2026-02-${String(day).padStart(2, '0')}T${hhmm}:00Z`);

const oneDead = (n: number) => ({ ok: slot(n), b: dead(n) });
const allDead = (n: number) => ({ a: dead(n), b: dead(n) });
const healthy = (n: number) => ({ ok: slot(n), b: slot(n) });

const scenarios: Record<string, Step[]> = {
  'a warning at night waits for the morning': [
    { now: utc('23:00'), slots: oneDead, delivered: [], held: ['login_dead:b'] },
    { now: utc('03:00', 9), slots: oneDead, delivered: [], held: ['login_dead:b'] },
    { now: utc('08:00', 9), slots: oneDead, delivered: ['login_dead:b'], held: [] },
    { now: utc('08:05', 9), slots: oneDead, delivered: [] },
  ],
  'a critical alert is never held': [{ now: utc('23:30'), slots: allDead, delivered: ['all_inactive'] }],
  'a held alert whose condition cleared is dropped': [
    { now: utc('23:00'), slots: oneDead, delivered: [], held: ['login_dead:b'] },
    // Re-logged in at night: the good news is held too, the bad news is gone.
    { now: utc('01:00', 9), slots: healthy, delivered: [], held: ['capacity_back:b:usable'] },
    { now: utc('08:30', 9), slots: healthy, delivered: ['capacity_back:b:usable'] },
    { now: utc('08:35', 9), slots: healthy, delivered: [] },
  ],
  'a held alert survives a restart': [
    { now: utc('23:00'), slots: oneDead, delivered: [], held: ['login_dead:b'] },
    { now: utc('09:00', 9), slots: oneDead, delivered: ['login_dead:b'], restart: true },
  ],
  'outside quiet hours alerts go out at once': [
    { now: utc('21:59'), slots: oneDead, delivered: ['login_dead:b'] },
  ],
};

describe('alert policy: quiet hours 22:00–08:00', () => {
  it.each(Object.entries(scenarios))('%s', (_name, steps) => {
    expectSequence(expect, steps, { settings: { quiet_hours: QUIET } });
  });

  it('uses the local time zone it is given', () => {
    // 21:30 UTC is 22:30 in Berlin (winter): quiet there, not in UTC.
    const steps: Step[] = [{ now: utc('21:30'), slots: oneDead, delivered: [], held: ['login_dead:b'] }];
    expectSequence(expect, steps, { settings: { quiet_hours: QUIET }, timeZone: 'Europe/Berlin' });
    expectSequence(expect, [{ ...steps[0], delivered: ['login_dead:b'], held: [] }], {
      settings: { quiet_hours: QUIET },
      timeZone: 'UTC',
    });
  });

  it('a zone in the settings wins over the local one', () => {
    expectSequence(expect, [{ now: utc('21:30'), slots: oneDead, delivered: [], held: ['login_dead:b'] }], {
      settings: { quiet_hours: { ...QUIET, time_zone: 'Europe/Berlin' } },
      timeZone: 'UTC',
    });
  });

  it('a daytime range (start before end) works too', () => {
    const q = { start: 12 * 60, end: 13 * 60, time_zone: null };
    expectSequence(expect, [{ now: utc('12:30'), slots: oneDead, delivered: [], held: ['login_dead:b'] }], {
      settings: { quiet_hours: q },
    });
    expectSequence(expect, [{ now: utc('13:00'), slots: oneDead, delivered: ['login_dead:b'] }], {
      settings: { quiet_hours: q },
    });
  });
});

describe('alert policy: alerts disabled', () => {
  it('records episodes but delivers nothing, and does not burst when re-enabled', () => {
    const [d] = expectSequence(expect, [{ now: utc('12:00'), slots: oneDead, delivered: [] }], {
      settings: { enabled: false },
    });
    expect(Object.keys(d.next.episodes)).toEqual(['login_dead:b']);
    expectSequence(expect, [{ now: utc('12:05'), slots: oneDead, delivered: [] }], { state: d.next });
  });
});
