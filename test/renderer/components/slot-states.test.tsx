import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../fake-api';
import { HOUR, MIN, makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, getSlotRow, inRow, renderApp } from '../render-app';

afterEach(cleanup);
freezeDateAt(NOW);

const SIGN_IN_URL = 'https://claude.ai/oauth/authorize?code=true&state=abc';

describe('SlotRow: per-slot states', () => {
  it('shows a rate-limited slot with its next try', async () => {
    const slot = makeSlot({
      label: 'Client',
      health: 'rate_limited',
      next_attempt_at: NOW + 4 * MIN + 30_000,
      last_error: { kind: 'rate_limited', message: 'Usage endpoint answered 429.', at: NOW - MIN },
    });
    await renderApp(createFakeApi(makeState({ client: slot })));
    const row = inRow('Client');
    expect(row.getByText('Rate-limited')).toBeTruthy();
    expect(row.getByText('Next try').nextElementSibling?.textContent).toMatch(/^\d\d:\d\d \(in 4m\)$/);
    expect(row.getByText(/Anthropic asked us to slow down/)).toBeTruthy();
    expect(row.getByText(/Usage endpoint answered 429/)).toBeTruthy();
  });

  it('dims a stale slot and says how old its numbers are', async () => {
    const slot = makeSlot({ label: 'Old', health: 'offline', last_fetched: NOW - 11 * HOUR - 5 * MIN });
    await renderApp(createFakeApi(makeState({ old: slot, fresh: makeSlot({ label: 'Fresh' }) })));
    expect(getSlotRow('Old').classList.contains('slot--stale')).toBe(true);
    expect(inRow('Old').getByText('Stale')).toBeTruthy();
    expect(inRow('Old').getByText('11h old')).toBeTruthy();
    expect(inRow('Old').getByText('from endpoint 11 h ago')).toBeTruthy();
    expect(getSlotRow('Fresh').classList.contains('slot--stale')).toBe(false);
    expect(inRow('Fresh').queryByText('Stale')).toBeNull();
  });

  it('calls a slot stale when its data passed the threshold even if the health says ok', async () => {
    const slot = makeSlot({ label: 'Quiet', last_fetched: NOW - 15 * MIN });
    await renderApp(createFakeApi(makeState({ quiet: slot }, { stale_threshold_s: 600 })));
    expect(getSlotRow('Quiet').classList.contains('slot--stale')).toBe(true);
    expect(inRow('Quiet').getByText('15m old')).toBeTruthy();
  });

  it('names a dead login in words and offers Re-login', async () => {
    const slot = makeSlot({
      label: 'Side',
      status: 'inactive',
      health: 'login_dead',
      last_error: { kind: 'login_dead', message: 'invalid_grant', at: NOW - 2 * HOUR },
    });
    await renderApp(createFakeApi(makeState({ side: slot })));
    const row = inRow('Side');
    expect(row.getByText('Login dead')).toBeTruthy();
    expect(row.getByText('Inactive')).toBeTruthy();
    expect(row.getByText(/The login has ended/)).toBeTruthy();
    expect(row.getByRole('button', { name: 'Re-login Side' })).toBeTruthy();
  });

  it('offers Re-login for an inactive slot whatever its health (as the tray does)', async () => {
    const slot = makeSlot({ label: 'Client', status: 'inactive', health: 'offline' });
    await renderApp(createFakeApi(makeState({ client: slot, work: makeSlot({ label: 'Work' }) })));
    expect(inRow('Client').getByRole('button', { name: 'Re-login Client' })).toBeTruthy();
    expect(inRow('Work').queryByRole('button', { name: 'Re-login Work' })).toBeNull();
  });

  it('runs a re-login: progress, sign-in link, Cancel', async () => {
    const api = createFakeApi(
      makeState({ side: makeSlot({ label: 'Side', status: 'inactive', health: 'login_dead' }) }),
    );
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Re-login Side' })));
    expect(api.relogin).toHaveBeenCalledWith('side');
    expect(screen.getByRole('region', { name: 'Re-login Side' }).textContent).toContain(
      'Starting the sign-in',
    );

    act(() =>
      api.pushRelogin({ slot: 'side', phase: 'waiting_for_browser', url: SIGN_IN_URL, message: null }),
    );
    expect(screen.getByText(/Waiting for you to sign in/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the sign-in page' }).getAttribute('href')).toBe(
      SIGN_IN_URL,
    );

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel re-login of Side' })));
    expect(api.cancelRelogin).toHaveBeenCalledWith('side');
    expect(screen.queryByRole('region', { name: 'Re-login Side' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Re-login Side' })).toBeTruthy();
  });

  it('brings the slot back to active from pushed state, without a reload', async () => {
    const dead = makeSlot({ label: 'Side', status: 'inactive', health: 'login_dead' });
    const api = createFakeApi(makeState({ side: dead }, { all_inactive: true }));
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Re-login Side' })));
    act(() => api.pushRelogin({ slot: 'side', phase: 'verifying', url: SIGN_IN_URL, message: null }));
    act(() => api.pushRelogin({ slot: 'side', phase: 'done', url: null, message: null }));
    expect(screen.getByText(/Signed in/)).toBeTruthy();

    act(() => api.pushState(makeState({ side: makeSlot({ label: 'Side' }) }, {}, { now: NOW + 1 })));
    const row = inRow('Side');
    expect(row.getByText('Healthy')).toBeTruthy();
    expect(row.getByText('Active')).toBeTruthy();
    expect(row.queryByRole('button', { name: 'Re-login Side' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Re-login Side' })).toBeNull();
    expect(screen.queryByText('All slots are inactive.')).toBeNull();
    expect(api.getState).toHaveBeenCalledTimes(1);
  });

  it('shows why a re-login failed and lets the person try again', async () => {
    const api = createFakeApi(
      makeState({ side: makeSlot({ label: 'Side', status: 'inactive', health: 'login_dead' }) }),
    );
    api.relogin = async () => ({
      ok: false,
      error: { code: 'busy', message: 'A re-login is already running.' },
    });
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Re-login Side' })));
    expect(screen.getByRole('region', { name: 'Re-login Side' }).textContent).toContain(
      'A re-login is already running.',
    );
    expect(screen.getByRole('button', { name: 'Try again to re-login Side' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: re-login Side' }));
    expect(screen.queryByRole('region', { name: 'Re-login Side' })).toBeNull();
  });

  it('shows a non-https sign-in URL as no link at all', async () => {
    const api = createFakeApi(
      makeState({ side: makeSlot({ label: 'Side', status: 'inactive', health: 'login_dead' }) }),
    );
    await renderApp(api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Re-login Side' })));
    act(() =>
      api.pushRelogin({
        slot: 'side',
        phase: 'waiting_for_browser',
        url: 'javascript:alert(1)',
        message: null,
      }),
    );
    expect(screen.queryByRole('link')).toBeNull();
  });
});
