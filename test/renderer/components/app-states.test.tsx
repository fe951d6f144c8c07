import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../fake-api';
import { DAY, HOUR, iso, MIN, makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, getSlotRow, inRow, renderApp } from '../render-app';

afterEach(cleanup);
freezeDateAt(NOW);

describe('App: whole-page states', () => {
  it('shows a loading status until the host answers', async () => {
    await renderApp(createFakeApi('pending'));
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Loading quota…');
    expect(screen.queryByRole('list', { name: 'Slots' })).toBeNull();
  });

  it('explains a failed first load and retries on request', async () => {
    const api = createFakeApi({ ok: false, error: { code: 'network', message: 'Cannot reach the server.' } });
    await renderApp(api);
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server.');
    api.initial = { ok: true, value: makeState({ work: makeSlot({ label: 'Work' }) }) };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(api.getState).toHaveBeenCalledTimes(2);
    expect(getSlotRow('Work')).toBeTruthy();
  });

  it('tells how to add a slot when there are none', async () => {
    await renderApp(createFakeApi(makeState({})));
    expect(screen.getByRole('heading', { name: 'No slots yet' })).toBeTruthy();
    expect(screen.getByText('quota-broker slots add <id> <config_dir>')).toBeTruthy();
  });

  it('shows each slot with its numbers, resets, source, extra usage and login expiry', async () => {
    const api = createFakeApi(
      makeState({
        work: makeSlot({
          label: 'Work',
          email: 'me@work.example',
          weekly_by_model: [{ model: 'Opus', utilization: 12.4, resets_at: iso(NOW + 3 * DAY) }],
          extra_usage: { is_enabled: true, used: 1234, limit: 5000, currency: 'USD' },
        }),
        personal: makeSlot({
          label: 'Personal',
          source: 'statusline',
          last_fetched: NOW - 20_000,
          five_hour: { utilization: 84.6, resets_at: iso(NOW + 47 * MIN) },
        }),
        'slot-3': makeSlot({ email: 'third@example.com', seven_day: { utilization: 9, resets_at: null } }),
      }),
    );
    await renderApp(api);
    expect(screen.getAllByRole('listitem')).toHaveLength(3);

    const work = inRow('Work');
    expect(work.getByText('me@work.example')).toBeTruthy();
    expect(work.getByRole('meter', { name: '5-hour usage' }).getAttribute('value')).toBe('37');
    expect(work.getByRole('meter', { name: 'Weekly usage' }).getAttribute('value')).toBe('51');
    expect(work.getByRole('meter', { name: 'Opus weekly usage' }).getAttribute('value')).toBe('12.4');
    expect(work.getByText('resets in 2h 13m')).toBeTruthy();
    expect(work.getByText('resets in 3d 4h')).toBeTruthy();
    expect(work.getByText('from endpoint 3 m ago')).toBeTruthy();
    expect(work.getByText('$12.34 of $50.00')).toBeTruthy();
    expect(work.getByText(/^in 20d/)).toBeTruthy();
    expect(work.getByText('Healthy')).toBeTruthy();

    const personal = inRow('Personal');
    expect(personal.getByText('85%')).toBeTruthy();
    expect(personal.getByText('resets in 47m')).toBeTruthy();
    expect(personal.getByText('from your Claude session 20 s ago')).toBeTruthy();

    // Without a label the email is the name and the id the subtitle.
    expect(inRow('third@example.com').getByText('slot-3')).toBeTruthy();
  });

  it('marks the recommended slot, and only that one', async () => {
    const slots = { a: makeSlot({ label: 'A' }), b: makeSlot({ label: 'B' }) };
    await renderApp(createFakeApi(makeState(slots, { recommended: 'b' })));
    expect(inRow('B').getByText('★ Recommended')).toBeTruthy();
    expect(inRow('A').queryByText('★ Recommended')).toBeNull();
  });

  it('raises an alert when all slots are inactive', async () => {
    const dead = makeSlot({ label: 'Only', status: 'inactive', health: 'login_dead' });
    await renderApp(createFakeApi(makeState({ only: dead }, { all_inactive: true })));
    expect(screen.getByRole('alert').textContent).toContain('All slots are inactive.');
  });

  it('shows no all-inactive alert while one slot works', async () => {
    await renderApp(createFakeApi(makeState({ a: makeSlot({ label: 'A' }) })));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names a registry problem, a missing broker and an old cache', async () => {
    const state = makeState(
      { a: makeSlot({ label: 'A' }) },
      { ts: NOW - 2 * HOUR },
      { registry_error: 'Line 4, column 3: bad indentation.', broker: { role: 'none', pid: null } },
    );
    await renderApp(createFakeApi(state));
    expect(screen.getByRole('alert').textContent).toContain('Line 4, column 3: bad indentation.');
    expect(screen.getByText(/No broker is running/).parentElement?.textContent).toContain(
      'run: quota-broker service install (or keep quota-broker daemon running)',
    );
    expect(screen.getByText(/The cache is 2h old/)).toBeTruthy();
  });
});
