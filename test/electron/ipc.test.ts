import { describe, expect, it, vi } from 'vitest';
import { setupIpcHandlers } from '../../electron/ipc/handlers';
import { setupIpcPushes } from '../../electron/ipc/pushes';
import { isTrustedSender } from '../../electron/ipc/trusted-sender';
import { createIpcQuotaApi, type IpcRendererLike } from '../../electron/preload/create-api';
import { createMemoryLogger } from '../../shared/adapters/file-logger';
import type { QuotaApi } from '../../shared/ipc/contract';
import type { OperationHandlers } from '../../shared/ipc/operation';
import { EVENTS, OPERATIONS, type Operations } from '../../shared/ipc/operations';

type InvokeApi = OperationHandlers<Operations>;
/** Channel names, read from the table the handlers are derived from. */
const CHANNELS = {
  ...Object.fromEntries(Object.entries(OPERATIONS).map(([name, op]) => [name, op.channel])),
  updated: EVENTS.onState.channel,
  reloginProgress: EVENTS.onReloginProgress.channel,
} as Record<keyof Operations | 'updated' | 'reloginProgress', string>;

const INDEX = 'file:///app/dist/renderer/index.html';
const policy = { webContentsIds: new Set([7]), indexUrl: INDEX };
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

function fakeApi(): InvokeApi & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return ok({ name });
    };
  return {
    calls,
    getState: rec('getState'),
    refreshNow: rec('refreshNow'),
    relogin: rec('relogin'),
    cancelRelogin: rec('cancelRelogin'),
    setEnabled: rec('setEnabled'),
    getHistory: rec('getHistory'),
    openLog: rec('openLog'),
  } as unknown as InvokeApi & { calls: unknown[][] };
}

/** Registers the handlers on a fake ipcMain and returns an invoker with a chosen sender. */
function harness(api = fakeApi()) {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((c: string, h) => handlers.set(c, h)),
    removeHandler: vi.fn((c: string) => handlers.delete(c)),
  };
  const dispose = setupIpcHandlers({
    ipcMain: ipcMain as never,
    table: OPERATIONS,
    api,
    getTrustPolicy: () => policy,
    logger: createMemoryLogger(),
  });
  const mainFrame = { url: INDEX };
  const ours = { sender: { id: 7, mainFrame }, senderFrame: mainFrame };
  const invoke = (channel: string, args: unknown[], event: unknown = ours) =>
    handlers.get(channel)!(event, ...args);
  return { api, handlers, invoke, dispose, ours };
}

describe('IPC handlers', () => {
  it('register exactly the table’s operation channels', () => {
    const { handlers, dispose } = harness();
    const pushes: string[] = [CHANNELS.updated, CHANNELS.reloginProgress];
    expect([...handlers.keys()].sort()).toEqual(
      Object.values(CHANNELS)
        .filter((c) => !pushes.includes(c))
        .sort(),
    );
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answer our window', async () => {
    const h = harness();
    expect(await h.invoke(CHANNELS.setEnabled, ['slot-1', false])).toEqual({
      ok: true,
      value: { name: 'setEnabled' },
    });
    expect(h.api.calls).toEqual([['setEnabled', 'slot-1', false]]);
  });

  it.each([
    ['another webContents', { sender: { id: 99, mainFrame: { url: INDEX } }, senderFrame: { url: INDEX } }],
    [
      'a remote page in our window',
      (() => {
        const f = { url: 'https://evil.example/' };
        return { sender: { id: 7, mainFrame: f }, senderFrame: f };
      })(),
    ],
    [
      'a subframe of our window',
      { sender: { id: 7, mainFrame: { url: INDEX } }, senderFrame: { url: INDEX } },
    ],
    ['a destroyed frame', { sender: { id: 7, mainFrame: { url: INDEX } }, senderFrame: null }],
  ])('refuse %s', async (_name, event) => {
    const h = harness();
    expect(await h.invoke(CHANNELS.getState, [], event)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(h.api.calls).toEqual([]);
  });

  it.each([
    [CHANNELS.relogin, []],
    [CHANNELS.relogin, ['../etc']],
    [CHANNELS.relogin, [{ toString: () => 'slot-1' }]],
    [CHANNELS.relogin, ['slot-1', 'extra']],
    [CHANNELS.setEnabled, ['slot-1', 'yes']],
    [CHANNELS.setEnabled, ['slot-1']],
    [CHANNELS.refreshNow, [42]],
    [CHANNELS.refreshNow, ['Slot-1']],
    [CHANNELS.getHistory, ['A'.repeat(65)]],
    [CHANNELS.getState, ['unexpected']],
  ])('reject bad arguments: %s %j', async (channel, args) => {
    const h = harness();
    expect(await h.invoke(channel, args)).toMatchObject({ ok: false, error: { code: 'bad_argument' } });
    expect(h.api.calls).toEqual([]);
  });

  it('turn a thrown error into an error value', async () => {
    const api = fakeApi();
    api.openLog = () => Promise.reject(new Error('disk gone'));
    const h = harness(api);
    expect(await h.invoke(CHANNELS.openLog, [])).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('disk gone') },
    });
  });
});

describe('isTrustedSender', () => {
  it('needs our id, the main frame and our page', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: `${INDEX}#x`, isMainFrame: true }, policy)).toBe(
      true,
    );
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: 'file:///tmp/index.html', isMainFrame: true }, policy),
    ).toBe(false);
  });
});

describe('preload api', () => {
  function fakeIpc() {
    const listeners = new Map<string, ((e: unknown, p: unknown) => void)[]>();
    const ipc = {
      invoke: vi.fn(async () => ({ ok: true, value: null })),
      on: vi.fn((c: string, l: (e: unknown, p: unknown) => void) =>
        listeners.set(c, [...(listeners.get(c) ?? []), l]),
      ),
      removeListener: vi.fn((c: string, l: unknown) =>
        listeners.set(
          c,
          (listeners.get(c) ?? []).filter((x) => x !== l),
        ),
      ),
    };
    return { ipc, listeners };
  }

  it('exposes exactly the QuotaApi methods, each on its own channel', async () => {
    const { ipc } = fakeIpc();
    const api = createIpcQuotaApi(ipc as unknown as IpcRendererLike);
    const expected: (keyof QuotaApi)[] = [
      'getState',
      'onState',
      'refreshNow',
      'relogin',
      'cancelRelogin',
      'onReloginProgress',
      'setEnabled',
      'getHistory',
      'discoverSlots',
      'getLogTail',
      'openLog',
    ];
    expect(Object.keys(api).sort()).toEqual([...expected].sort());
    await api.setEnabled('slot-1', true);
    await api.refreshNow();
    expect(ipc.invoke.mock.calls).toEqual([[CHANNELS.setEnabled, 'slot-1', true], [CHANNELS.refreshNow]]);
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const api = createIpcQuotaApi(ipc as unknown as IpcRendererLike);
    const got: unknown[][] = [];
    const off = api.onState((...args: unknown[]) => got.push(args));
    const event = { sender: { send: () => undefined } };
    for (const l of listeners.get(CHANNELS.updated) ?? []) l(event, { now: 1 });
    expect(got).toEqual([[{ now: 1 }]]);
    off();
    expect(listeners.get(CHANNELS.updated)).toEqual([]);
  });
});

describe('IPC pushes', () => {
  it('forward each host push on its own channel, payload only, until disposed', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const source = {
      onState: (l: (p: unknown) => void) => {
        listeners.set('onState', l);
        return () => void listeners.delete('onState');
      },
      onReloginProgress: (l: (p: unknown) => void) => {
        listeners.set('onReloginProgress', l);
        return () => void listeners.delete('onReloginProgress');
      },
    };
    const sent: [string, unknown][] = [];
    const dispose = setupIpcPushes(EVENTS, source as never, (channel, payload) =>
      sent.push([channel, payload]),
    );
    listeners.get('onState')?.({ now: 1 });
    listeners.get('onReloginProgress')?.({ slot: 'slot-1', phase: 'done' });
    expect(sent).toEqual([
      ['slots:updated', { now: 1 }],
      ['slots:relogin-progress', { slot: 'slot-1', phase: 'done' }],
    ]);
    dispose();
    expect(listeners.size).toBe(0);
  });
});
