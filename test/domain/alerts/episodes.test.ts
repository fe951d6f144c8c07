/** Open episodes for status/doctor, and the state parser that guards the persisted file. */
import { describe, expect, it } from 'vitest';
import { openEpisodes } from '../../../shared/domain/alerts/episodes';
import { parseAlertState } from '../../../shared/domain/alerts/state';
import { dead, MIN, runSequence, slot, T0 } from './helpers';

describe('openEpisodes', () => {
  it('lists open problems, most severe first, including ones folded into all-inactive', () => {
    const [, d] = runSequence([
      {
        now: T0,
        slots: (n) => ({
          a: slot(n, { extra_usage: { is_enabled: true, used: 5, limit: null, currency: 'USD' } }),
          b: slot(n),
        }),
        delivered: [],
      },
      { now: T0 + MIN, slots: (n) => ({ a: dead(n), b: dead(n) }), delivered: [] },
    ]);
    expect(openEpisodes(d.next).map((e) => [e.id, e.status])).toEqual([
      ['all_inactive', 'delivered'],
      ['login_dead:a', 'silent'],
      ['login_dead:b', 'silent'],
    ]);
  });

  it('leaves out good news', () => {
    const [, d] = runSequence(
      [
        { now: T0, slots: (n) => ({ a: slot(n), b: dead(n) }), delivered: [] },
        { now: T0 + 9 * 60 * MIN, slots: (n) => ({ a: slot(n), b: slot(n) }), delivered: [] },
      ],
      { settings: { quiet_hours: { start: 20 * 60, end: 23 * 60, time_zone: null } } },
    );
    expect(d.held.map((a) => a.id)).toEqual(['capacity_back:b:usable']);
    expect(openEpisodes(d.next)).toEqual([]);
  });
});

describe('parseAlertState', () => {
  it.each([[null], [[]], ['x'], [{ version: 2, episodes: {}, marks: {} }], [{ version: 1, episodes: [] }]])(
    'rejects %j',
    (value) => {
      expect(parseAlertState(value)).toBeNull();
    },
  );

  it('drops a malformed episode and keeps the rest', () => {
    const [d] = runSequence([{ now: T0, slots: (n) => ({ a: slot(n), b: dead(n) }), delivered: [] }]);
    const raw = JSON.parse(JSON.stringify(d.next));
    raw.episodes.bogus = { id: 'bogus', kind: 'nope' };
    raw.marks.bad = 'x';
    expect(parseAlertState(raw)).toEqual(d.next);
  });
});
