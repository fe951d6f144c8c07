import { describe, expect, it } from 'vitest';
import {
  getObservedWindows,
  isNewerWindow,
  mergeObservation,
  type Observation,
  parseObservation,
} from '../../../shared/domain/statusline/observation';

const NOW = Date.parse('2026-02-09T03:00:00Z');
const S = NOW / 1000;
const iso = (sec: number) => new Date(sec * 1000).toISOString();

describe('getObservedWindows', () => {
  it('reads used_percentage and epoch-second resets_at into the cache form', () => {
    const got = getObservedWindows(
      {
        rate_limits: {
          five_hour: { used_percentage: 23.5, resets_at: S + 3600 },
          seven_day: { used_percentage: 41.2, resets_at: S + 86400 },
        },
      },
      NOW,
    );
    expect(got).toEqual({
      five_hour: { utilization: 23.5, resets_at: '2026-02-09T04:00:00.000Z' },
      seven_day: { utilization: 41.2, resets_at: '2026-02-10T03:00:00.000Z' },
    });
  });

  it.each([
    ['no rate_limits', {}, null],
    ['null stdin', null, null],
    ['rate_limits not an object', { rate_limits: 'x' }, null],
    ['garbage percentages', { rate_limits: { five_hour: { used_percentage: 'lots' } } }, null],
    [
      'a window already over is dropped',
      {
        rate_limits: {
          five_hour: { used_percentage: 50, resets_at: S - 1 },
          seven_day: { used_percentage: 9, resets_at: S + 10 },
        },
      },
      { five_hour: null, seven_day: { utilization: 9, resets_at: iso(S + 10) } },
    ],
    [
      'missing resets_at and one window only',
      { rate_limits: { seven_day: { used_percentage: 3 } } },
      { five_hour: null, seven_day: { utilization: 3, resets_at: null } },
    ],
    [
      'milliseconds are not misread as seconds',
      { rate_limits: { five_hour: { used_percentage: 1, resets_at: NOW + 1000 } } },
      { five_hour: { utilization: 1, resets_at: new Date(NOW + 1000).toISOString() }, seven_day: null },
    ],
  ])('%s', (_name, stdin, expected) => {
    expect(getObservedWindows(stdin, NOW)).toEqual(expected);
  });
});

describe('isNewerWindow', () => {
  const w = (utilization: number, sec: number | null) => ({
    utilization,
    resets_at: sec == null ? null : iso(sec),
  });
  it.each([
    ['anything beats nothing', w(1, S + 10), null, true],
    ['nothing is never newer', null, w(1, S), false],
    ['same window, higher utilisation', w(30, S + 100), w(20, S + 100), true],
    ['same window, lower utilisation is an older report', w(10, S + 100), w(20, S + 100), false],
    ['same window, same numbers says nothing new', w(20, S + 100), w(20, S + 100), false],
    ['reset jitter within tolerance is the same window', w(10, S + 160), w(20, S + 100), false],
    ['a later window is newer even at lower utilisation', w(1, S + 5 * 3600), w(90, S + 100), true],
    ['an earlier window is older', w(90, S + 100), w(1, S + 5 * 3600), false],
  ])('%s', (_name, a, b, expected) => {
    expect(isNewerWindow(a, b)).toBe(expected);
  });
});

describe('mergeObservation', () => {
  const input = (five: number, seven: number) => ({
    slot: 'slot-1',
    config_dir: '/c',
    session_id: 's1',
    windows: {
      five_hour: { utilization: five, resets_at: iso(S + 3600) },
      seven_day: { utilization: seven, resets_at: iso(S + 86400) },
    },
  });

  it('records a first observation at now', () => {
    const { observation, changed } = mergeObservation(null, input(10, 20), NOW);
    expect(changed).toBe(true);
    expect(observation).toMatchObject({ version: 1, slot: 'slot-1', observed_at: NOW, session_id: 's1' });
  });

  it('repeating the same numbers keeps the first-seen time (they age honestly)', () => {
    const first = mergeObservation(null, input(10, 20), NOW - 60_000).observation;
    const again = mergeObservation(first, input(10, 20), NOW);
    expect(again).toEqual({ observation: first, changed: false });
  });

  it('an idle session replaying older, lower numbers does not overwrite newer ones', () => {
    const first = mergeObservation(null, input(50, 60), NOW - 60_000).observation;
    expect(mergeObservation(first, input(40, 55), NOW).changed).toBe(false);
  });

  it('newer numbers win per window', () => {
    const first = mergeObservation(null, input(50, 60), NOW - 60_000).observation;
    const { observation, changed } = mergeObservation(first, input(40, 61), NOW);
    expect(changed).toBe(true);
    expect(observation.five_hour?.utilization).toBe(50);
    expect(observation.seven_day?.utilization).toBe(61);
    expect(observation.observed_at).toBe(NOW);
  });

  it('a stored window that has reset is dropped', () => {
    const prev: Observation = {
      version: 1,
      slot: 'slot-1',
      config_dir: '/c',
      observed_at: NOW - 7200_000,
      session_id: 'old',
      five_hour: { utilization: 99, resets_at: iso(S - 60) },
      seven_day: { utilization: 20, resets_at: iso(S + 86400) },
    };
    const only7 = {
      ...input(0, 20),
      windows: { five_hour: null, seven_day: input(0, 20).windows.seven_day },
    };
    const { observation, changed } = mergeObservation(prev, only7, NOW);
    expect(changed).toBe(false);
    expect(observation.five_hour).toBeNull();
  });
});

describe('parseObservation', () => {
  it('round-trips and rejects malformed files', () => {
    const o = mergeObservation(
      null,
      {
        slot: null,
        config_dir: '/c',
        session_id: null,
        windows: { five_hour: null, seven_day: { utilization: 1, resets_at: null } },
      },
      NOW,
    ).observation;
    expect(parseObservation(JSON.stringify(o))).toEqual(o);
    expect(parseObservation('{')).toBeNull();
    expect(parseObservation('{"version":2,"observed_at":1}')).toBeNull();
    expect(parseObservation('{"version":1,"observed_at":1,"five_hour":{"utilization":"x"}}')).toBeNull();
  });
});
