/**
 * Concurrency (issue #8): three brokers plus the REAL Claude Code CLI (`claude auth status`, which refreshes
 * an expired login itself) race on the same expired logins, in each refresh mode, over several rounds,
 * all against the HTTPS fake inside a private mount namespace. Per slot and round: at most one refresh
 * (occasionally none: the real CLI may give up on a held lock without refreshing), zero refresh-token
 * reuse, never a logged-out stub, every lock released.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import { writeReport } from '../reliability/support/report';
import { type ClaudeHome, readLogin, requireRealClaude, startFakeNet } from '../support/real-claude';
import { type BrokerMode, makeBrokerHome } from '../support/real-claude/broker-home';
import { requireSetup } from '../support/real-claude/setup';
import { createSecretCollector } from '../support/secret-scan';

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

function makeHome(mode: BrokerMode, emails: string[]) {
  const net = setup();
  const made = makeBrokerHome(net, real().bin, mode, emails, { settings: ['max_calls_per_hour: 1000'] });
  homes.push(made.home);
  return { net, ...made };
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
