import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ClaudeHome,
  makeClaudeHome,
  realClaudeEnv,
  requireRealClaude,
  runTuiWithStatusline,
  writeAccount,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';

/** (d) The interactive TUI in tmux runs the statusLine command, offline, and shows its output. */
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => requireRealClaude());
afterAll(() => home.cleanup());

describe('Claude Code TUI statusLine', () => {
  it('shows the statusLine command output (default config dir, not logged in)', async () => {
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      command: 'echo HELLO-STATUSLINE',
      env: realClaudeEnv(home.home),
      waitFor: 'HELLO-STATUSLINE',
    });
    expect(screen).toContain('HELLO-STATUSLINE');
  });

  it('passes CLAUDE_CONFIG_DIR to the command and JSON on stdin (logged-in config dir)', async () => {
    const dir = join(home.home, '.claude-2');
    writeAccount({
      home: home.home,
      configDir: dir,
      email: 'tui@example.com',
      login: {
        accessToken: 'sk-ant-oat01-test-tui',
        refreshToken: 'sk-ant-ort01-test-tui',
        expiresAt: Date.now() + 3_600_000,
        subscriptionType: 'max',
      },
    });
    const command = `printf 'CFG=%s V=%s\\n' "$(basename "$CLAUDE_CONFIG_DIR")" "$(grep -o '"version":"[^"]*"' | head -n1)"`;
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      configDir: dir,
      command,
      env: realClaudeEnv(home.home),
      waitFor: /CFG=\.claude-2 V="version":"\d+\.\d+\.\d+"/,
    });
    expect(screen).not.toContain('Not logged in');
  });
});
