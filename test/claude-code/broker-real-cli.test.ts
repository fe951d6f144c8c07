/**
 * The broker next to the REAL Claude Code CLI (2.1.332), both pointed at the HTTPS fake through a private
 * mount namespace: the broker runs exactly as in production (default api.anthropic.com / platform.claude.com
 * URLs), only /etc/hosts and the CA differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import {
  type ClaudeHome,
  readCredentials,
  readLogin,
  requireRealClaude,
  startFakeNet,
} from '../support/real-claude';
import { makeBrokerHome } from '../support/real-claude/broker-home';
import { requireSetup } from '../support/real-claude/setup';

const real = () => requireRealClaude();
const setup = requireSetup(
  () => startFakeNet(real().bin, { latencyMs: 100 }),
  (net) => net.close(),
);
const homes: ClaudeHome[] = [];
afterAll(() => {
  for (const h of homes) h.cleanup();
});

/** A home with one slot per email at the fake, expired access tokens; the broker runs in the namespace. */
function makeHome(mode: 'delegate' | 'locked', emails: string[]) {
  const net = setup();
  const made = makeBrokerHome(net, real().bin, mode, emails);
  homes.push(made.home);
  return { net, ...made };
}

describe('locked mode writes what Claude Code reads', () => {
  it('after the broker rotates tokens, the real `claude auth status` still reports loggedIn: true', async () => {
    const { net, home, dirs, broker, cache } = makeHome('locked', ['lk1@example.com']);
    const run = await broker(['refresh']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(cache().slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
    expect(readLogin(home.home, dirs[0])?.refreshToken).toBe(net.fake.currentRefreshToken('lk1@example.com'));
    const status = await runAuthStatus(net.claude, dirs[0], { env: net.env(home.home), timeoutMs: 30_000 });
    expect(status).toMatchObject({ loggedIn: true, exitCode: 0 });
    expect(readCredentials(home.home, dirs[0]).mcpOAuth).toEqual({ s: { accessToken: 'mcp-test' } });
  });
});

describe('delegate mode: Claude Code refreshes, the broker re-reads', () => {
  it('refreshed: the real CLI posts the refresh token, the broker reads the new expiry and fetches usage', async () => {
    const { net, home, dirs, broker, cache } = makeHome('delegate', ['dl1@example.com']);
    net.fake.resetStats();
    const run = await broker(['refresh']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(cache().slots['slot-1']).toMatchObject({ status: 'active', health: 'ok', source: 'endpoint' });
    const tokenPosts = net.fake.stats.requests.filter((r) => r.route === 'token');
    expect(tokenPosts).toHaveLength(1);
    expect(tokenPosts[0].userAgent ?? '').not.toMatch(/^quota-broker\//); // Claude Code posted it, not us
    expect(readLogin(home.home, dirs[0])?.refreshToken).toBe(net.fake.currentRefreshToken('dl1@example.com'));
  });

  it('dead: Claude Code writes its stub, the broker marks the slot inactive / login_dead', async () => {
    const { net, broker, cache } = makeHome('delegate', ['dl2@example.com']);
    net.fake.revokeLogin('dl2@example.com');
    const run = await broker(['refresh']);
    expect(run.exitCode, run.stderr).toBe(1); // its only slot is inactive now
    expect(cache().slots['slot-1']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(cache().all_inactive).toBe(true);
  });

  it('transient: a 500 from the token endpoint leaves the login alone and the slot active', async () => {
    const { net, home, dirs, broker, cache } = makeHome('delegate', ['dl3@example.com']);
    const before = readFileSync(join(dirs[0], '.credentials.json'), 'utf8');
    net.fake.setMode('token', '500');
    try {
      const run = await broker(['refresh']);
      expect(run.exitCode, run.stderr).toBe(0);
    } finally {
      net.fake.setMode('token', 'normal');
    }
    expect(cache().slots['slot-1']).toMatchObject({ status: 'active', health: 'token_expired' });
    expect(readFileSync(join(dirs[0], '.credentials.json'), 'utf8')).toBe(before);
    expect(readLogin(home.home, dirs[0])?.refreshToken).toBe(net.fake.currentRefreshToken('dl3@example.com'));
  });
});

// The race of several brokers and the real CLI over many rounds, in every mode, is
// test/claude-code/concurrency-real-cli.test.ts.

describe('a session ended on the server while the stored token is still valid (the original incident)', () => {
  it('the real `claude auth status` does not find it out: no token call, loggedIn: true, store untouched', async () => {
    const net = setup();
    const made = makeBrokerHome(net, real().bin, 'delegate', ['sv1@example.com'], { expired: false });
    homes.push(made.home);
    net.fake.revokeLogin('sv1@example.com');
    net.fake.resetStats();
    const before = readFileSync(join(made.dirs[0], '.credentials.json'), 'utf8');
    const status = await runAuthStatus(net.claude, made.dirs[0], {
      env: net.env(made.home.home),
      timeoutMs: 30_000,
    });
    expect(status).toMatchObject({ loggedIn: true, exitCode: 0 });
    expect(net.fake.stats.requests.filter((r) => r.route === 'token')).toEqual([]);
    expect(readFileSync(join(made.dirs[0], '.credentials.json'), 'utf8')).toBe(before);
  });

  it('so the broker in delegate mode takes the locked path on the 401 and names the dead login in one cycle', async () => {
    const net = setup();
    const made = makeBrokerHome(net, real().bin, 'delegate', ['sv2@example.com', 'sv3@example.com'], {
      expired: false,
    });
    homes.push(made.home);
    net.fake.revokeLogin('sv2@example.com');
    net.fake.resetStats();
    const run = await made.broker(['refresh']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(made.cache().slots['slot-1']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(made.cache().slots['slot-2']).toMatchObject({ status: 'active', health: 'ok' });
    expect(made.cache().recommended).toBe('slot-2');
    expect(net.fake.stats.refreshReuse).toBe(0);
    // Never a stub written by the broker: the dead login stays as it was stored.
    expect(readLogin(made.home.home, made.dirs[0])?.refreshToken).toMatch(/^sk-ant-ort01-test-/);
    // And the real CLI still reads both stores.
    const status = await runAuthStatus(net.claude, made.dirs[1], {
      env: net.env(made.home.home),
      timeoutMs: 30_000,
    });
    expect(status).toMatchObject({ loggedIn: true, exitCode: 0 });
  });
});
