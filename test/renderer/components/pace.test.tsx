/** The pace line under each bar (docs/statusline.md "Pace"), from the history the popover fetches. */
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getPaceLines } from '../../../renderer/format/pace';
import { createFakeApi } from '../fake-api';
import { DAY, HOUR, iso, MIN, makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, inRow, renderApp } from '../render-app';

afterEach(cleanup);
freezeDateAt(NOW);

/** `HH:MM` in the process's local time, as the popover shows it. */
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

describe('pace under the bars', () => {
  it('says when a window runs out, and what the other is on pace for', async () => {
    const work = makeSlot({
      label: 'Work',
      last_fetched: NOW,
      five_hour: { utilization: 70, resets_at: iso(NOW + 2 * HOUR) },
      seven_day: { utilization: 51, resets_at: iso(NOW + 3 * DAY) },
    });
    const api = createFakeApi(makeState({ work }));
    api.history = [
      { t: NOW - 12 * HOUR, five_hour: null, seven_day: 45 },
      { t: NOW - 6 * HOUR, five_hour: null, seven_day: 48 },
      { t: NOW - 60 * MIN, five_hour: 10, seven_day: null },
      { t: NOW - 30 * MIN, five_hour: 40, seven_day: null },
    ];
    await renderApp(api);
    const row = inRow('Work');
    // 10 → 70 % in an hour: 100 % half an hour from now, before the reset in two hours.
    const five = row.getByText(`Runs out ~${clock(NOW + 30 * MIN)}, resets ${clock(NOW + 2 * HOUR)}`);
    expect(five.className).toContain('usage__pace--bad');
    // The meter reads its pace with it.
    const meter = row.getByRole('meter', { name: '5-hour usage' });
    expect(meter.getAttribute('aria-describedby')).toBe(five.id);
    // Weekly: 45 → 51 % in 12 hours is 0.5 points/hour: 51 + 0.5 × 72 h = 87 % at the reset.
    expect(row.getByText('On pace for 87% at reset').className).toContain('usage__pace--warn');
  });

  it('says it is collecting history while there are too few readings', async () => {
    const api = createFakeApi(makeState({ side: makeSlot({ label: 'Side' }) }));
    api.history = [];
    await renderApp(api);
    expect(inRow('Side').getAllByText('Pace: collecting history (1 of 3 readings)')).toHaveLength(2);
  });
});

describe('getPaceLines', () => {
  it('is on pace below 100 %: a quiet line, a warning from 80 %', () => {
    const slot = makeSlot({ last_fetched: NOW, five_hour: { utilization: 30, resets_at: iso(NOW + HOUR) } });
    const history = [
      { t: NOW - 2 * HOUR, five_hour: 10, seven_day: null },
      { t: NOW - HOUR, five_hour: 20, seven_day: null },
    ];
    expect(getPaceLines(slot, history, NOW).five_hour).toEqual({
      text: 'On pace for 40% at reset',
      tone: 'muted',
    });
    const busy = { ...slot, five_hour: { utilization: 75, resets_at: iso(NOW + HOUR) } };
    const climbing = [
      { t: NOW - 2 * HOUR, five_hour: 65, seven_day: null },
      { t: NOW - HOUR, five_hour: 70, seven_day: null },
    ];
    expect(getPaceLines(busy, climbing, NOW).five_hour).toEqual({
      text: 'On pace for 80% at reset',
      tone: 'warn',
    });
  });

  it('shows nothing before the history has loaded, or for a window whose reset has passed', () => {
    const slot = makeSlot({ five_hour: { utilization: 30, resets_at: iso(NOW - MIN) } });
    expect(getPaceLines(slot, null, NOW)).toEqual({ five_hour: null, seven_day: null });
    expect(getPaceLines(slot, [], NOW).five_hour).toBeNull();
  });
});
