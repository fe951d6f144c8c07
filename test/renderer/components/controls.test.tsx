import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, QuotaState } from '../../../shared/ipc/contract';
import { createFakeApi } from '../fake-api';
import { DAY, HOUR, makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, inRow, renderApp } from '../render-app';

afterEach(cleanup);
freezeDateAt(NOW);

const threeSlots = () =>
  makeState(
    {
      work: makeSlot({ label: 'Work' }),
      personal: makeSlot({ label: 'Personal', enabled: false, health: 'disabled' }),
      side: makeSlot({ label: 'Side', status: 'inactive', health: 'login_dead' }),
    },
    { recommended: 'work' },
  );

describe('App: controls', () => {
  it('refreshes on request and shows a spinner until the host answers', async () => {
    const api = createFakeApi(threeSlots());
    let answer: (result: ApiResult<QuotaState>) => void = () => undefined;
    api.refreshNow = vi.fn(() => new Promise<ApiResult<QuotaState>>((resolve) => (answer = resolve)));
    await renderApp(api);
    const button = screen.getByRole('button', { name: 'Refresh now' });
    expect(button.getAttribute('aria-busy')).toBe('false');

    await act(async () => fireEvent.click(button));
    expect(api.refreshNow).toHaveBeenCalledTimes(1);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.querySelector('.spinner')).not.toBeNull();
    fireEvent.click(button); // ignored while busy
    expect(api.refreshNow).toHaveBeenCalledTimes(1);

    await act(async () => answer({ ok: true, value: { ...threeSlots(), now: NOW + 1 } }));
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(button.querySelector('.spinner')).toBeNull();
  });

  it('shows the spinner while the host says a cycle runs', async () => {
    await renderApp(createFakeApi({ ...threeSlots(), refreshing: true }));
    expect(screen.getByRole('button', { name: 'Refresh now' }).getAttribute('aria-busy')).toBe('true');
  });

  it('says so when a refresh fails', async () => {
    const api = createFakeApi(threeSlots());
    api.refreshNow = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'x', message: 'Broker is busy.' },
    }));
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Refresh now' })));
    expect(screen.getByRole('alert').textContent).toBe('Refresh failed: Broker is busy.');
  });

  it('enables and disables slots through the API; each switch is labelled, green only while polled', async () => {
    const api = createFakeApi(threeSlots());
    await renderApp(api);
    const work = screen.getByRole('switch', { name: 'Enabled: Work' }) as HTMLInputElement;
    const personal = screen.getByRole('switch', { name: 'Enabled: Personal' }) as HTMLInputElement;
    const side = screen.getByRole('switch', { name: 'Enabled: Side' }) as HTMLInputElement;
    expect(work.checked).toBe(true);
    expect(personal.checked).toBe(false);
    // The dead slot is enabled, but nothing polls it: on, not in the green of a working slot.
    expect(side.checked).toBe(true);
    expect(side.closest('label')?.classList.contains('switch--idle')).toBe(true);
    expect(work.closest('label')?.classList.contains('switch--idle')).toBe(false);
    expect(inRow('Work').getByText('Enabled')).toBeTruthy();

    await act(async () => fireEvent.click(work));
    expect(api.setEnabled).toHaveBeenCalledWith('work', false);
    await act(async () => fireEvent.click(personal));
    expect(api.setEnabled).toHaveBeenCalledWith('personal', true);
  });

  it('draws a sparkline from the first reading of the last 7 days', async () => {
    const api = createFakeApi(threeSlots());
    api.history = [
      { t: NOW - 8 * DAY, five_hour: 90, seven_day: 99 }, // outside the window
      { t: NOW - 3 * DAY, five_hour: 10, seven_day: 12 },
      { t: NOW - 2 * DAY, five_hour: 40, seven_day: 60 },
      { t: NOW - HOUR, five_hour: 20, seven_day: 51 },
    ];
    await renderApp(api);
    expect(api.getHistory).toHaveBeenCalledWith('work');
    const chart = inRow('Work').getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Weekly usage over the last 3 days: from 12% to 51%, peak 60%',
    );
    const week = chart.querySelector('.sparkline__week')?.getAttribute('points')?.split(' ') ?? [];
    expect(week).toHaveLength(3);
    // The line starts at the left edge: a short history fills the box instead of hugging one corner.
    expect(week[0].startsWith('0.0,')).toBe(true);
  });

  it('says it is collecting history until there is a line to draw, instead of an empty box', async () => {
    const api = createFakeApi(threeSlots());
    api.history = [
      { t: NOW - 10 * 60_000, five_hour: 10, seven_day: 12 },
      { t: NOW - 5 * 60_000, five_hour: 11, seven_day: 12 },
    ];
    await renderApp(api);
    expect(inRow('Work').getByText('Collecting history (2 readings so far)')).toBeTruthy();
    expect(inRow('Work').queryByRole('img')).toBeNull();
  });

  it('opens the log in a panel: the last lines the host answers, and closes it again', async () => {
    const api = createFakeApi(threeSlots());
    await renderApp(api);
    const open = screen.getByRole('button', { name: 'Open log' });
    await act(async () => fireEvent.click(open));
    expect(api.getLogTail).toHaveBeenCalledTimes(1);
    const panel = screen.getByRole('region', { name: 'Broker log' });
    expect(panel.textContent).toContain('/home/me/.claude/session-health/broker.log');
    expect(screen.getByLabelText('Log lines').textContent).toBe(
      '[2026-02-07 11:59:00.000] [info]  [pid 1] cycle end',
    );
    expect(document.activeElement?.textContent).toBe('Broker log');
    expect(open.getAttribute('aria-expanded')).toBe('true');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close log' })));
    expect(screen.queryByRole('region', { name: 'Broker log' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open log' }));
  });

  it('a log that cannot be read says why in the panel', async () => {
    const api = createFakeApi(threeSlots());
    api.getLogTail = vi.fn(async () => ({ ok: false as const, error: { code: 'x', message: 'EACCES' } }));
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open log' })));
    expect(screen.getByRole('region', { name: 'Broker log' }).textContent).toContain(
      'Reading the log failed: EACCES',
    );
  });

  it('gives every control an accessible name and keeps it in the tab order', async () => {
    const api = createFakeApi(threeSlots());
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Re-login Side' })));
    act(() =>
      api.pushRelogin({
        slot: 'side',
        phase: 'waiting_for_browser',
        url: 'https://claude.ai/x',
        message: null,
      }),
    );
    const controls = ['button', 'switch', 'link'].flatMap((role) => screen.getAllByRole(role));
    const named = ['button', 'switch', 'link'].flatMap((role) => screen.getAllByRole(role, { name: /\S/ }));
    expect(controls.length).toBeGreaterThanOrEqual(7);
    expect(named).toHaveLength(controls.length);
    for (const control of controls) {
      expect(['BUTTON', 'INPUT', 'A']).toContain(control.tagName);
      expect(control.tabIndex).toBeGreaterThanOrEqual(0);
    }
    expect(screen.getAllByRole('meter', { name: /usage/ }).length).toBe(6);
  });
});
