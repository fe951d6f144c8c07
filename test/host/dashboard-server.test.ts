/**
 * The dashboard's HTTP face over a real host, as a script or a browser meets it: each refusal has the
 * status that fits and an `ApiResult` body a person can act on (400 bad argument or body, 404 unknown
 * slot or route, 405 wrong method, 409 re-login already running, 500 with secrets redacted), and the
 * event stream starts with the state and carries re-login progress.
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRequest } from '../../shared/host/dashboard/guard';
import { type Dashboard, startDashboard } from '../../shared/host/dashboard/server';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import { pickOperations } from '../../shared/ipc/operation';
import { OPERATIONS } from '../../shared/ipc/operations';
import { makeStandInClaude } from '../adapters/claude/stand-in-claude';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import type { TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { createEngine, createFakeDaemon, createTwoSlotHome } from './support';

let fake: FakeAnthropic;
let home: TempHome;
let claude: ReturnType<typeof makeStandInClaude>;
let host: QuotaHost;
let dashboard: Dashboard;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  claude = makeStandInClaude();
  const engine = await createEngine(home, { QUOTA_BROKER_CLAUDE: claude.bin, FAKE_CLAUDE_LOGIN: 'hang' });
  host = createQuotaHost({ engine, now: Date.now, surface: 'serve', startDaemon: createFakeDaemon().start });
  dashboard = await startDashboard(
    {
      ...pickOperations(OPERATIONS, host),
      // The one operation that breaks: how a throw reaches the page.
      getHistory: async () => {
        throw new Error('history unreadable near sk-ant-oat01-test-secret');
      },
      onState: host.onState,
      onReloginProgress: host.onReloginProgress,
    },
    { rendererDir: home.home },
  );
});
afterEach(async () => {
  await dashboard.close();
  await host.stop();
  claude.cleanup();
  home.cleanup();
  await fake.close();
});

async function call(method: string, path: string, body?: string) {
  const response = await fetch(`http://127.0.0.1:${dashboard.port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${dashboard.token}`, 'Content-Type': 'application/json' },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } },
  };
}

describe('the dashboard’s HTTP routes', () => {
  it.each([
    [
      'a slot id that breaks the rule',
      'POST',
      '/api/slots/Slot%201/relogin',
      undefined,
      /slot must be a slot id/,
    ],
    ['a slot id past 64 characters', 'GET', `/api/slots/${'a'.repeat(65)}/history`, undefined, /at most 64/],
    ['broken %-escapes', 'POST', '/api/slots/%E0%A4%A/relogin', undefined, /slot must be a slot id/],
    [
      'enabled that is not a boolean',
      'POST',
      '/api/slots/slot-1/enabled',
      '{"enabled":"no"}',
      /true or false/,
    ],
    ['enabled missing', 'POST', '/api/slots/slot-1/enabled', '{}', /true or false/],
    ['a slot that is not a string', 'POST', '/api/refresh', '{"slot":42}', /slot must be a slot id/],
    ['a body that is not JSON', 'POST', '/api/refresh', '{slot', /not valid JSON/],
    ['a body that is an array', 'POST', '/api/refresh', '[]', /must be a JSON object/],
    ['a body over 16 KB', 'POST', '/api/refresh', JSON.stringify({ pad: 'x'.repeat(20_000) }), /larger than/],
  ])('answer 400 to %s', async (_what, method, path, body, message) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
  });

  it('answer 400, not 500, to broken %-escapes in a page path', async () => {
    const answer = await call('GET', '/%E0%A4%A');
    expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_request' } } });
    expect((await call('GET', '/assets/nothing%20here.js')).status).toBe(404);
  });

  it('answer 404 to an unknown slot and an unknown route, 405 to a wrong method', async () => {
    expect(await call('POST', '/api/slots/slot-9/enabled', '{"enabled":false}')).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'unknown_slot', message: 'There is no slot "slot-9".' } },
    });
    expect(await call('POST', '/api/slots/slot-1/nothing-here')).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'not_found' } },
    });
    expect((await call('GET', '/api/refresh')).status).toBe(405);
    expect((await call('POST', '/api/slots/slot-1/history')).status).toBe(405);
    // Positive control: the same routes with their own methods answer.
    expect(await call('POST', '/api/refresh', '{"slot":"slot-1"}')).toMatchObject({
      status: 200,
      body: { ok: true },
    });
  });

  it('answer 409 to a second re-login of the same slot, and cancel it', async () => {
    expect(await call('POST', '/api/slots/slot-2/relogin')).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect(await call('POST', '/api/slots/slot-2/relogin')).toMatchObject({
      status: 409,
      body: { ok: false, error: { code: 'already_running' } },
    });
    expect(await call('POST', '/api/slots/slot-2/relogin/cancel')).toMatchObject({
      status: 200,
      body: { ok: true, value: { cancelled: true } },
    });
  });

  it('answer 500 when an operation throws, without the secret in its message', async () => {
    const answer = await call('GET', '/api/slots/slot-1/history');
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(answer.body.error?.message).toContain('history unreadable');
    expect(JSON.stringify(answer.body)).not.toContain('test-secret');
  });

  it('stream the state first, then re-login progress, as named events', async () => {
    const received: string[] = [];
    const stream = request({
      host: '127.0.0.1',
      port: dashboard.port,
      path: `/api/events?token=${dashboard.token}`,
      headers: { Host: `127.0.0.1:${dashboard.port}` },
    });
    stream.on('response', (res) =>
      res.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk)),
    );
    stream.end();
    try {
      const events = (): string[] => received.join('').match(/^event: \w+$/gm) ?? [];
      await waitUntil(() => events().length >= 1, 'the first event');
      expect(events()[0]).toBe('event: state');
      expect(received.join('')).toContain('"broker":{"role":"broker"');
      await call('POST', '/api/slots/slot-1/relogin');
      await waitUntil(() => events().includes('event: relogin'), 'a relogin event');
      expect(received.join('')).toMatch(/event: relogin\ndata: \{"slot":"slot-1","phase":"starting"/);
      await call('POST', '/api/slots/slot-1/relogin/cancel');
    } finally {
      stream.destroy();
    }
  });
});

describe('the Host check on port 80', () => {
  it('accepts the port-less Host and Origin a browser sends for http on port 80, and nothing else new', () => {
    const facts = (host: string, origin?: string) => ({
      host,
      origin,
      authorization: undefined,
      queryToken: 'tok',
    });
    expect(checkRequest(facts('127.0.0.1'), 'tok', 80)).toEqual({ ok: true });
    expect(checkRequest(facts('localhost', 'http://localhost'), 'tok', 80)).toEqual({ ok: true });
    expect(checkRequest(facts('127.0.0.1:80', 'http://127.0.0.1:80'), 'tok', 80)).toEqual({ ok: true });
    expect(checkRequest(facts('127.0.0.1'), 'tok', 8080)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest(facts('evil.example'), 'tok', 80)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest(facts('127.0.0.1', 'http://evil.example'), 'tok', 80)).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});
