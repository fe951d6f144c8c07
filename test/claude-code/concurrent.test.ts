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
import { requireSetup } from '../support/real-claude/setup';

/**
 * (c) Claude Code's own locks: 4 concurrent `claude auth status` on the same expired login refresh
 * exactly once, with no reuse of the spent refresh token (the bar a broker must meet too).
 */
const setup = requireSetup(
  () => startFakeNet(requireRealClaude().bin, { latencyMs: 300 }),
  (net) => net.close(),
);
const home: ClaudeHome = makeClaudeHome();
afterAll(() => home.cleanup());

describe('concurrent real claude auth status', () => {
  it('4 processes per expired login, two logins: one token call per login, zero reuse', async () => {
    const net = setup();
    const dirs = [null, join(home.home, '.claude-2')] as const;
    const emails = ['c1@example.com', 'c2@example.com'];
    dirs.forEach((dir, i) => {
      const expiresAt = Date.now() - 60_000;
      const pair = net.fake.addAccount({ email: emails[i], accessExpiresAt: expiresAt });
      writeAccount({ home: home.home, configDir: dir, email: emails[i], login: { ...pair, expiresAt } });
    });
    const runs = dirs.flatMap((dir) =>
      [0, 1, 2, 3].map(() => runAuthStatus(net.claude, dir, { env: net.env(home.home), timeoutMs: 60_000 })),
    );
    const results = await Promise.all(runs);
    for (const r of results)
      expect(r, r.stderrTail).toMatchObject({ exitCode: 0, loggedIn: true, timedOut: false });
    expect(net.fake.stats.tokenCalls).toEqual({ 'c1@example.com': 1, 'c2@example.com': 1 });
    expect(net.fake.stats.refreshReuse).toBe(0);
    dirs.forEach((dir, i) => {
      expect(readLogin(home.home, dir)?.refreshToken).toBe(net.fake.currentRefreshToken(emails[i]));
    });
  });
});
