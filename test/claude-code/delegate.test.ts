import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import {
  type ClaudeHome,
  type FakeNet,
  makeClaudeHome,
  readCredentials,
  readLogin,
  requireRealClaude,
  startFakeNet,
  writeAccount,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';

/**
 * (b) The `delegate` refresh mode against the real CLI: `claude auth status` refreshes an expired
 * access token itself, through a private mount namespace whose /etc/hosts sends platform.claude.com
 * and api.anthropic.com to the shared fake (HTTPS, throwaway CA).
 */
const HOUR = 3_600_000;
const MCP = { mcpOAuth: { 'srv|abc': { accessToken: 'mcp-test', expiresAt: 1 } }, organizationUuid: 'org-x' };
const setup = requireSetup(
  () => startFakeNet(requireRealClaude().bin),
  (started) => started.close(),
);
let net: FakeNet;
let home: ClaudeHome;

beforeEach(() => {
  net = setup();
  home = makeClaudeHome();
});
afterEach(() => {
  home?.cleanup();
  net?.fake.setMode('token', 'normal');
  net?.fake.resetStats();
});

/** Adds `email` to the fake with an expired access token and writes that login into `configDir`. */
function expiredLogin(configDir: string | null, email: string): { expiresAt: number } {
  const expiresAt = Date.now() - HOUR;
  const pair = net.fake.addAccount({ email, accessExpiresAt: expiresAt });
  writeAccount({ home: home.home, configDir, email, login: { ...pair, expiresAt }, siblings: MCP });
  return { expiresAt };
}

describe('delegate refresh through the real claude auth status', () => {
  it('refreshed: new expiresAt and the fake’s current pair in the store, one token call', async () => {
    const second = join(home.home, '.claude-2');
    const a = expiredLogin(null, 'a@example.com');
    const b = expiredLogin(second, 'b@example.com');
    const before = Date.now();
    for (const [dir, email, old] of [
      [null, 'a@example.com', a],
      [second, 'b@example.com', b],
    ] as const) {
      const status = await runAuthStatus(net.claude, dir, { env: net.env(home.home), timeoutMs: 30_000 });
      expect(status, `${email}: ${status.stderrTail}`).toMatchObject({ exitCode: 0, loggedIn: true, email });
      const login = readLogin(home.home, dir);
      expect(login?.expiresAt).toBeGreaterThan(old.expiresAt);
      expect(login?.expiresAt).toBeGreaterThan(before + 7 * HOUR);
      expect(login?.refreshToken).toBe(net.fake.currentRefreshToken(email));
      expect(login?.accessToken).toBe(net.fake.currentAccessToken(email));
      expect(readCredentials(home.home, dir)).toMatchObject(MCP);
      expect(net.fake.stats.tokenCalls[email]).toBe(1);
    }
    expect(net.fake.stats.refreshReuse).toBe(0);
    const token = net.fake.stats.requests.find((r) => r.route === 'token');
    // Observed: the CLI posts with an axios User-Agent, never `claude-code/` (the fake would 429 it).
    expect(token?.userAgent).toMatch(/^axios\//);
  });

  it('valid token: no token call at all', async () => {
    const pair = net.fake.addAccount({ email: 'v@example.com' });
    writeAccount({
      home: home.home,
      configDir: null,
      email: 'v@example.com',
      login: { ...pair, expiresAt: Date.now() + 8 * HOUR },
    });
    const status = await runAuthStatus(net.claude, null, { env: net.env(home.home) });
    expect(status).toMatchObject({ exitCode: 0, loggedIn: true });
    expect(net.fake.stats.requests.filter((r) => r.route === 'token')).toEqual([]);
  });

  it('login dead: invalid_grant makes Claude Code write the stub, siblings kept', async () => {
    expiredLogin(null, 'dead@example.com');
    net.fake.revokeLogin('dead@example.com');
    const status = await runAuthStatus(net.claude, null, { env: net.env(home.home) });
    // Observed with 2.1.332: still exit 0 and loggedIn true in this run; only the store tells.
    expect(status.exitCode).toBe(0);
    const stored = readCredentials(home.home, null);
    expect(stored.claudeAiOauth).toMatchObject({ accessToken: '', refreshToken: '', expiresAt: 0 });
    expect(stored).toMatchObject(MCP);
    expect(net.fake.stats.tokenCalls['dead@example.com']).toBe(1);
    // The next run sees the stub as logged out.
    expect(await runAuthStatus(net.claude, null, { env: net.env(home.home) })).toMatchObject({
      exitCode: 1,
      loggedIn: false,
    });
  });

  it('transient: a 500 from the token endpoint leaves the store byte-for-byte unchanged', async () => {
    expiredLogin(null, 'flaky@example.com');
    const before = JSON.stringify(readCredentials(home.home, null));
    net.fake.setMode('token', '500');
    const status = await runAuthStatus(net.claude, null, { env: net.env(home.home) });
    expect(status.exitCode).toBe(0);
    expect(JSON.stringify(readCredentials(home.home, null))).toBe(before);
    expect(net.fake.stats.tokenCalls['flaky@example.com']).toBe(1);
  });
});
