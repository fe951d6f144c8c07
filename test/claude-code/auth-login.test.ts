import { afterAll, describe, expect, it } from 'vitest';
import { startLogin } from '../../shared/adapters/claude/auth-login';
import { type ClaudeHome, makeClaudeHome, realClaudeEnv, requireRealClaude } from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';

/**
 * Re-login (docs/contracts.md "Re-login") against the real CLI's output: `claude auth login --claudeai --email`
 * prints the sign-in URL without a TTY and then waits; cancel ends it. No browser, no network.
 */
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => requireRealClaude());
afterAll(() => home.cleanup());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('real claude auth login', () => {
  it('reports the sign-in URL with the login hint, and cancel ends the child', async () => {
    const login = startLogin(setup().bin, {
      configDir: null,
      email: 'relogin@example.com',
      env: realClaudeEnv(home.home, { BROWSER: 'true' }),
      timeoutMs: 30_000,
      killGraceMs: 1000,
    });
    let pid = 0;
    login.onProgress((event) => {
      if (event.type === 'started') pid = event.pid ?? 0;
      if (event.type === 'url') login.cancel();
    });
    const result = await login.promise;
    expect(result).toMatchObject({ ok: false, cancelled: true, timedOut: false });
    expect(result.url).toMatch(/^https:\/\/claude\.(ai|com)\/.*oauth\/authorize\?/);
    expect(result.url).toContain('login_hint=relogin%40example.com');
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });
});
