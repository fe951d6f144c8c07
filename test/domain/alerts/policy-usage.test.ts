/** Utilisation thresholds fire on the way up only; capacity back after a window at its top threshold resets. */
import { describe, expect, it } from 'vitest';
import type { CacheSlot } from '../../../shared/domain/types';
import type { Step } from './helpers';
import { DAY, expectSequence, HOUR, iso, MIN, slot, T0 } from './helpers';

const RESET_1 = T0 + 3 * HOUR;
const RESET_2 = T0 + 8 * HOUR;

/** Slot `a` with its 5-hour window at `u` %, resetting at `resetsAt`. */
const at =
  (u: number, resetsAt = RESET_1, patch: Partial<CacheSlot> = {}) =>
  (n: number) => ({ a: slot(n, { five_hour: { utilization: u, resets_at: iso(resetsAt) }, ...patch }) });

const scenarios: Record<string, Step[]> = {
  'each threshold fires once on the way up': [
    { now: T0, slots: at(50), delivered: [] },
    { now: T0 + 5 * MIN, slots: at(81), delivered: ['usage:a:five_hour:80'] },
    { now: T0 + 10 * MIN, slots: at(90), delivered: [] },
    { now: T0 + 15 * MIN, slots: at(95), delivered: ['usage:a:five_hour:95'] },
    { now: T0 + 20 * MIN, slots: at(99), delivered: [] },
  ],
  'a jump past both thresholds delivers only the higher one': [
    { now: T0, slots: at(50), delivered: [] },
    { now: T0 + 5 * MIN, slots: at(97), delivered: ['usage:a:five_hour:95'] },
    { now: T0 + 10 * MIN, slots: at(98), delivered: [] },
  ],
  'falling back through a threshold never fires the lower one': [
    { now: T0, slots: at(97), delivered: ['usage:a:five_hour:95'] },
    { now: T0 + 5 * MIN, slots: at(94), delivered: [] }, // within rounding of 95: still the same episode
    { now: T0 + 10 * MIN, slots: at(85), delivered: ['capacity_back:a:five_hour'] },
    { now: T0 + 15 * MIN, slots: at(81), delivered: [] },
  ],
  'a reset ends the episodes; the next window fires again': [
    { now: T0, slots: at(96), delivered: ['usage:a:five_hour:95'] },
    // The reset time passed: capacity is back even before a fresh fetch.
    { now: RESET_1 + MIN, slots: at(96), delivered: ['capacity_back:a:five_hour'] },
    { now: RESET_1 + 5 * MIN, slots: at(3, RESET_2), delivered: [] },
    { now: RESET_1 + HOUR, slots: at(82, RESET_2), delivered: ['usage:a:five_hour:80'] },
    { now: RESET_1 + 2 * HOUR, slots: at(95, RESET_2), delivered: ['usage:a:five_hour:95'] },
    { now: RESET_2 + MIN, slots: at(0, RESET_2 + 5 * HOUR), delivered: ['capacity_back:a:five_hour'] },
    { now: RESET_2 + 2 * MIN, slots: at(0, RESET_2 + 5 * HOUR), delivered: [] },
  ],
  'capacity back needs the top threshold to have been reached': [
    { now: T0, slots: at(85), delivered: ['usage:a:five_hour:80'] },
    { now: RESET_1 + MIN, slots: at(2, RESET_2), delivered: [] },
  ],
  'the weekly window has its own episodes': [
    {
      now: T0,
      slots: (n) => ({ a: slot(n, { seven_day: { utilization: 96, resets_at: iso(n + DAY) } }) }),
      delivered: ['usage:a:seven_day:95'],
    },
    {
      now: T0 + 5 * MIN,
      slots: (n) => ({
        a: slot(n, {
          five_hour: { utilization: 81, resets_at: iso(RESET_1) },
          seven_day: { utilization: 96, resets_at: iso(T0 + DAY) },
        }),
      }),
      delivered: ['usage:a:five_hour:80'],
    },
  ],
  'an inactive slot keeps its usage episodes without firing': [
    { now: T0, slots: at(85), delivered: ['usage:a:five_hour:80'] },
    {
      now: T0 + 5 * MIN,
      slots: at(85, RESET_1, { status: 'inactive', health: 'login_dead' }),
      delivered: ['all_inactive'],
    },
    { now: T0 + 10 * MIN, slots: at(86), delivered: ['capacity_back:a:usable'] },
  ],
};

describe('alert policy: utilisation thresholds', () => {
  it.each(Object.entries(scenarios))('%s', (_name, steps) => {
    expectSequence(expect, steps);
  });

  it('thresholds are configurable per window', () => {
    expectSequence(
      expect,
      [
        { now: T0, slots: at(55), delivered: ['usage:a:five_hour:50'] },
        {
          now: T0 + MIN,
          slots: (n) => ({
            a: slot(n, {
              five_hour: { utilization: 56, resets_at: iso(RESET_1) },
              seven_day: { utilization: 99, resets_at: null },
            }),
          }),
          delivered: [], // seven_day: [] turns the weekly alerts off
        },
      ],
      { settings: { thresholds: { five_hour: [50], seven_day: [] } } },
    );
  });

  it('several slots crossing at once each get their alert', () => {
    const both = (n: number) => ({
      a: slot(n, { five_hour: { utilization: 88, resets_at: iso(RESET_1) } }),
      b: slot(n, { five_hour: { utilization: 97, resets_at: iso(RESET_1) } }),
      c: slot(n),
    });
    const [d] = expectSequence(expect, [
      { now: T0, slots: both, delivered: ['usage:b:five_hour:95', 'usage:a:five_hour:80'] },
      { now: T0 + MIN, slots: both, delivered: [] },
    ]);
    expect(d.alerts[0].severity).toBe('warning');
    expect(d.alerts[1].severity).toBe('info');
  });
});
