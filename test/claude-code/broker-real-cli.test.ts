/**
 * The broker next to the REAL Claude Code CLI (2.1.332), both pointed at the HTTPS fake through a private
 * mount namespace: the broker runs exactly as in production (default api.anthropic.com / platform.claude.com
 * URLs), only /etc/hosts and the CA differ.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import type { CacheFile } from '../../shared/domain/types';
import {
  type ClaudeHome,
  makeClaudeHome,
  readCredentials,
  readLogin,
  requireRealClaude,
  startFakeNet,
  writeAccount,
} from '../support/real-claude';
import { runInNamespace } from '../support/real-claude/namespace';
import { requireSetup } from '../support/real-claude/setup';
import { BIN } from '../support/run-cli';

const real = () => requireRealClaude();
const setup = requireSetup(
  () => startFakeNet(real().bin, { latencyMs: 100 }),
  (net) => net.close(),
);
const homes: ClaudeHome[] = [];
afterAll(() => {
  for (const h of homes) h.cleanup();
});

type Mode = 'delegate' | 'locked';

/** A home with `n` slots in the registry, each logged in at the fake with an expired access token. */
function makeHome(mode: Mode, emails: string[], opts: { expired?: boolean } = {}) {
  const net = setup();
  const home = makeClaudeHome();
  homes.push(home);
  const stateDir = join(home.home, '.claude', 'session-health');
  const dirs = emails.map((_, i) => join(home.home, `.claude-${i + 1}`));
  emails.forEach((email, i) => {
    const expiresAt = opts.expired === false ? Date.now() + 3600_000 : Date.now() - 60_000;
    const pair = net.fake.addAccount({ email, accessExpiresAt: expiresAt });
    writeAccount({
      home: home.home,
      configDir: dirs[i],
      email,
      login: { ...pair, expiresAt },
      siblings: { mcpOAuth: { s: { accessToken: 'mcp-test' } } },
    });
  });
  const yaml = [
    'accounts:',
    ...dirs.flatMap((d, i) => [`  - id: slot-${i + 1}`, `    config_dir: ${d}`, '    status: active']),
    'settings:',
    `  token_refresh: ${mode}`,
    '',
  ].join('\n');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(stateDir, 'claude-sessions.yaml'), yaml);
  const env = {
    ...net.env(home.home),
    QUOTA_BROKER_HOME: stateDir,
    QUOTA_BROKER_CREDENTIALS: 'file',
    QUOTA_BROKER_CLAUDE: real().bin,
    USER: 'tester',
  };
  const broker = (args: string[]) =>
    runInNamespace(net.hostsFile, [process.execPath, BIN, ...args], { env, timeoutMs: 90_000 });
  const cache = () =>
    JSON.parse(readFileSync(join(stateDir, 'merged-quota-cache.json'), 'utf8')) as CacheFile;
  /** As if the last cycle ran long ago: the brokers may call again. */
  const ageCache = () => {
    const c = cache();
    for (const s of Object.values(c.slots)) s.last_attempt = (s.last_attempt ?? 0) - 600_000;
    writeFileSync(join(stateDir, 'merged-quota-cache.json'), JSON.stringify(c));
  };
  return { net, home, dirs, env, broker, cache, ageCache };
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

describe.each(['delegate', 'locked'] as const)(
  'the real CLI and 3 brokers racing on the same expired logins (%s)',
  (mode) => {
    it('zero refresh-token reuse and nobody logged out, over 3 rounds', async () => {
      const emails = [`r1-${mode}@example.com`, `r2-${mode}@example.com`];
      const { net, home, dirs, broker, ageCache } = makeHome(mode, emails);
      for (let round = 0; round < 3; round++) {
        if (round > 0) {
          // Expire every access token again (stored and server side) for the next round.
          for (let i = 0; i < dirs.length; i++) {
            const path = join(dirs[i], '.credentials.json');
            const doc = JSON.parse(readFileSync(path, 'utf8'));
            doc.claudeAiOauth.expiresAt = Date.now() - 60_000;
            writeFileSync(path, JSON.stringify(doc), { mode: 0o600 });
            net.fake.expireAccess(emails[i]);
          }
          ageCache();
        }
        const runs = [
          ...[0, 1, 2].map(() => broker(['refresh', '--quiet'])),
          ...dirs.map((d) => runAuthStatus(net.claude, d, { env: net.env(home.home), timeoutMs: 60_000 })),
        ];
        const before = emails.map((e) => net.fake.stats.tokenCalls[e] ?? 0);
        await Promise.all(runs);
        expect(net.fake.stats.refreshReuse).toBe(0);
        // Every lock directory is released: Claude Code's next refresh is not held up for a minute.
        for (const d of dirs)
          expect(
            readdirSync(d).filter((f) => ['.oauth_refresh.lock', '.storage-write.lock'].includes(f)),
          ).toEqual([]);
        expect(readdirSync(home.home).filter((f) => /^\.claude-\d+\.lock$/.test(f))).toEqual([]);
        // Never two refreshes of one login in a round. (Occasionally none: the real CLI gives up on a held
        // lock without refreshing, and its re-read then finds the token unchanged — a transient, retried.)
        for (const [i, e] of emails.entries()) {
          expect(net.fake.stats.tokenCalls[e] ?? 0, `round ${round}: ${e}`).toBeLessThanOrEqual(
            before[i] + 1,
          );
        }
        for (let i = 0; i < dirs.length; i++) {
          const login = readLogin(home.home, dirs[i]);
          expect(login?.refreshToken, `round ${round}: ${emails[i]} logged out`).toBe(
            net.fake.currentRefreshToken(emails[i]),
          );
          expect(login?.accessToken).not.toBe('');
        }
      }
    });
  },
);
