import { describe, expect, it, vi } from 'vitest';
import type { QuotaState, ReloginProgress } from '../../../shared/ipc/contract';
import { EVENTS_PATH } from '../../../shared/ipc/http-routes';
import type { BrowserFetch, EventSourceLike } from '../../../shared/ipc/http-transport';
import { createHttpQuotaApi } from '../../../shared/ipc/http-transport';
import { makeState } from '../fixtures';

type Request = { url: string; method: string; headers: Record<string, string>; body?: string };

function fakeFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetchImpl: BrowserFetch = async (url, init) => {
    requests.push({ url, ...init });
    return { status, json: async () => body };
  };
  return { requests, fetchImpl };
}

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 1;
  closed = false;
  listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

const BASE = 'http://127.0.0.1:7420/';
const state: QuotaState = makeState({});

describe('createHttpQuotaApi', () => {
  it('maps every method to its route with the bearer token', async () => {
    const { requests, fetchImpl } = fakeFetch(200, { ok: true, value: state });
    const api = createHttpQuotaApi({ baseUrl: BASE, token: 't0k', fetchImpl });
    await api.getState();
    await api.refreshNow();
    await api.refreshNow('slot-1');
    await api.relogin('a b');
    await api.cancelRelogin('a b');
    await api.setEnabled('slot-1', false);
    await api.getHistory('slot-1');
    await api.openLog();
    expect(requests.map((r) => `${r.method} ${r.url} ${r.body ?? ''}`.trim())).toEqual([
      'GET http://127.0.0.1:7420/api/state',
      'POST http://127.0.0.1:7420/api/refresh {}',
      'POST http://127.0.0.1:7420/api/refresh {"slot":"slot-1"}',
      'POST http://127.0.0.1:7420/api/slots/a%20b/relogin',
      'POST http://127.0.0.1:7420/api/slots/a%20b/relogin/cancel',
      'POST http://127.0.0.1:7420/api/slots/slot-1/enabled {"enabled":false}',
      'GET http://127.0.0.1:7420/api/slots/slot-1/history',
      'POST http://127.0.0.1:7420/api/open-log',
    ]);
    for (const r of requests) expect(r.headers.Authorization).toBe('Bearer t0k');
    expect(requests[1].headers['Content-Type']).toBe('application/json');
  });

  it('passes the server’s ApiResult through, errors included', async () => {
    const error = { ok: false, error: { code: 'unknown_slot', message: 'No slot named x.' } };
    const api = createHttpQuotaApi({ baseUrl: BASE, token: 't', fetchImpl: fakeFetch(404, error).fetchImpl });
    expect(await api.relogin('x')).toEqual(error);
  });

  it('turns a refused token, a bodyless error and a dead server into sentences', async () => {
    const unauthorized = createHttpQuotaApi({
      baseUrl: BASE,
      token: 't',
      fetchImpl: fakeFetch(401, null).fetchImpl,
    });
    expect(await unauthorized.getState()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const broken = createHttpQuotaApi({
      baseUrl: BASE,
      token: 't',
      fetchImpl: fakeFetch(502, 'html').fetchImpl,
    });
    expect(await broken.getState()).toMatchObject({ ok: false, error: { code: 'http_502' } });
    const down = createHttpQuotaApi({
      baseUrl: BASE,
      token: 't',
      fetchImpl: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await down.getState()).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('shares one event stream, authorised by ?token=, and closes it with the last listener', () => {
    FakeEventSource.instances = [];
    const api = createHttpQuotaApi({ baseUrl: BASE, token: 'a&b', EventSourceImpl: FakeEventSource });
    const states: QuotaState[] = [];
    const progress: ReloginProgress[] = [];
    const offState = api.onState((s) => states.push(s));
    const offRelogin = api.onReloginProgress((p) => progress.push(p));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe(`http://127.0.0.1:7420${EVENTS_PATH}?token=a%26b`);

    source.emit('state', JSON.stringify(state));
    source.emit('state', '{not json');
    source.emit('relogin', JSON.stringify({ slot: 's', phase: 'done', url: null, message: null }));
    expect(states).toEqual([state]);
    expect(progress).toEqual([{ slot: 's', phase: 'done', url: null, message: null }]);

    offState();
    expect(source.closed).toBe(false);
    offRelogin();
    expect(source.closed).toBe(true);
  });

  it('opens a fresh stream after the browser gives up on one', () => {
    vi.useFakeTimers();
    try {
      FakeEventSource.instances = [];
      const api = createHttpQuotaApi({ baseUrl: BASE, token: 't', EventSourceImpl: FakeEventSource });
      api.onState(() => undefined);
      const first = FakeEventSource.instances[0];
      first.readyState = 2;
      first.emit('error');
      vi.advanceTimersByTime(5_000);
      expect(FakeEventSource.instances).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
