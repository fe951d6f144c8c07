/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS, honoured by the usage, token and profile
 * calls as Claude Code honours them (docs/RELIABILITY.md "Hostile inputs"). The engine runs through a
 * real CONNECT proxy that counts its tunnels; in the built-CLI case the proxy is the only way to reach
 * api.anthropic.com and platform.claude.com (it routes them to the local TLS fake), and the fake's
 * throwaway CA is trusted only through NODE_EXTRA_CA_CERTS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getProxyFor, isNoProxy } from '../../../shared/adapters/http/proxy-env';
import { createFakeAnthropic, type FakeAnthropic } from '../../fake-anthropic';
import { type ConnectProxy, startConnectProxy } from '../../support/connect-proxy';
import { makeTestCerts } from '../../support/real-claude/certs';
import { runCli, runCliInProcess } from '../../support/run-cli';
import { createTempHome, type TempHome } from '../../support/temp-home';

let fake: FakeAnthropic | undefined;
let proxy: ConnectProxy | undefined;
let home: TempHome | undefined;
const dirs: string[] = [];
afterEach(async () => {
  home?.cleanup();
  await proxy?.close();
  await fake?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('which requests go through a proxy', () => {
  const https = new URL('https://api.anthropic.com/api/oauth/usage');
  it.each([
    ['*', true],
    ['api.anthropic.com', true],
    ['anthropic.com', true],
    ['.anthropic.com', true],
    ['*.anthropic.com', true],
    ['localhost, 192.168.1.1 example.com', false],
    ['api.anthropic.com:443', true],
    ['api.anthropic.com:8443', false],
    ['pi.anthropic.com', false],
    ['', false],
  ])('NO_PROXY=%j exempts api.anthropic.com: %s', (noProxy, exempt) => {
    expect(isNoProxy(https, noProxy)).toBe(exempt);
  });

  it('picks HTTPS_PROXY for https (else HTTP_PROXY), HTTP_PROXY for http, lower case first; refuses SOCKS', () => {
    expect(getProxyFor(https, { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://q:2' })?.label).toBe('p:1');
    expect(getProxyFor(https, { HTTP_PROXY: 'http://q:2' })?.label).toBe('q:2');
    expect(getProxyFor(https, { https_proxy: 'http://l:3', HTTPS_PROXY: 'http://u:4' })?.label).toBe('l:3');
    expect(getProxyFor(new URL('http://x/'), { HTTPS_PROXY: 'http://p:1' })).toBeNull();
    expect(getProxyFor(https, { HTTPS_PROXY: 'proxy.corp:3128' })?.url.href).toBe('http://proxy.corp:3128/');
    expect(getProxyFor(https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })).toBeNull();
    expect(getProxyFor(https, {})).toBeNull();
    expect(() => getProxyFor(https, { HTTPS_PROXY: 'socks5://s:1080' })).toThrow(
      'HTTPS_PROXY uses socks5, but only http:// and https:// proxies work here.',
    );
  });
});

describe('the engine through a CONNECT proxy', () => {
  it('every usage call of a refresh is one tunnel; NO_PROXY sends them direct; credentials in the URL are sent, a refusal is a sentence', async () => {
    fake = await createFakeAnthropic();
    proxy = await startConnectProxy({ credentials: 'qb-user:p@ss' });
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'proxy-1@example.com' },
        { id: 'slot-2', email: 'proxy-2@example.com' },
      ],
    });
    const target = `127.0.0.1:${fake.port}`;
    const withProxy = (user: string, extra: NodeJS.ProcessEnv = {}) =>
      home?.env({ HTTP_PROXY: `http://${user}@127.0.0.1:${proxy?.port}`, ...extra }) ?? {};

    const run = await runCliInProcess(['refresh', '--json'], withProxy('qb-user:p%40ss'));
    expect(run.code).toBe(0);
    expect(proxy.tunnels).toEqual([target, target]);
    expect(proxy.authorizations).toEqual(
      Array(2).fill(`Basic ${Buffer.from('qb-user:p@ss').toString('base64')}`),
    );
    expect(proxy.plainRequests).toEqual([]);
    expect(fake.stats.usageCalls).toEqual({ 'proxy-1@example.com': 1, 'proxy-2@example.com': 1 });

    // NO_PROXY: the same refresh goes direct, no tunnel.
    home.age(600_000);
    const direct = await runCliInProcess(
      ['refresh'],
      withProxy('qb-user:p%40ss', { NO_PROXY: 'localhost,127.0.0.1' }),
    );
    expect(direct.code).toBe(0);
    expect(proxy.tunnels).toHaveLength(2);
    expect(fake.stats.usageCalls).toEqual({ 'proxy-1@example.com': 2, 'proxy-2@example.com': 2 });

    // A proxy that refuses: the slot is offline with a sentence naming the proxy, never its password.
    home.age(600_000);
    await runCliInProcess(['refresh'], withProxy('qb-user:wrong-secret'));
    const entry = home.readCache().slots['slot-1'];
    expect(entry).toMatchObject({ health: 'offline', status: 'active' });
    expect(entry.last_error?.message).toContain(
      `unreachable (the proxy 127.0.0.1:${proxy.port} answered 407 Proxy Authentication Required to CONNECT ${target})`,
    );
    expect(JSON.stringify(home.readCache())).not.toContain('wrong-secret');
    expect(fake.stats.usageCalls).toEqual({ 'proxy-1@example.com': 2, 'proxy-2@example.com': 2 });
  });

  it('built CLI, HTTPS_PROXY and NODE_EXTRA_CA_CERTS: usage, token and profile calls reach api.anthropic.com and platform.claude.com only through tunnels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qb-proxy-tls-'));
    dirs.push(dir);
    const certs = makeTestCerts(dir);
    fake = await createFakeAnthropic({ tls: { key: certs.key, cert: certs.cert } });
    const fakePort = fake.port;
    // The proxy resolves the real names to the fake; without it they do not lead anywhere from here.
    proxy = await startConnectProxy({ route: (_host, _port) => ({ host: '127.0.0.1', port: fakePort }) });
    home = createTempHome({
      fake,
      settings: { token_refresh: 'locked' },
      slots: [
        { id: 'expired', email: 'tls-1@example.com', accessExpiresAt: Date.now() - 60_000 },
        { id: 'fresh', email: 'tls-2@example.com' },
      ],
    });
    rmSync(join(home.dirOf('fresh'), '.claude.json')); // no identity on disk: the broker asks the profile endpoint
    const env = home.env({
      QUOTA_BROKER_API_URL: '',
      QUOTA_BROKER_TOKEN_URL: '',
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: certs.caPath,
    });
    const run = await runCli(['refresh', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cache = home.readCache();
    expect(cache.slots.expired).toMatchObject({ health: 'ok', email: 'tls-1@example.com' });
    expect(cache.slots.fresh).toMatchObject({ health: 'ok', email: 'tls-2@example.com' });
    const stats = fake.stats;
    expect(stats.tokenCalls).toEqual({ 'tls-1@example.com': 1 });
    expect(stats.usageCalls).toEqual({ 'tls-1@example.com': 1, 'tls-2@example.com': 1 });
    expect(stats.profileCalls).toBe(1);
    const count = (name: string) => proxy?.tunnels.filter((t) => t === name).length;
    expect(count('platform.claude.com:443')).toBe(1);
    expect(count('api.anthropic.com:443')).toBe(3); // two usage calls and the profile call
    expect(proxy.tunnels).toHaveLength(4);
    expect(proxy.plainRequests).toEqual([]);
  });
});
