/**
 * A new operation, tried as a test: one table entry plus the host's method. The IPC handler, the preload
 * function, the HTTP route and the HTTP client all follow from the table and round-trip with the same
 * argument rules; a host without the method, or an entry whose path names no argument, does not compile
 * (checked by `npm run typecheck` through the @ts-expect-error lines below).
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupIpcHandlers } from '../../electron/ipc/handlers';
import { createIpcClient, type IpcRendererLike } from '../../electron/preload/create-api';
import { createMemoryLogger } from '../../shared/adapters/file-logger';
import { type Dashboard, startDashboard } from '../../shared/host/dashboard/server';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { ApiResult } from '../../shared/ipc/contract';
import { createHttpClient } from '../../shared/ipc/http-transport';
import { arg, defineOperation, type OperationHandlers, pickOperations } from '../../shared/ipc/operation';
import { EVENTS, OPERATIONS, SlotIdSchema } from '../../shared/ipc/operations';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createEngine, createFakeDaemon, createTwoSlotHome } from '../host/support';
import type { TempHome } from '../support/temp-home';

/** The one new entry: a slot id in the path, a number in the body. */
const EXTENDED = {
  ...OPERATIONS,
  ping: defineOperation<{ slot: string; times: number }>()({
    channel: 'slots:ping',
    method: 'POST',
    path: '/api/slots/:slot/ping',
    args: [
      arg('slot', SlotIdSchema),
      arg(
        'times',
        v.pipe(v.number('times must be a number'), v.integer(), v.minValue(1, 'times must be ≥ 1')),
      ),
    ],
  }),
};
type Extended = typeof EXTENDED;

// @ts-expect-error — a host that lacks the new operation's method does not compile.
const _incomplete: OperationHandlers<Extended> = { ...pickOperations(OPERATIONS, {} as QuotaHost) };

defineOperation<null>()({
  channel: 'slots:typo',
  method: 'POST',
  // @ts-expect-error — a path parameter that names no argument does not compile.
  path: '/api/slots/:slto/typo',
  args: [arg('slot', SlotIdSchema)],
});

defineOperation<null>()({
  channel: 'slots:get-with-body',
  method: 'GET',
  path: '/api/with-body',
  // @ts-expect-error — a GET has no body: every argument must sit in its path.
  args: [arg('slot', SlotIdSchema)],
});

let fake: FakeAnthropic;
let home: TempHome;
let host: QuotaHost;
let pings: [string, number][];
/** The host's implementation: the real host's operations plus the new method. */
let api: OperationHandlers<Extended>;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  host = createQuotaHost({
    engine: await createEngine(home),
    now: Date.now,
    surface: 'serve',
    startDaemon: createFakeDaemon().start,
  });
  pings = [];
  api = {
    ...pickOperations(OPERATIONS, host),
    async ping(slot, times) {
      pings.push([slot, times]);
      return { ok: true, value: { slot, times } };
    },
  };
});
afterEach(async () => {
  await host.stop();
  home.cleanup();
  await fake.close();
});

/** The preload's client wired to the main process's handlers through a loopback ipcRenderer. */
function overIpc() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  setupIpcHandlers({
    ipcMain: { handle: (c: string, h: never) => handlers.set(c, h), removeHandler: () => undefined } as never,
    table: EXTENDED,
    api,
    getTrustPolicy: () => ({ webContentsIds: new Set([1]), indexUrl: 'file:///app/index.html' }),
    logger: createMemoryLogger(),
  });
  const frame = { url: 'file:///app/index.html' };
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) =>
      handlers.get(channel)?.({ sender: { id: 1, mainFrame: frame }, senderFrame: frame }, ...args),
    on: () => undefined,
    removeListener: () => undefined,
  } as unknown as IpcRendererLike;
  return { client: createIpcClient(ipc, EXTENDED, EVENTS), channels: [...handlers.keys()] };
}

/** The HTTP client against the dashboard server serving the same table. */
async function overHttp(): Promise<{ client: OperationHandlers<Extended>; dashboard: Dashboard }> {
  const dashboard = await startDashboard(
    { ...api, onState: host.onState, onReloginProgress: host.onReloginProgress },
    { rendererDir: home.home, table: EXTENDED },
  );
  const client = createHttpClient(EXTENDED, EVENTS, {
    baseUrl: `http://127.0.0.1:${dashboard.port}`,
    token: dashboard.token,
    fetchImpl: (url, init) => fetch(url, init),
  });
  return { client, dashboard };
}

describe('a new operation in the table', () => {
  it('gets an IPC handler and a preload function that round-trip', async () => {
    const { client, channels } = overIpc();
    expect(channels).toContain('slots:ping');
    expect(await client.ping('slot-1', 3)).toEqual({ ok: true, value: { slot: 'slot-1', times: 3 } });
    expect(pings).toEqual([['slot-1', 3]]);
  });

  it('gets an HTTP route and a client method that round-trip', async () => {
    const { client, dashboard } = await overHttp();
    try {
      expect(await client.ping('slot-2', 2)).toEqual({ ok: true, value: { slot: 'slot-2', times: 2 } });
      const raw = await fetch(`http://127.0.0.1:${dashboard.port}/api/slots/slot-1/ping`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${dashboard.token}` },
        body: '{"times":5}',
      });
      expect(raw.status).toBe(200);
      expect(pings).toEqual([
        ['slot-2', 2],
        ['slot-1', 5],
      ]);
    } finally {
      await dashboard.close();
    }
  });

  it('keeps its old neighbours working on both transports', async () => {
    const { client: ipc } = overIpc();
    const { client: http, dashboard } = await overHttp();
    try {
      for (const client of [ipc, http]) {
        expect(await client.getState()).toMatchObject({ ok: true, value: { broker: { role: 'broker' } } });
        expect(await client.getHistory('slot-1')).toEqual({ ok: true, value: [] });
        expect(await client.setEnabled('slot-9', false)).toMatchObject({ error: { code: 'unknown_slot' } });
      }
    } finally {
      await dashboard.close();
    }
  });

  it('has the same argument rules on IPC and HTTP, and a refused call never reaches the host', async () => {
    const { client: ipc } = overIpc();
    const { client: http, dashboard } = await overHttp();
    const call = (client: OperationHandlers<Extended>, args: unknown[]) =>
      (client.ping as (...a: unknown[]) => Promise<ApiResult<unknown>>)(...args);
    try {
      for (const [args, message] of [
        [['a'.repeat(65), 1], /slot must be a slot id \(\[a-z0-9-\]\+, at most 64 characters\)/],
        [['Slot-1', 1], /slot must be a slot id/],
        [['slot-1', 0], /times must be ≥ 1/],
        [['slot-1', 'many'], /times must be a number/],
      ] as const) {
        for (const client of [ipc, http]) {
          expect(await call(client, [...args])).toMatchObject({
            ok: false,
            error: { code: 'bad_argument', message: expect.stringMatching(message) },
          });
        }
      }
      expect(pings).toEqual([]);
      // Positive control: the longest id the rule allows passes on both.
      for (const client of [ipc, http]) expect((await call(client, ['a'.repeat(64), 1])).ok).toBe(true);
      expect(pings).toHaveLength(2);
    } finally {
      await dashboard.close();
    }
  });
});
