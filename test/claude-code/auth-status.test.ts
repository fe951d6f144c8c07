import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import {
  type ClaudeHome,
  makeClaudeHome,
  readCredentials,
  realClaudeEnv,
  requireRealClaude,
  STUB_LOGIN,
  writeAccount,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';

/**
 * (a) The real CLI reads what we write: `claude auth status` on a hand-written credential file.
 * The tokens are unexpired, so the CLI makes no token call (only a `HEAD /api/hello` probe, which
 * fails harmlessly offline); no namespace is needed.
 */
const HOUR = 3_600_000;
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => requireRealClaude());
afterAll(() => home.cleanup());

describe('real claude auth status', () => {
  it('reports loggedIn true for a written login, in the default and another config dir', async () => {
    const login = {
      accessToken: 'sk-ant-oat01-test-a1',
      refreshToken: 'sk-ant-ort01-test-a1',
      expiresAt: Date.now() + 8 * HOUR,
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_20x',
    };
    const other = join(home.home, '.claude-2');
    writeAccount({ home: home.home, configDir: null, email: 'default@example.com', login });
    writeAccount({
      home: home.home,
      configDir: other,
      email: 'second@example.com',
      login: { ...login, accessToken: 'sk-ant-oat01-test-b1', refreshToken: 'sk-ant-ort01-test-b1' },
    });
    const env = realClaudeEnv(home.home);
    const [first, second] = await Promise.all([
      runAuthStatus(setup().bin, null, { env }),
      runAuthStatus(setup().bin, other, { env }),
    ]);
    expect(first).toMatchObject({
      exitCode: 0,
      loggedIn: true,
      email: 'default@example.com',
      timedOut: false,
    });
    expect(second).toMatchObject({
      exitCode: 0,
      loggedIn: true,
      email: 'second@example.com',
      timedOut: false,
    });
    // Nothing was refreshed: the stored pair is what we wrote.
    expect((readCredentials(home.home, null).claudeAiOauth as { refreshToken: string }).refreshToken).toBe(
      'sk-ant-ort01-test-a1',
    );
  });

  it('reports not logged in (exit 1) for the logged-out stub and for a missing login', async () => {
    const dead = join(home.home, '.claude-dead');
    const none = join(home.home, '.claude-none');
    writeAccount({ home: home.home, configDir: dead, email: 'dead@example.com', login: STUB_LOGIN });
    writeAccount({ home: home.home, configDir: none, email: 'none@example.com', login: null });
    const env = realClaudeEnv(home.home);
    for (const dir of [dead, none]) {
      const status = await runAuthStatus(setup().bin, dir, { env });
      expect(status, dir).toMatchObject({ exitCode: 1, loggedIn: false, timedOut: false });
    }
  });

  it('ignores CLAUDE_CODE_OAUTH_TOKEN and ANTHROPIC_API_KEY in the parent environment', async () => {
    const dead = join(home.home, '.claude-dead');
    const env = realClaudeEnv(home.home, {
      CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-env',
      ANTHROPIC_API_KEY: 'sk-ant-api03-test-env',
    });
    const status = await runAuthStatus(setup().bin, dead, { env });
    expect(status).toMatchObject({ loggedIn: false });
  });
});
