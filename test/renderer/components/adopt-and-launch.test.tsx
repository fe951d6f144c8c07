/**
 * The empty state offers the setup found on the machine (the host's `discoverSlots`), and each usable
 * slot shows the command that starts Claude Code on it, with a labelled copy button.
 */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdoptCandidate } from '../../../shared/domain/adopt';
import { createFakeApi } from '../fake-api';
import { makeSlot, makeState, NOW } from '../fixtures';
import { freezeDateAt, inRow, renderApp } from '../render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
freezeDateAt(NOW);

const candidate = (over: Partial<AdoptCandidate>): AdoptCandidate => ({
  id: 'slot-1',
  config_dir: '~/.claude-1',
  default: false,
  email: 'first@example.com',
  label: null,
  from: '/home/me/_claude-configs/hot-swap/claude-sessions.yaml',
  login: 'ok',
  present: false,
  renamedFrom: null,
  ...over,
});

describe('empty state: adopt an existing setup', () => {
  it('lists what was found and adds it with one click', async () => {
    const api = createFakeApi(makeState({}));
    api.discovery = {
      ...api.discovery,
      candidates: [
        candidate({}),
        candidate({ id: 'slot-2', config_dir: '~/.claude-2', email: null, login: 'logged_out' }),
        candidate({
          id: 'default',
          config_dir: '~/.claude',
          default: true,
          from: null,
          email: 'me@example.com',
        }),
      ],
    };
    await renderApp(api);
    expect(api.discoverSlots).toHaveBeenCalledWith(false);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'slot-1 (first@example.com, ~/.claude-1): login stored — from /home/me/_claude-configs/hot-swap/claude-sessions.yaml',
      'slot-2 (~/.claude-2): logged out: needs a re-login — from /home/me/_claude-configs/hot-swap/claude-sessions.yaml',
      'default (me@example.com, ~/.claude): login stored — the default account',
    ]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add these 3 slots' })));
    expect(api.discoverSlots).toHaveBeenLastCalledWith(true);
    expect(screen.getByRole('status').textContent).toBe(
      'Added slot-1, slot-2, default to /home/me/.claude/session-health/claude-sessions.yaml. Their quota appears here after the refresh.',
    );
  });

  it('with nothing to adopt it only tells how to add a slot by hand', async () => {
    const api = createFakeApi(makeState({}));
    api.discovery = { ...api.discovery, candidates: [candidate({ present: true })] };
    await renderApp(api);
    expect(screen.queryByRole('button', { name: /Add/ })).toBeNull();
    expect(screen.getByText('quota-broker slots add <id> <config_dir>')).toBeTruthy();
  });
});

describe('launch command', () => {
  it('each usable slot shows quota-broker run <id> with a labelled copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await renderApp(
      createFakeApi(
        makeState({
          work: makeSlot({ label: 'Work' }),
          dead: makeSlot({ label: 'Dead', status: 'inactive', health: 'login_dead' }),
        }),
      ),
    );
    expect(inRow('Work').getByText('quota-broker run work')).toBeTruthy();
    // A slot that needs a login offers its re-login instead.
    expect(inRow('Dead').queryByText(/quota-broker run/)).toBeNull();
    const copy = inRow('Work').getByRole('button', { name: 'Copy the launch command for Work' });
    await act(async () => fireEvent.click(copy));
    expect(writeText).toHaveBeenCalledWith('quota-broker run work');
    // The button keeps its name (and its word, "Copy"); the outcome shows beside it.
    expect(copy.textContent).toBe('Copy');
    const status = inRow('Work').getByRole('status');
    expect(status.textContent).toBe('Copied: quota-broker run work');
    expect(status.className).toBe('launch__status launch__status--copied');
  });

  it("falls back to the copy command where the Clipboard API is denied (the app's popover grants no permission)", async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('NotAllowedError'))) },
    });
    let selected = '';
    const execCommand = vi.fn((command: string) => {
      selected = (document.activeElement as HTMLTextAreaElement | null)?.value ?? '';
      return command === 'copy';
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    try {
      await renderApp(createFakeApi(makeState({ work: makeSlot({ label: 'Work' }) })));
      await act(async () =>
        fireEvent.click(inRow('Work').getByRole('button', { name: 'Copy the launch command for Work' })),
      );
      expect(execCommand).toHaveBeenCalledWith('copy');
      expect(selected).toBe('quota-broker run work');
      expect(inRow('Work').getByRole('status').textContent).toBe('Copied: quota-broker run work');
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
    }
  });

  it('says so when neither the clipboard nor the copy command works', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    });
    await renderApp(createFakeApi(makeState({ work: makeSlot({ label: 'Work' }) })));
    await act(async () =>
      fireEvent.click(inRow('Work').getByRole('button', { name: 'Copy the launch command for Work' })),
    );
    expect(inRow('Work').getByRole('status').textContent).toBe('Copy failed: select the command');
  });
});
