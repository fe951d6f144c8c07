import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../fake-api';
import { HOUR, iso, MIN, makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, getSlotRow, inRow, renderApp } from '../render-app';

afterEach(cleanup);
freezeDateAt(NOW);

const SIGN_IN_URL = 'https://claude.ai/oauth/authorize?code=true&state=abc';

describe('SlotRow: per-slot states', () => {
  it('a 429 is an amber notice with its next try, not a red error', async () => {
    const slot = makeSlot({
      label: 'Client',
      health: 'rate_limited',
      next_attempt_at: NOW + 4 * MIN + 30_000,
      last_error: { kind: 'rate_limited', message: 'Usage endpoint answered 429.', at: NOW - MIN },
    });
    await renderApp(createFakeApi(makeState({ client: slot })));
    const row = inRow('Client');
    expect(row.getByText('Rate-limited')).toBeTruthy();
    const notice = getSlotRow('Client').querySelector('.slot__notice') as HTMLElement;
    expect(notice.className).toContain('notice--warn');
    expect(notice.textContent).toContain('Anthropic asked us to slow down (429).');
    expect(notice.textContent).toContain('Usage endpoint answered 429.');
    expect(within(notice).getByText(/^Next try \d\d:\d\d \(in 4m\)$/)).toBeTruthy();
  });

  it('offline is an amber notice with its next try, keeping the numbers', async () => {
    const slot = makeSlot({
      label: 'Train',
      health: 'offline',
      next_attempt_at: NOW + 2 * MIN,
      last_error: { kind: 'offline', message: 'getaddrinfo ENOTFOUND api.anthropic.com', at: NOW - MIN },
    });
    await renderApp(createFakeApi(makeState({ train: slot })));
    const notice = getSlotRow('Train').querySelector('.slot__notice') as HTMLElement;
    expect(notice.className).toContain('notice--warn');
    expect(notice.textContent).toContain('Could not reach Anthropic.');
    expect(notice.textContent).toContain('getaddrinfo ENOTFOUND api.anthropic.com');
    expect(notice.textContent).toContain('(in 2m)');
    expect(inRow('Train').getByRole('meter', { name: '5-hour usage' }).getAttribute('value')).toBe('37');
  });

  it('red only for what needs the person: a setup token that may not read usage', async () => {
    const slot = makeSlot({
      label: 'Token',
      health: 'offline',
      last_fetched: NOW - 20 * MIN,
      last_error: { kind: 'forbidden', message: 'Usage endpoint answered 403.', at: NOW - MIN },
    });
    await renderApp(createFakeApi(makeState({ token: slot })));
    const notice = getSlotRow('Token').querySelector('.slot__notice') as HTMLElement;
    expect(notice.className).toContain('notice--bad');
    expect(notice.textContent).toContain('a setup token?');
  });

  it('an error a later success resolved is quiet history', async () => {
    const slot = makeSlot({
      label: 'Fine',
      last_error: { kind: 'rate_limited', message: 'Usage endpoint answered 429.', at: NOW - HOUR },
    });
    await renderApp(createFakeApi(makeState({ fine: slot })));
    const notice = getSlotRow('Fine').querySelector('.slot__notice') as HTMLElement;
    expect(notice.className).toContain('notice--muted');
    expect(notice.textContent).toMatch(/^Earlier \(1 h ago\): /);
  });

  it('a window whose reset has passed shows "reset", not "resets in now" over its old bar', async () => {
    const slot = makeSlot({
      label: 'Asleep',
      last_fetched: NOW - 5 * MIN,
      five_hour: { utilization: 84, resets_at: iso(NOW - MIN) },
    });
    await renderApp(createFakeApi(makeState({ asleep: slot })));
    const row = inRow('Asleep');
    expect(row.queryByText(/resets in now/)).toBeNull();
    expect(row.queryByText('84%')).toBeNull();
    const meter = row.getByRole('meter', { name: '5-hour usage' });
    expect(meter.getAttribute('value')).toBe('0');
    expect(meter.getAttribute('aria-valuetext')).toBe('reset; new numbers at the next refresh');
    expect(row.getByText('reset')).toBeTruthy();
    // The weekly window still counts down.
    expect(row.getByText('resets in 3d 4h')).toBeTruthy();
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

  it('names a dead login in words, says "re-login" once (its button) and repeats no CLI command', async () => {
    const slot = makeSlot({
      label: 'Side',
      status: 'inactive',
      health: 'login_dead',
      last_error: {
        kind: 'login_dead',
        message:
          'The token endpoint rejected the stored refresh token (invalid_grant); re-login needed. Run: quota-broker relogin side',
        at: NOW - 2 * HOUR,
      },
    });
    await renderApp(createFakeApi(makeState({ side: slot })));
    const row = inRow('Side');
    expect(row.getByText('Login dead')).toBeTruthy();
    expect(row.getByText('Inactive')).toBeTruthy();
    const notice = getSlotRow('Side').querySelector('.slot__notice') as HTMLElement;
    expect(notice.className).toContain('notice--bad');
    expect(notice.querySelector('.notice__text')?.textContent).toBe(
      '2 h ago: The login has ended. The token endpoint rejected the stored refresh token (invalid_grant).',
    );
    expect(row.getByRole('button', { name: 'Re-login Side' })).toBeTruthy();
    const words = getSlotRow('Side').textContent ?? '';
    expect(words.match(/re-?login/gi)).toEqual(['Re-login']);
    expect(words).not.toContain('quota-broker relogin');
    // No pace for a slot nobody can use until it has a login.
    expect(row.queryByText(/On pace|Runs out|Pace:/)).toBeNull();
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
