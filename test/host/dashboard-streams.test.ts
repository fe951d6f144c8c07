/**
 * The dashboard's event streams over real HTTP: every open stream gets the same pushes, in order, from
 * one subscription to the host (none while no stream is open, so an unwatched host reads nothing), and
 * a stream past the cap is refused with 503 and a sentence — and accepted again once a tab closes.
 */
import { type ClientRequest, request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Dashboard, MAX_EVENT_STREAMS, startDashboard } from '../../shared/host/dashboard/server';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { QuotaState } from '../../shared/ipc/contract';
import { pickOperations } from '../../shared/ipc/operation';
import { OPERATIONS } from '../../shared/ipc/operations';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import type { TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { createEngine, createFakeDaemon, createTwoSlotHome, sleep } from './support';

let fake: FakeAnthropic;
let home: TempHome;
let host: QuotaHost;
let dashboard: Dashboard;
/** How many state subscriptions the dashboard holds on the host right now. */
let subscribed = 0;
const open: ClientRequest[] = [];

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  const engine = await createEngine(home);
  const daemon = createFakeDaemon();
  // A cycle that takes a moment, as a real one does, then reports its end like the daemon.
  daemon.onCycle = async () => {
    await sleep(20);
    daemon.options().onCycle?.({} as never);
    return null;
  };
  host = createQuotaHost({ engine, now: Date.now, surface: 'serve', startDaemon: daemon.start });
  subscribed = 0;
  dashboard = await startDashboard(
    {
      ...pickOperations(OPERATIONS, host),
      onState: (listener: (state: QuotaState) => void) => {
        subscribed++;
        const off = host.onState(listener);
        return () => {
          subscribed--;
          off();
        };
      },
      onReloginProgress: host.onReloginProgress,
    },
    { rendererDir: home.home },
  );
});
afterEach(async () => {
  for (const r of open.splice(0)) r.destroy();
  await dashboard.close();
  await host.stop();
  home.cleanup();
  await fake.close();
});

interface Stream {
  status: number | null;
  text: string;
  states(): Array<{ refreshing: boolean }>;
}

function openStream(): Stream {
  const stream: Stream = {
    status: null,
    text: '',
    states: () =>
      [...stream.text.matchAll(/^event: state\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1] as string)),
  };
  const req = request({
    host: '127.0.0.1',
    port: dashboard.port,
    path: `/api/events?token=${dashboard.token}`,
    headers: { Host: `127.0.0.1:${dashboard.port}` },
  });
  req.on('response', (res) => {
    stream.status = res.statusCode ?? 0;
    res.setEncoding('utf8').on('data', (chunk: string) => (stream.text += chunk));
  });
  req.on('error', () => undefined);
  req.end();
  open.push(req);
  return stream;
}

const refresh = () =>
  fetch(`http://127.0.0.1:${dashboard.port}/api/refresh`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${dashboard.token}` },
  });

describe('the dashboard’s event streams', () => {
  it('every stream gets the same pushes in order, through one subscription held only while streams are open', async () => {
    expect(subscribed).toBe(0);
    const streams = Array.from({ length: 5 }, openStream);
    await waitUntil(() => streams.every((s) => s.states().length >= 1), 'the first state on every stream');
    expect(subscribed).toBe(1);
    expect((await refresh()).status).toBe(200);
    await waitUntil(
      () => streams.every((s) => s.states().at(-1)?.refreshing === false && s.states().length >= 3),
      'the refresh’s pushes on every stream',
    );
    const pushed = streams.map((s) => s.text.slice(s.text.indexOf('event: state', 1)));
    // The pushes after each stream's first state are byte for byte the same on every stream.
    for (const p of pushed) expect(p).toBe(pushed[0]);
    expect(streams[0]?.states().map((s) => s.refreshing)).toEqual([false, true, false]);
    for (const r of open.splice(0)) r.destroy();
    await waitUntil(() => subscribed === 0, 'the subscription to end with the last stream');
  });

  it(`refuses stream ${MAX_EVENT_STREAMS + 1} with 503 and a sentence, and takes a new one once a tab closes`, async () => {
    const streams = Array.from({ length: MAX_EVENT_STREAMS }, openStream);
    await waitUntil(() => streams.every((s) => s.status === 200), `${MAX_EVENT_STREAMS} streams open`);
    const refused = await fetch(`http://127.0.0.1:${dashboard.port}/api/events`, {
      headers: { Authorization: `Bearer ${dashboard.token}` },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({
      ok: false,
      error: { code: 'too_many_streams', message: expect.stringMatching(/already has 64 .*Close some/) },
    });
    // The buttons still work while every stream slot is taken.
    expect((await refresh()).status).toBe(200);
    open.shift()?.destroy();
    const again = openStream();
    await waitUntil(() => again.status !== null, 'an answer to the new stream');
    expect(again.status).toBe(200);
  });
});
