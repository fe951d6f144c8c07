/**
 * Concurrency (issue #8): three brokers plus the REAL Claude Code CLI (`claude auth status`, which refreshes
 * an expired login itself) race on the same expired logins, in each refresh mode, over several rounds,
 * all against the HTTPS fake inside a private mount namespace. Per slot and round: at most one refresh
 * (occasionally none: the real CLI may give up on a held lock without refreshing), zero refresh-token
 * reuse, never a logged-out stub, every lock released.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import {
  type ClaudeHome,
  makeClaudeHome,
  readLogin,
  requireRealClaude,
  startFakeNet,
  writeAccount,
} from '../support/real-claude';
import { runInNamespace } from '../support/real-claude/namespace';
import { requireSetup } from '../support/real-claude/setup';
import { BIN } from '../support/run-cli';
import { createSecretCollector } from '../support/secret-scan';
import { writeReport } from './support/report';

const ROUNDS = Number(process.env.QB_CONCURRENCY_ROUNDS ?? 8);
const real = () => requireRealClaude();
const setup = requireSetup(
  () => startFakeNet(real().bin, { latencyMs: 100 }),
  (net) => net.close(),
);
const homes: ClaudeHome[] = [];
const secrets = createSecretCollector();
const summary: Record<string, unknown> = {};
afterAll(() => {
  writeReport('concurrency-real-cli', summary);
  for (const h of homes) h.cleanup();
  expect(secrets.finish().findings).toEqual([]);
});

type Mode = 'delegate' | 'locked' | 'never';

function makeHome(mode: Mode, emails: string[]) {
  const net = setup();
  const home = makeClaudeHome();
  homes.push(home);
  const stateDir = join(home.home, '.claude', 'session-health');
  const dirs = emails.map((_, i) => join(home.home, `.claude-${i + 1}`));
  emails.forEach((email, i) => {
    const expiresAt = Date.now() - 60_000;
    const pair = net.fake.addAccount({ email, accessExpiresAt: expiresAt });
    writeAccount({
      home: home.home,
      configDir: dirs[i],
      email,
      login: { ...pair, expiresAt },
      siblings: { mcpOAuth: { s: { accessToken: 'mcp-test' } } },
    });
  });
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(stateDir, 'claude-sessions.yaml'),
    [
      'accounts:',
      ...dirs.flatMap((d, i) => [`  - id: slot-${i + 1}`, `    config_dir: ${d}`, '    status: active']),
      'settings:',
      `  token_refresh: ${mode}`,
      '  max_calls_per_hour: 1000',
      '',
    ].join('\n'),
  );
  const env = {
    ...net.env(home.home),
    QUOTA_BROKER_HOME: stateDir,
    QUOTA_BROKER_CREDENTIALS: 'file',
    QUOTA_BROKER_CLAUDE: real().bin,
    USER: 'tester',
  };
  const broker = (args: string[]) =>
    runInNamespace(net.hostsFile, [process.execPath, BIN, ...args], { env, timeoutMs: 90_000 });
  const cachePath = join(stateDir, 'merged-quota-cache.json');
  const ageCache = () => {
    try {
      const c = JSON.parse(readFileSync(cachePath, 'utf8'));
      for (const s of Object.values(c.slots) as { last_attempt?: number }[])
        s.last_attempt = (s.last_attempt ?? 0) - 600_000;
      writeFileSync(cachePath, JSON.stringify(c));
    } catch {
      // no cache yet
    }
  };
  return { net, home, dirs, broker, ageCache, stateDir };
}

describe.each(['delegate', 'locked', 'never'] as const)(
  '3 brokers + the real CLI on the same expired logins (%s)',
  (mode) => {
    it(`over ${ROUNDS} rounds: at most one refresh per slot per round, zero refresh-token reuse, never a logged-out stub, every lock released`, async () => {
      const emails = [`c1-${mode}@example.com`, `c2-${mode}@example.com`];
      const { net, home, dirs, broker, ageCache, stateDir } = makeHome(mode, emails);
      const perRound: number[][] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) {
          for (let i = 0; i < dirs.length; i++) {
            const path = join(dirs[i], '.credentials.json');
            const doc = JSON.parse(readFileSync(path, 'utf8'));
            doc.claudeAiOauth.expiresAt = Date.now() - 60_000;
            writeFileSync(path, JSON.stringify(doc), { mode: 0o600 });
            net.fake.expireAccess(emails[i]);
          }
          ageCache();
        }
        const before = emails.map((e) => net.fake.stats.tokenCalls[e] ?? 0);
        const results = await Promise.all([
          ...[0, 1, 2].map(() => broker(['refresh', '--quiet'])),
          ...dirs.map((d) => runAuthStatus(net.claude, d, { env: net.env(home.home), timeoutMs: 60_000 })),
        ]);
        for (const r of results) secrets.addText(`${mode} round ${round}`, JSON.stringify(r));
        const refreshes = emails.map((e, i) => (net.fake.stats.tokenCalls[e] ?? 0) - before[i]);
        perRound.push(refreshes);
        expect(net.fake.stats.refreshReuse, `${mode} round ${round}`).toBe(0);
        for (const [i, n] of refreshes.entries())
          expect(n, `${mode} round ${round} ${emails[i]}`).toBeLessThanOrEqual(1);
        for (const d of dirs) {
          expect(
            readdirSync(d).filter(
              (f) =>
                ['.oauth_refresh.lock', '.storage-write.lock'].includes(f) ||
                f.includes('quota-broker-refresh'),
            ),
          ).toEqual([]);
        }
        expect(readdirSync(home.home).filter((f) => /^\.claude-\d+\.lock$/.test(f))).toEqual([]);
        for (let i = 0; i < dirs.length; i++) {
          const login = readLogin(home.home, dirs[i]);
          expect(login?.refreshToken, `${mode} round ${round}: ${emails[i]} logged out`).toBe(
            net.fake.currentRefreshToken(emails[i]),
          );
          expect(login?.accessToken).not.toBe('');
        }
      }
      secrets.addTokens(net.fake.issuedTokens());
      secrets.scanDirs([stateDir]);
      const flat = perRound.flat();
      summary[mode] = {
        rounds: ROUNDS,
        slotRounds: flat.length,
        oneRefresh: flat.filter((n) => n === 1).length,
        zeroRefreshes: flat.filter((n) => n === 0).length,
        reuse: net.fake.stats.refreshReuse,
      };
    });
  },
);
